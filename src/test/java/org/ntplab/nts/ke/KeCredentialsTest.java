package org.ntplab.nts.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.testing.TestCertificates;

/** A server's certificate and key from PEM files: what is taken, and each refusal in one line. */
class KeCredentialsTest {

  private static final TestCertificates.Issued SERVER =
      TestCertificates.selfSigned("localhost", "DNS:localhost");

  @TempDir Path dir;

  @Test
  void aPkcs8KeyAndItsCertificateAreTaken() throws IOException {
    KeCredentials credentials =
        KeCredentials.fromPem(cert(), write("k.pem", SERVER.privateKeyPem()));
    assertEquals(SERVER.certificate(), credentials.chain().get(0));
  }

  @Test
  void anSec1EcKeyAsOpensslEcparamWritesItIsTaken() throws IOException {
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(SERVER.keys().getPrivate());
    }
    // JcaPEMWriter writes an EC key the traditional way, as openssl ecparam -genkey does.
    assertEquals(true, pem.toString().startsWith("-----BEGIN EC PRIVATE KEY-----"), pem.toString());
    KeCredentials.fromPem(cert(), write("ec.pem", pem.toString()));
  }

  @Test
  void anotherCertificatesKeyIsRefused() throws IOException {
    TestCertificates.Issued other = TestCertificates.selfSigned("other");
    Path key = write("other.key", other.privateKeyPem());
    assertEquals(
        "the key in " + key + " is not the key of the certificate in " + cert() + " (CN=localhost)",
        refusal(cert(), key));
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    Path missing = dir.resolve("nope.crt");
    assertEquals(
        "the certificate file " + missing + " does not exist",
        refusal(missing, write("k.pem", SERVER.privateKeyPem())));
  }

  @Test
  void aFileWithoutACertificateIsRefused() throws IOException {
    Path notPem = write("key-as-cert.pem", SERVER.privateKeyPem());
    assertEquals(
        notPem + " holds no certificate (PEM, -----BEGIN CERTIFICATE-----)",
        refusal(notPem, notPem));
  }

  @Test
  void aCertificateGivenAsTheKeyIsRefused() throws IOException {
    assertEquals(
        cert() + " holds no private key (PEM, -----BEGIN PRIVATE KEY-----)",
        refusal(cert(), cert()));
  }

  @Test
  void anEncryptedKeyIsRefusedWithTheCommandThatDecryptsIt() throws IOException {
    Path key =
        write(
            "enc.key",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertEquals(
        key
            + " is encrypted: ntplab reads unencrypted keys (openssl pkey -in "
            + key
            + " -out server.key)",
        refusal(cert(), key));
  }

  private String refusal(Path cert, Path key) {
    return assertThrows(IllegalArgumentException.class, () -> KeCredentials.fromPem(cert, key))
        .getMessage();
  }

  private Path cert() throws IOException {
    return write("server.crt", SERVER.certificatePem());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
