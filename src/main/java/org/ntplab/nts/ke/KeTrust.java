package org.ntplab.nts.ke;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificates an NTS-KE server may present: a chain to a trusted CA (the JDK's PKIX
 * validation, against its default trust store or the CAs of a PEM file) that names the host asked
 * ({@link ServerIdentity}). Bouncy Castle's low-level TLS checks neither: without this, any
 * certificate would do. Revocation is not checked.
 */
public final class KeTrust {

  private final X509TrustManager manager;
  private final String anchors;

  private KeTrust(X509TrustManager manager, String anchors) {
    this.manager = manager;
    this.anchors = anchors;
  }

  /** The CAs the JDK trusts ({@code lib/security/cacerts}, or {@code javax.net.ssl.trustStore}). */
  public static KeTrust system() {
    return new KeTrust(manager(null), "the JDK's trusted CAs");
  }

  /**
   * The CAs in a PEM file (one certificate or more), and no others.
   *
   * @throws IllegalArgumentException when the file holds no certificate, with a one-line message
   * @throws IOException when it cannot be read
   */
  public static KeTrust fromPem(Path file) throws IOException {
    List<X509Certificate> cas;
    try (InputStream in = Files.newInputStream(file)) {
      cas =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(file + " is not a PEM certificate: " + e.getMessage());
    }
    if (cas.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no certificate (PEM, BEGIN CERTIFICATE)");
    }
    return of(cas, "the CAs in " + file);
  }

  /** Exactly the CAs {@code cas}; {@code anchors} says which, for messages. */
  public static KeTrust of(List<X509Certificate> cas, String anchors) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      return new KeTrust(manager(store), anchors);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("an in-memory key store failed: " + e.getMessage(), e);
    }
  }

  /**
   * Why the server's {@code chain} (its own certificate first) is not to be trusted for {@code
   * host}, in one line, or empty when it is.
   */
  public Optional<String> problem(List<X509Certificate> chain, String host) {
    if (chain.isEmpty()) {
      return Optional.of("the server sent no certificate");
    }
    X509Certificate leaf = chain.get(0);
    try {
      // TLS 1.3 has no key-exchange "auth type"; UNKNOWN asks for a certificate that may sign.
      manager.checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN");
    } catch (java.security.cert.CertificateException e) {
      return Optional.of(
          "the certificate of "
              + leaf.getSubjectX500Principal().getName()
              + " is not trusted: "
              + why(e, leaf));
    }
    return ServerIdentity.mismatch(leaf, host)
        .map(
            m ->
                "the certificate of "
                    + leaf.getSubjectX500Principal().getName()
                    + " is wrong for this server: "
                    + m);
  }

  private String why(Throwable e, X509Certificate leaf) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertPathBuilderException) {
        return "it does not chain to "
            + anchors
            + " (issuer "
            + leaf.getIssuerX500Principal().getName()
            + ")";
      }
      if (t instanceof CertificateExpiredException
          || t instanceof CertificateNotYetValidException) {
        return "outside its validity, "
            + leaf.getNotBefore().toInstant()
            + " to "
            + leaf.getNotAfter().toInstant();
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage()).lines().findFirst().orElse("(no reason given)");
  }

  private static X509TrustManager manager(KeyStore store) {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (TrustManager m : factory.getTrustManagers()) {
        if (m instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK's PKIX trust manager factory made no X.509 manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's PKIX trust manager failed: " + e.getMessage(), e);
    }
  }
}
