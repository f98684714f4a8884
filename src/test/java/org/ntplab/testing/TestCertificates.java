package org.ntplab.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * EC P-256 certificates made for a test: a CA, servers it issues, and self-signed servers (as
 * chrony's {@code ntsservercert} usually is). Valid from an hour ago for a day.
 */
public final class TestCertificates {

  /** A key pair and the certificate for its public key. */
  public record Issued(KeyPair keys, X509Certificate certificate) {

    /** The certificate as PEM. */
    public String certificatePem() {
      return pem(certificate);
    }

    /** The private key as PKCS #8 PEM, for a server's key file. */
    public String privateKeyPem() {
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(keys.getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    }
  }

  private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

  private TestCertificates() {}

  /** A CA named {@code CN=name}: it signs certificates, it serves nothing. */
  public static Issued authority(String name) {
    KeyPair keys = keyPair();
    return new Issued(keys, build(name, keys, name, keys, true, new String[0]));
  }

  /** A server certificate for {@code names} ({@code DNS:localhost}, {@code IP:127.0.0.1}). */
  public static Issued server(Issued ca, String name, String... names) {
    KeyPair keys = keyPair();
    String issuer = ca.certificate().getSubjectX500Principal().getName();
    return new Issued(keys, build(name, keys, issuer, ca.keys(), false, names));
  }

  /** A server certificate that is its own issuer. */
  public static Issued selfSigned(String name, String... names) {
    KeyPair keys = keyPair();
    return new Issued(keys, build(name, keys, name, keys, false, names));
  }

  private static X509Certificate build(
      String subject,
      KeyPair subjectKeys,
      String issuer,
      KeyPair issuerKeys,
      boolean ca,
      String[] names) {
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              new X500Name(issuer.startsWith("CN=") ? issuer : "CN=" + issuer),
              new BigInteger(64, new SecureRandom()).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(1))),
              new X500Name(subject.startsWith("CN=") ? subject : "CN=" + subject),
              subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      }
      if (names.length > 0) {
        GeneralName[] general =
            Arrays.stream(names)
                .map(
                    n ->
                        n.startsWith("IP:")
                            ? new GeneralName(GeneralName.iPAddress, n.substring(3))
                            : new GeneralName(GeneralName.dNSName, n.replaceFirst("^DNS:", "")))
                .toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(general));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA")
                      .setProvider(PROVIDER)
                      .build(issuerKeys.getPrivate())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }

  private static KeyPair keyPair() {
    try {
      // Bouncy Castle's keys encode their public point too, which GnuTLS (chrony) requires.
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC P-256 in this JDK", e);
    }
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
