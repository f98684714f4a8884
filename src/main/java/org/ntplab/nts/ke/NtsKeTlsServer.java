package org.ntplab.nts.ke;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Vector;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.ntplab.nts.Aead;
import org.ntplab.nts.NtsKeys;

/**
 * The TLS side of an NTS-KE server on Bouncy Castle's low-level API: TLS 1.3 only, ALPN {@code
 * ntske/1} and nothing else (RFC 8915 §4), the server's certificate and key, and the keys exported
 * for every AEAD the server may choose once the handshake is complete, the only time the API allows
 * it: the request that says which one comes after.
 */
final class NtsKeTlsServer extends DefaultTlsServer {

  private final KeCredentials credentials;
  private final Map<Aead, NtsKeys> exported = new EnumMap<>(Aead.class);

  NtsKeTlsServer(KeCredentials credentials) {
    super(new BcTlsCrypto(new SecureRandom()));
    this.credentials = credentials;
  }

  /** The keys for each AEAD of {@link KeAnswer#SUPPORTED}, once the handshake is complete. */
  Map<Aead, NtsKeys> exported() {
    return Map.copyOf(exported);
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.TLSv13.only();
  }

  @Override
  protected Vector<ProtocolName> getProtocolNames() {
    return NtsKeTls.alpn();
  }

  @Override
  public TlsCredentials getCredentials() throws IOException {
    CertificateEntry[] entries = new CertificateEntry[credentials.chain().size()];
    try {
      for (int i = 0; i < entries.length; i++) {
        entries[i] =
            new CertificateEntry(
                getCrypto().createCertificate(credentials.chain().get(i).getEncoded()), null);
      }
    } catch (CertificateEncodingException e) {
      throw new TlsFatalAlert(AlertDescription.internal_error, e);
    }
    return new BcDefaultTlsCredentialedSigner(
        new TlsCryptoParameters(context),
        (BcTlsCrypto) getCrypto(),
        PrivateKeyFactory.createKey(credentials.pkcs8()),
        new Certificate(new byte[0], entries),
        credentials.signature());
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    // A client that offered no ALPN at all gets here with none agreed: NTS-KE is ntske/1 only.
    if (!ProtocolName.NTSKE_1.equals(
        context.getSecurityParametersConnection().getApplicationProtocol())) {
      throw new TlsFatalAlert(AlertDescription.no_application_protocol, "ALPN ntske/1 not offered");
    }
    for (Aead aead : KeAnswer.SUPPORTED) {
      exported.put(aead, NtsKeTls.export(context, aead));
    }
  }
}
