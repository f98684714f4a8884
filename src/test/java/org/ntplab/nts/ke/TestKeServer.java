package org.ntplab.nts.ke;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.ntplab.nts.Aead;
import org.ntplab.nts.NtsKeys;
import org.ntplab.testing.TestCertificates;

/**
 * An NTS-KE server for one connection on loopback, on Bouncy Castle's TLS server side: TLS 1.3, the
 * ALPN names it is given, {@code identity}'s certificate; it reads the request's records and
 * answers with what {@code respond} makes of them. It exports the keys from its side, so that a
 * test can compare them with the client's.
 */
public final class TestKeServer implements AutoCloseable {

  private final ServerSocket listener;
  private final CompletableFuture<Map<Aead, NtsKeys>> served;

  public TestKeServer(
      TestCertificates.Issued identity,
      List<ProtocolName> alpn,
      Function<List<KeRecord>, byte[]> respond)
      throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    served = CompletableFuture.supplyAsync(() -> serveOne(identity, alpn, respond));
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The keys the server exported for each AEAD, once its one connection is over. */
  public Map<Aead, NtsKeys> serverKeys()
      throws InterruptedException, ExecutionException, TimeoutException {
    return served.get(10, TimeUnit.SECONDS);
  }

  private Map<Aead, NtsKeys> serveOne(
      TestCertificates.Issued identity,
      List<ProtocolName> alpn,
      Function<List<KeRecord>, byte[]> respond) {
    Map<Aead, NtsKeys> keys = new EnumMap<>(Aead.class);
    byte[] der;
    try {
      der = identity.certificate().getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    try (Socket socket = listener.accept()) {
      BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
      TlsServerProtocol protocol =
          new TlsServerProtocol(socket.getInputStream(), socket.getOutputStream());
      protocol.accept(
          new DefaultTlsServer(crypto) {
            @Override
            protected ProtocolVersion[] getSupportedVersions() {
              return ProtocolVersion.TLSv13.only();
            }

            @Override
            protected Vector<ProtocolName> getProtocolNames() {
              return new Vector<>(alpn);
            }

            @Override
            public TlsCredentials getCredentials() throws IOException {
              TlsCertificate certificate = crypto.createCertificate(der);
              return new BcDefaultTlsCredentialedSigner(
                  new TlsCryptoParameters(context),
                  crypto,
                  PrivateKeyFactory.createKey(identity.keys().getPrivate().getEncoded()),
                  new Certificate(
                      new byte[0],
                      new org.bouncycastle.tls.CertificateEntry[] {
                        new org.bouncycastle.tls.CertificateEntry(certificate, null)
                      }),
                  SignatureAndHashAlgorithm.getInstance(
                      HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }

            @Override
            public void notifyHandshakeComplete() throws IOException {
              super.notifyHandshakeComplete();
              for (Aead aead : Aead.values()) {
                keys.put(
                    aead,
                    new NtsKeys(
                        aead,
                        context.exportKeyingMaterial(
                            NtsKeTls.EXPORTER_LABEL,
                            NtsKeTls.exporterContext(aead, false),
                            aead.keyLength()),
                        context.exportKeyingMaterial(
                            NtsKeTls.EXPORTER_LABEL,
                            NtsKeTls.exporterContext(aead, true),
                            aead.keyLength())));
              }
            }
          });
      InputStream in = protocol.getInputStream();
      List<KeRecord> request = KeCodec.read(in, KeCodec.MAX_MESSAGE);
      OutputStream out = protocol.getOutputStream();
      out.write(respond.apply(request));
      out.flush();
      protocol.close();
    } catch (IOException e) {
      // The client refused the handshake, as some tests want: the keys stay empty.
    }
    return keys;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
