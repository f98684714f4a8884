package org.ntplab.nts.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.tls.TlsClientProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.nts.Aead;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.CookieJar;
import org.ntplab.nts.CookieOpening;
import org.ntplab.testing.TestCertificates;

/**
 * The NTS-KE server on loopback, asked by our own client ({@link KeClient}) and by a raw TLS client
 * that sends what a well-behaved client would not.
 */
class KeServerTest {

  private static final TestCertificates.Issued CA = TestCertificates.authority("ntplab test CA");
  private static final TestCertificates.Issued LOCALHOST =
      TestCertificates.server(CA, "localhost", "DNS:localhost", "IP:127.0.0.1");
  private static final KeTrust TRUST_CA = KeTrust.of(List.of(CA.certificate()), "the test CA");
  private static final int NTP_PORT = 1123;

  @TempDir Path dir;

  private final CookieJar jar =
      new CookieJar(Clock.systemUTC(), Duration.ofHours(1), new SecureRandom());
  private final List<String> log = new CopyOnWriteArrayList<>();
  private KeServer server;

  @BeforeEach
  void start() throws IOException {
    server = start(KeServer.Options.of(loopback(), NTP_PORT));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void agreesOnAes256SivAndItsCookiesOpenToTheKeysTheClientExported() {
    KeResult.Agreed agreed = agreed(exchange(KeRequest.DEFAULT_AEADS));
    assertEquals(Aead.AES_SIV_CMAC_256, agreed.keys().aead());
    assertEquals(KeAnswer.COOKIES, agreed.cookies().size());
    for (KeBody.NewCookie cookie : agreed.cookies()) {
      assertEquals(new CookieOpening.Opened(agreed.keys()), jar.open(new Cookie(cookie.cookie())));
    }
    assertEquals("127.0.0.1", agreed.ntpServer());
    assertEquals(NTP_PORT, agreed.ntpPort(), "announced by Port Negotiation");
    assertEquals(1, server.agreed());
  }

  @Test
  void choosesTheFirstOfTheClientsListItSupports() {
    KeResult.Agreed agreed =
        agreed(
            exchange(List.of(Aead.AES_SIV_CMAC_384, Aead.AES_SIV_CMAC_512, Aead.AES_SIV_CMAC_256)));
    assertEquals(Aead.AES_SIV_CMAC_512, agreed.keys().aead());
    assertEquals(64, agreed.keys().c2s().length);
    assertEquals(
        new CookieOpening.Opened(agreed.keys()),
        jar.open(new Cookie(agreed.cookies().get(0).cookie())));
  }

  @Test
  void anOfferOfNothingItSupportsGetsAnEmptyAeadRecordAndNoCookies() {
    KeResult.Refused refused =
        assertInstanceOf(KeResult.Refused.class, exchange(List.of(Aead.AES_SIV_CMAC_384)));
    assertTrue(
        refused.records().contains(new KeRecord(true, new KeBody.AeadAlgorithm(List.of()))),
        refused.records().toString());
    assertTrue(refused.records().stream().noneMatch(r -> r.body() instanceof KeBody.NewCookie));
    assertTrue(log.get(0).contains("nothing in common"), log.toString());
  }

  @Test
  void onPort123NoPortRecordIsSent() throws IOException {
    server.close();
    server = start(KeServer.Options.of(loopback(), 123));
    KeResult.Agreed agreed = agreed(exchange(KeRequest.DEFAULT_AEADS));
    assertEquals(123, agreed.ntpPort());
    assertTrue(agreed.records().stream().noneMatch(r -> r.body() instanceof KeBody.Port));
  }

  @Test
  void anUnknownCriticalRecordIsAnsweredWithError0() throws IOException {
    // Next Protocol NTPv4, AEAD 15, a critical record of type 0x1234, End of Message.
    List<KeRecord> answer =
        raw(KeCodecTest.hex("8001 0002 0000 8004 0002 000f 9234 0000 8000 0000"));
    assertEquals(List.of(error(ErrorCode.UNRECOGNIZED_CRITICAL_RECORD), end()), answer);
    assertTrue(log.get(0).contains("Error 0 (Unrecognized Critical Record)"), log.toString());
  }

  @Test
  void anUnknownRecordNotMarkedCriticalIsIgnored() throws IOException {
    List<KeRecord> answer =
        raw(KeCodecTest.hex("8001 0002 0000 8004 0002 000f 1234 0000 8000 0000"));
    assertTrue(answer.contains(new KeRecord(true, new KeBody.AeadAlgorithm(List.of(15)))));
  }

  @Test
  void aRequestWithoutNextProtocolIsABadRequest() throws IOException {
    List<KeRecord> answer = raw(KeCodecTest.hex("8004 0002 000f 8000 0000"));
    assertEquals(List.of(error(ErrorCode.BAD_REQUEST), end()), answer);
  }

  @Test
  void aRecordLongerThanAnyRequestIsABadRequest() throws IOException {
    // Next Protocol announcing a body of 0x2000 bytes: refused before they are read.
    assertEquals(
        List.of(error(ErrorCode.BAD_REQUEST), end()), raw(KeCodecTest.hex("8001 2000 0000")));
  }

  @Test
  void aRequestThatOffersOnlyAnotherProtocolGetsAnEmptyNextProtocol() throws IOException {
    List<KeRecord> answer = raw(KeCodecTest.hex("8001 0002 8000 8000 0000"));
    assertEquals(List.of(new KeRecord(true, new KeBody.NextProtocol(List.of())), end()), answer);
  }

  @Test
  void aClientThatSaysNothingLosesItsSessionAtTheLimit() throws IOException {
    server.close();
    server = start(new KeServer.Options(loopback(), NTP_PORT, Duration.ofMillis(200), 1));
    try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      silent.setSoTimeout(10_000);
      assertEquals(-1, silent.getInputStream().read(), "the server closed the connection");
    }
    // The one session thread is free again: the next client is served.
    agreed(exchange(KeRequest.DEFAULT_AEADS));
  }

  private KeServer start(KeServer.Options options) throws IOException {
    Path cert = Files.writeString(dir.resolve("server.crt"), LOCALHOST.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), LOCALHOST.privateKeyPem());
    return KeServer.start(options, KeCredentials.fromPem(cert, key), jar, log::add);
  }

  private KeResult exchange(List<Aead> aeads) {
    return new KeClient(KeClient.Options.defaults().withTrust(TRUST_CA).withAeads(aeads))
        .exchange("127.0.0.1", server.address().getPort());
  }

  /** {@code request} sent as is over a real NTS-KE TLS session; the records that come back. */
  private List<KeRecord> raw(byte[] request) throws IOException {
    return raw(server.address().getPort(), TRUST_CA, request);
  }

  /**
   * {@code request} sent as is to the NTS-KE server on {@code port}; the records that come back.
   */
  static List<KeRecord> raw(int port, KeTrust trust, byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      TlsClientProtocol protocol =
          new TlsClientProtocol(socket.getInputStream(), socket.getOutputStream());
      protocol.connect(new NtsKeTls("127.0.0.1", trust, KeRequest.DEFAULT_AEADS));
      OutputStream out = protocol.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = protocol.getInputStream();
      return KeCodec.read(in, KeCodec.MAX_MESSAGE);
    }
  }

  private static KeResult.Agreed agreed(KeResult result) {
    return assertInstanceOf(KeResult.Agreed.class, result, result.toString());
  }

  private static KeRecord error(ErrorCode code) {
    return new KeRecord(true, new KeBody.Error(code.code()));
  }

  private static KeRecord end() {
    return new KeRecord(true, new KeBody.EndOfMessage());
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }
}
