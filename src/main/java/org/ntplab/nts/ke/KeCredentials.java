package org.ntplab.nts.ke;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;

/**
 * An NTS-KE server's certificate chain and private key, read from PEM files and checked to belong
 * together. Keys as PKCS #8 ({@code BEGIN PRIVATE KEY}, what {@code openssl req -newkey} writes),
 * SEC 1 ({@code BEGIN EC PRIVATE KEY}) or PKCS #1 ({@code BEGIN RSA PRIVATE KEY}), unencrypted; EC
 * P-256, P-384 or P-521, RSA, or Ed25519. Every refusal is one line that names the file.
 */
public final class KeCredentials {

  private static final Pattern KEY_PEM =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----(.*?)-----END \\1PRIVATE KEY-----",
          Pattern.DOTALL);

  private final List<X509Certificate> chain;
  private final byte[] pkcs8;
  private final SignatureAndHashAlgorithm signature;

  private KeCredentials(
      List<X509Certificate> chain, byte[] pkcs8, SignatureAndHashAlgorithm signature) {
    this.chain = List.copyOf(chain);
    this.pkcs8 = pkcs8.clone();
    this.signature = signature;
  }

  /**
   * The certificates of {@code certFile} (the server's first, then any intermediates) and the key
   * of {@code keyFile}.
   *
   * @throws IllegalArgumentException in one line: a file missing or unreadable, not PEM, an
   *     encrypted or unsupported key, or a key that is not the certificate's
   */
  public static KeCredentials fromPem(Path certFile, Path keyFile) {
    List<X509Certificate> chain = certificates(certFile, read(certFile, "certificate"));
    byte[] pkcs8 = pkcs8(keyFile, new String(read(keyFile, "key"), StandardCharsets.US_ASCII));
    PrivateKey key = privateKey(keyFile, pkcs8);
    X509Certificate leaf = chain.get(0);
    if (!key.getAlgorithm().equals(leaf.getPublicKey().getAlgorithm()) || !signs(key, leaf)) {
      throw new IllegalArgumentException(
          "the key in "
              + keyFile
              + " is not the key of the certificate in "
              + certFile
              + " ("
              + leaf.getSubjectX500Principal().getName()
              + ")");
    }
    return new KeCredentials(chain, pkcs8, signature(keyFile, leaf));
  }

  /** The chain as sent in the handshake, the server's certificate first. */
  public List<X509Certificate> chain() {
    return chain;
  }

  /** The private key as PKCS #8 DER, what Bouncy Castle's signer is made from. */
  byte[] pkcs8() {
    return pkcs8.clone();
  }

  /** The TLS 1.3 signature scheme the key signs the handshake with. */
  SignatureAndHashAlgorithm signature() {
    return signature;
  }

  private static byte[] read(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the " + what + " file " + file + " does not exist");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(
          "the " + what + " file " + file + " cannot be read: permission denied");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "the " + what + " file " + file + " cannot be read: " + e.getMessage());
    }
  }

  private static List<X509Certificate> certificates(Path file, byte[] bytes) {
    List<X509Certificate> chain;
    try {
      chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes))
              .stream()
              .map(X509Certificate.class::cast)
              .toList();
    } catch (CertificateException e) {
      chain = List.of();
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          file + " holds no certificate (PEM, -----BEGIN CERTIFICATE-----)");
    }
    return chain;
  }

  /** The key of a PEM file as PKCS #8 DER, SEC 1 and PKCS #1 wrapped as PKCS #8 says. */
  private static byte[] pkcs8(Path file, String text) {
    Matcher pem = KEY_PEM.matcher(text);
    if (!pem.find()) {
      throw new IllegalArgumentException(
          file + " holds no private key (PEM, -----BEGIN PRIVATE KEY-----)");
    }
    String kind = pem.group(1).strip();
    if (kind.equals("ENCRYPTED") || pem.group(2).contains("Proc-Type: 4,ENCRYPTED")) {
      throw new IllegalArgumentException(
          file
              + " is encrypted: ntplab reads unencrypted keys (openssl pkey -in "
              + file
              + " -out server.key)");
    }
    if (!List.of("", "EC", "RSA").contains(kind)) {
      throw new IllegalArgumentException(
          file + ": a " + kind + " private key (expected PKCS #8, EC or RSA)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.group(2).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": the private key is not valid base64");
    }
    try {
      return switch (kind) {
        case "" -> der;
        case "EC" -> {
          ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
          yield new PrivateKeyInfo(
                  new AlgorithmIdentifier(
                      X9ObjectIdentifiers.id_ecPublicKey, sec1.getParametersObject()),
                  sec1)
              .getEncoded();
        }
        case "RSA" ->
            new PrivateKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    RSAPrivateKey.getInstance(der))
                .getEncoded();
        default -> throw new IllegalStateException("kind checked above: " + kind);
      };
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + ": the private key does not decode");
    }
  }

  private static PrivateKey privateKey(Path file, byte[] pkcs8) {
    for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IllegalArgumentException(
        file + ": the private key is not EC, RSA or Ed25519 (or does not decode)");
  }

  /** Whether {@code key} makes signatures the certificate's public key verifies. */
  private static boolean signs(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          default -> "Ed25519";
        };
    byte[] probe = "ntplab: is this the certificate's key?".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signed = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signed);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static SignatureAndHashAlgorithm signature(Path file, X509Certificate leaf) {
    if (leaf.getPublicKey() instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      short hash =
          switch (bits) {
            case 256 -> HashAlgorithm.sha256;
            case 384 -> HashAlgorithm.sha384;
            case 521 -> HashAlgorithm.sha512;
            default ->
                throw new IllegalArgumentException(
                    file + ": an EC key of " + bits + " bits (TLS 1.3 takes P-256, P-384, P-521)");
          };
      return SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.ecdsa);
    }
    return leaf.getPublicKey().getAlgorithm().equals("RSA")
        ? SignatureAndHashAlgorithm.rsa_pss_rsae_sha256
        : SignatureAndHashAlgorithm.ed25519;
  }
}
