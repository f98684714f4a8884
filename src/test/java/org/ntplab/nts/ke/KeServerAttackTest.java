package org.ntplab.nts.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.nts.CookieJar;
import org.ntplab.testing.TestCertificates;

/**
 * Attacks on the NTS-KE server (SECURITY.md, NTS): holding its sessions, flooding it with records,
 * and TLS it must refuse. Each test is a wall climbed; a legitimate client must still get keys.
 */
class KeServerAttackTest {

  private static final TestCertificates.Issued CA = TestCertificates.authority("ntplab test CA");
  private static final TestCertificates.Issued LOCALHOST =
      TestCertificates.server(CA, "localhost", "DNS:localhost", "IP:127.0.0.1");
  private static final KeTrust TRUST_CA = KeTrust.of(List.of(CA.certificate()), "the test CA");

  /** Where attackers connect from: loopback is all of 127/8 on Linux, the client is 127.0.0.1. */
  private static final String ATTACKER = "127.0.0.2";

  @TempDir Path dir;

  private final CookieJar jar =
      new CookieJar(Clock.systemUTC(), Duration.ofHours(1), new SecureRandom());
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<Socket> attackers = new ArrayList<>();
  private KeServer server;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : attackers) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void connectionsThatSayNothingFromAFewHostsLeaveRoomForAnotherClient() throws IOException {
    server = start(KeServer.Options.of(loopback(), 123)); // 5 s a session, 16 at once
    // Far more than the pool and its queue hold, each silent for as long as it is let, from
    // seven hosts: with two sessions each they hold 14 threads, not all 16.
    for (int i = 0; i < 7 * 40; i++) {
      attackers.add(connectFrom("127.0.0." + (2 + i % 7)));
    }
    KeResult result = exchange(Duration.ofSeconds(5));
    assertInstanceOf(KeResult.Agreed.class, result, result + "; log: " + log);
    // 266 connections refused, each counted; the log has a line a second for them, not 266.
    assertTrue(server.unsuccessful() >= 7 * 38, "refusals counted: " + server.unsuccessful());
    long lines = log.stream().filter(line -> line.contains("too many sessions")).count();
    assertTrue(lines < 20, lines + " log lines for refused connections");
  }

  /**
   * Sixteen silent connections from eight hosts, two each, take every session thread: each is let
   * go when its handshake limit (2 s) runs out, not the session's (5 s), so a client queued behind
   * them is served within a budget shorter than a session's limit.
   */
  @Test
  void silentConnectionsFromEightHostsHoldThePoolOnlyForAHandshake() throws IOException {
    server = start(KeServer.Options.of(loopback(), 123)); // 16 threads, 5 s a session
    for (int i = 0; i < 16; i++) {
      attackers.add(connectFrom("127.0.0." + (2 + i % 8)));
    }
    KeResult result = exchange(Duration.ofMillis(4_000));
    assertInstanceOf(KeResult.Agreed.class, result, result + "; log: " + log);
    assertTrue(
        log.stream().anyMatch(l -> l.contains("TLS handshake: not done within 2000 ms")),
        log.toString());
  }

  @Test
  void aClientThatSendsOneByteAtATimeLosesItsSessionAtTheLimit() throws Exception {
    server = start(new KeServer.Options(loopback(), 123, Duration.ofMillis(300), 1));
    Socket slow = connectFrom(ATTACKER);
    attackers.add(slow);
    // A TLS record header announcing a long ClientHello, then a byte every 50 ms: each read is
    // short, only the session's one budget stops it.
    byte[] dribble = KeCodecTest.hex("16 0303 0200");
    boolean cut = false;
    for (int i = 0; i < 200 && !cut; i++) {
      try {
        slow.getOutputStream().write(i < dribble.length ? dribble[i] : 0);
        slow.getOutputStream().flush();
        Thread.sleep(50);
      } catch (SocketException reset) {
        cut = true;
      }
    }
    assertTrue(cut || slow.getInputStream().read() == -1, "the server cut the session");
    // The one session thread is free again.
    assertInstanceOf(KeResult.Agreed.class, exchange(Duration.ofSeconds(5)));
  }

  @Test
  void aClientHelloClaiming16MibIsRefusedAtItsHeaderNotBuffered() throws Exception {
    // A session limit far beyond the read timeout below: only refusing at the header ends this.
    server = start(new KeServer.Options(loopback(), 123, Duration.ofSeconds(60), 1));
    Socket hello = connectFrom(ATTACKER);
    attackers.add(hello);
    // A TLS handshake record of 16 KiB whose ClientHello says it is 0xffffff bytes long.
    OutputStream out = hello.getOutputStream();
    out.write(KeCodecTest.hex("16 0301 4000 01 ffffff"));
    try {
      out.write(new byte[0x4000 - 4]);
      out.flush();
      InputStream in = hello.getInputStream();
      while (in.read() != -1) {
        // an alert, then the end
      }
    } catch (SocketException reset) {
      // closed with our bytes unread: refused as well
    }
    // The session logs as its socket closes: wait for the line, not for a time.
    for (int i = 0; i < 100 && log.isEmpty(); i++) {
      Thread.sleep(100);
    }
    // Bouncy Castle's own limit, 32 KiB a handshake message, is what stops it.
    assertTrue(log.stream().anyMatch(line -> line.contains("16777215 > 32768")), log.toString());
  }

  @Test
  void anEndlessStreamOfRecordsIsRefusedAtTheRequestLimit() throws IOException {
    server = start(KeServer.Options.of(loopback(), 123));
    // Unknown non-critical records of 1000 bytes, which a reader may skip, one after another with
    // no End of Message: the server stops at the one that would take it past 4 KiB, before its
    // body, rather than keep reading.
    StringBuilder hex = new StringBuilder("8001 0002 0000");
    for (int i = 0; i < 4; i++) {
      hex.append(" 1234 03e8 ").append("ab".repeat(1000));
    }
    assertEquals(badRequest(), raw(KeCodecTest.hex(hex.append(" 1234 03e8").toString())));
    assertTrue(log.get(0).contains("past 4096 bytes"), log.toString());
  }

  @Test
  void aRecordClaimingTheLargestLengthIsRefusedBeforeItsBodyIsAwaited() throws IOException {
    server = start(KeServer.Options.of(loopback(), 123));
    // 0xffff bytes announced, none sent: the answer comes at once, not at the session's end.
    assertEquals(badRequest(), raw(KeCodecTest.hex("8001 ffff")));
    assertEquals(badRequest(), raw(KeCodecTest.hex("ffff ffff")));
  }

  @Test
  void aCriticalUnknownRecordIsRefusedEvenAfterAValidRequest() throws IOException {
    server = start(KeServer.Options.of(loopback(), 123));
    List<KeRecord> answer =
        raw(KeCodecTest.hex("8001 0002 0000 8004 0002 000f fff0 0004 00000000 8000 0000"));
    assertEquals(
        List.of(
            new KeRecord(true, new KeBody.Error(ErrorCode.UNRECOGNIZED_CRITICAL_RECORD.code())),
            new KeRecord(true, new KeBody.EndOfMessage())),
        answer);
  }

  @Test
  void tls12IsRefusedInTheHandshake() throws Exception {
    server = start(KeServer.Options.of(loopback(), 123));
    assertThrows(SSLException.class, () -> jsse("TLSv1.2", new String[] {"ntske/1"}));
    assertEquals(0, server.agreed());
  }

  @Test
  void aClientWithoutAlpnGetsNoKeys() throws Exception {
    server = start(KeServer.Options.of(loopback(), 123));
    assertGetsNothing(new String[0]);
  }

  @Test
  void aClientOfferingAnotherProtocolGetsNoKeys() throws Exception {
    server = start(KeServer.Options.of(loopback(), 123));
    assertGetsNothing(new String[] {"http/1.1"});
  }

  /** A TLS 1.3 client with {@code alpn} that sends a valid request must read no record back. */
  private void assertGetsNothing(String[] alpn) throws Exception {
    try {
      List<KeRecord> records = jsse("TLSv1.3", alpn);
      throw new AssertionError("the server answered " + records);
    } catch (IOException refused) {
      // the handshake or the read failed: nothing was agreed
    }
    assertEquals(0, server.agreed());
  }

  /** A request over the JDK's own TLS, with {@code version} and {@code alpn} as given. */
  private List<KeRecord> jsse(String version, String[] alpn) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("ca", CA.certificate());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {version});
      parameters.setApplicationProtocols(alpn);
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      socket.getOutputStream().write(KeRequest.encode(KeRequest.DEFAULT_AEADS));
      socket.getOutputStream().flush();
      return KeCodec.read(socket.getInputStream(), KeCodec.MAX_MESSAGE);
    }
  }

  private KeServer start(KeServer.Options options) throws IOException {
    Path cert = Files.writeString(dir.resolve("server.crt"), LOCALHOST.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), LOCALHOST.privateKeyPem());
    return KeServer.start(options, KeCredentials.fromPem(cert, key), jar, log::add);
  }

  private KeResult exchange(Duration budget) {
    return new KeClient(KeClient.Options.defaults().withTrust(TRUST_CA).withTimeout(budget))
        .exchange("127.0.0.1", server.address().getPort());
  }

  private Socket connectFrom(String address) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
    socket.connect(server.address(), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private List<KeRecord> raw(byte[] request) throws IOException {
    return KeServerTest.raw(server.address().getPort(), TRUST_CA, request);
  }

  private static List<KeRecord> badRequest() {
    return List.of(
        new KeRecord(true, new KeBody.Error(ErrorCode.BAD_REQUEST.code())),
        new KeRecord(true, new KeBody.EndOfMessage()));
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }
}
