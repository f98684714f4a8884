package org.ntplab.nts.ke;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.ntplab.nts.Aead;
import org.ntplab.nts.NtsKeys;

/**
 * The TLS side of an NTS-KE client on Bouncy Castle's low-level API: TLS 1.3 only, ALPN {@code
 * ntske/1} (RFC 8915 §4), the server's certificate put to {@link KeTrust}, and the keys exported
 * for every offered AEAD once the handshake is complete, the only time the API allows it.
 */
final class NtsKeTls extends DefaultTlsClient {

  /** RFC 8915 §4.3's exporter label. */
  static final String EXPORTER_LABEL = "EXPORTER-network-time-security";

  private static final ProtocolName ALPN = ProtocolName.NTSKE_1;

  private final String host;
  private final KeTrust trust;
  private final List<Aead> offered;
  private final Map<Aead, NtsKeys> exported = new EnumMap<>(Aead.class);
  private KeResult.Failed refusal;

  NtsKeTls(String host, KeTrust trust, List<Aead> offered) {
    super(new BcTlsCrypto(new SecureRandom()));
    this.host = host;
    this.trust = trust;
    this.offered = List.copyOf(offered);
  }

  /** The keys for each offered AEAD, once the handshake is complete. */
  Map<Aead, NtsKeys> exported() {
    return Map.copyOf(exported);
  }

  /** Why this side ended the handshake (certificate, ALPN), or empty if it did not. */
  Optional<KeResult.Failed> refusal() {
    return Optional.ofNullable(refusal);
  }

  /**
   * The exporter's context (RFC 8915 §4.3): protocol NTPv4, the AEAD, then 0 for C2S, 1 for S2C.
   */
  static byte[] exporterContext(Aead aead, boolean serverToClient) {
    int id = aead.id();
    return new byte[] {0, 0, (byte) (id >>> 8), (byte) id, (byte) (serverToClient ? 1 : 0)};
  }

  /** What either side offers by ALPN: {@code ntske/1} alone. */
  static Vector<ProtocolName> alpn() {
    Vector<ProtocolName> names = new Vector<>();
    names.add(ALPN);
    return names;
  }

  /** The C2S and S2C keys for {@code aead}, exported from a session whose handshake is done. */
  static NtsKeys export(TlsContext context, Aead aead) {
    return new NtsKeys(
        aead,
        context.exportKeyingMaterial(
            EXPORTER_LABEL, exporterContext(aead, false), aead.keyLength()),
        context.exportKeyingMaterial(
            EXPORTER_LABEL, exporterContext(aead, true), aead.keyLength()));
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.TLSv13.only();
  }

  @Override
  protected Vector<ProtocolName> getProtocolNames() {
    return alpn();
  }

  @Override
  protected Vector<ServerName> getSNIServerNames() {
    // SNI carries names only: an address literal is not sent (RFC 6066 §3).
    if (host.contains(":") || host.matches("[\\d.]+")) {
      return null;
    }
    Vector<ServerName> names = new Vector<>();
    names.add(new ServerName(NameType.host_name, host.getBytes(StandardCharsets.US_ASCII)));
    return names;
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate)
          throws IOException {
        Optional<String> problem = trust.problem(chain(serverCertificate), host);
        if (problem.isPresent()) {
          throw refuse(AlertDescription.bad_certificate, KeResult.Stage.CERTIFICATE, problem.get());
        }
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) {
        return null; // NTS-KE clients are anonymous
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    ProtocolName agreed = context.getSecurityParametersConnection().getApplicationProtocol();
    if (!ALPN.equals(agreed)) {
      throw refuse(
          AlertDescription.no_application_protocol,
          KeResult.Stage.HANDSHAKE,
          "the server did not agree to ALPN "
              + ALPN.getUtf8Decoding()
              + (agreed == null
                  ? " (it chose none)"
                  : " (it chose " + agreed.getUtf8Decoding() + ")"));
    }
    for (Aead aead : offered) {
      exported.put(aead, export(context, aead));
    }
  }

  private TlsFatalAlert refuse(short alert, KeResult.Stage stage, String why) {
    refusal = new KeResult.Failed(stage, why);
    return new TlsFatalAlert(alert, why);
  }

  private static List<X509Certificate> chain(TlsServerCertificate server) throws IOException {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (TlsCertificate c : server.getCertificate().getCertificateList()) {
        chain.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
      }
    } catch (GeneralSecurityException e) {
      throw new TlsFatalAlert(AlertDescription.bad_certificate, e.getMessage(), e);
    }
    return chain;
  }
}
