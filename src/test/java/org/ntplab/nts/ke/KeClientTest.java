package org.ntplab.nts.ke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bouncycastle.tls.ProtocolName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.testing.TestCertificates;
import org.ntplab.testing.TestCertificates.Issued;

/**
 * The client against a real TLS 1.3 server on loopback ({@link TestKeServer}, Bouncy Castle's
 * server side): what it sends, the keys it exports, and each way an exchange is refused.
 */
class KeClientTest {

  private static final Issued CA = TestCertificates.authority("ntplab test CA");
  private static final Issued LOCALHOST =
      TestCertificates.server(CA, "localhost", "DNS:localhost", "IP:127.0.0.1");
  private static final KeTrust TRUST_CA = KeTrust.of(List.of(CA.certificate()), "the test CA");

  private static final List<ProtocolName> NTSKE = List.of(ProtocolName.NTSKE_1);

  private static KeResult exchange(
      Issued identity, List<ProtocolName> alpn, byte[] response, KeTrust trust, String host)
      throws Exception {
    try (TestKeServer server = new TestKeServer(identity, alpn, request -> response)) {
      return new KeClient(KeClient.Options.defaults().withTrust(trust))
          .exchange(host, server.port());
    }
  }

  @Test
  void agreesOnTheAeadAndExportsTheSameKeysAsTheServer() throws Exception {
    byte[] response = KeCodecTest.chronyLikeResponse(8);
    try (TestKeServer server = new TestKeServer(LOCALHOST, NTSKE, request -> response)) {
      KeResult result =
          new KeClient(KeClient.Options.defaults().withTrust(TRUST_CA))
              .exchange("localhost", server.port());

      KeResult.Agreed agreed = assertInstanceOf(KeResult.Agreed.class, result, result.toString());
      Map<Aead, SessionKeys> serverSide = server.serverKeys();
      assertEquals(serverSide.get(Aead.AES_SIV_CMAC_256), agreed.keys());
      assertEquals(32, agreed.keys().c2s().length);
      assertTrue(
          !java.util.Arrays.equals(agreed.keys().c2s(), agreed.keys().s2c()),
          "C2S and S2C differ: the context's last byte tells them apart");
      assertEquals(8, agreed.cookies().size());
      // chronyLikeResponse's first cookie is 100 zero bytes, its second 100 bytes of 01.
      assertArrayEquals(new byte[100], agreed.cookies().get(0).cookie());
      assertEquals(1, agreed.cookies().get(1).cookie()[99]);
      assertEquals(KeCodec.decode(response), agreed.records());
      assertEquals("localhost", agreed.ntpServer());
      assertEquals(123, agreed.ntpPort());
    }
  }

  @Test
  void sendsTheRequestItsCodecBuilds() throws Exception {
    List<List<KeRecord>> seen = new java.util.ArrayList<>();
    try (TestKeServer server =
        new TestKeServer(
            LOCALHOST,
            NTSKE,
            request -> {
              seen.add(request);
              return KeCodecTest.chronyLikeResponse(1);
            })) {
      new KeClient(KeClient.Options.defaults().withTrust(TRUST_CA))
          .exchange("127.0.0.1", server.port());
      server.serverKeys();
    }
    assertEquals(List.of(KeRequest.records(KeRequest.DEFAULT_AEADS)), seen);
  }

  @Test
  void aCertificateForAnotherNameIsRefusedWithTheNamesItHas() throws Exception {
    Issued other = TestCertificates.server(CA, "time.example", "DNS:time.example");
    KeResult result =
        exchange(other, NTSKE, KeCodecTest.chronyLikeResponse(1), TRUST_CA, "localhost");
    KeResult.Failed failed = failed(result);
    assertEquals(KeResult.Stage.CERTIFICATE, failed.stage());
    assertEquals(
        "the certificate of CN=time.example is wrong for this server: it is for time.example, not"
            + " localhost",
        failed.reason());
  }

  @Test
  void anAddressIsCheckedAgainstTheIpNamesNotTheDnsOnes() throws Exception {
    Issued dnsOnly = TestCertificates.server(CA, "localhost", "DNS:localhost");
    KeResult result =
        exchange(dnsOnly, NTSKE, KeCodecTest.chronyLikeResponse(1), TRUST_CA, "127.0.0.1");
    KeResult.Failed failed = failed(result);
    assertEquals(
        "the certificate of CN=localhost is wrong for this server: it is for localhost, not 127.0.0.1",
        failed.reason());
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedAsUntrusted() throws Exception {
    Issued stranger = TestCertificates.selfSigned("localhost", "DNS:localhost", "IP:127.0.0.1");
    KeResult result =
        exchange(stranger, NTSKE, KeCodecTest.chronyLikeResponse(1), TRUST_CA, "localhost");
    KeResult.Failed failed = failed(result);
    assertEquals(KeResult.Stage.CERTIFICATE, failed.stage());
    assertEquals(
        "the certificate of CN=localhost is not trusted: it does not chain to the test CA (issuer"
            + " CN=localhost)",
        failed.reason());
  }

  @Test
  void theSystemTrustStoreDoesNotTrustATestCa() throws Exception {
    KeResult result =
        exchange(
            LOCALHOST, NTSKE, KeCodecTest.chronyLikeResponse(1), KeTrust.system(), "localhost");
    KeResult.Failed failed = failed(result);
    assertTrue(
        failed.reason().contains("does not chain to the JDK's trusted CAs"), failed.reason());
  }

  @Test
  void aPemFileOfCasIsTrusted(@TempDir Path dir) throws Exception {
    Path pem = Files.writeString(dir.resolve("ca.pem"), CA.certificatePem());
    KeResult result =
        exchange(
            LOCALHOST, NTSKE, KeCodecTest.chronyLikeResponse(1), KeTrust.fromPem(pem), "localhost");
    assertInstanceOf(KeResult.Agreed.class, result, result.toString());
  }

  @Test
  void aServerThatSpeaksAnotherProtocolEndsTheHandshakeAndTheReasonSaysWhy() throws Exception {
    KeResult result =
        exchange(
            LOCALHOST,
            List.of(ProtocolName.HTTP_1_1),
            KeCodecTest.chronyLikeResponse(1),
            TRUST_CA,
            "localhost");
    KeResult.Failed failed = failed(result);
    assertEquals(KeResult.Stage.HANDSHAKE, failed.stage());
    assertEquals(
        "the server ended the handshake with TLS alert no_application_protocol(120): it does not"
            + " speak NTS-KE (ALPN ntske/1) on this port",
        failed.reason());
  }

  @Test
  void aServerThatIgnoresAlpnIsRefusedByTheClient() throws Exception {
    // RFC 8915 §4: NTS-KE is ntske/1 over TLS; a server that agrees to no protocol is not one.
    KeResult result =
        exchange(LOCALHOST, List.of(), KeCodecTest.chronyLikeResponse(1), TRUST_CA, "localhost");
    KeResult.Failed failed = failed(result);
    assertEquals(KeResult.Stage.HANDSHAKE, failed.stage());
    assertEquals("the server did not agree to ALPN ntske/1 (it chose none)", failed.reason());
  }

  @Test
  void anErrorRecordIsARefusalThatKeepsTheRecords() throws Exception {
    byte[] response = KeCodecTest.hex("8002 0002 0001 8000 0000");
    KeResult result = exchange(LOCALHOST, NTSKE, response, TRUST_CA, "localhost");
    KeResult.Refused refused = assertInstanceOf(KeResult.Refused.class, result, result.toString());
    assertEquals("the server refused with Error 1 (Bad Request)", refused.reason());
    assertEquals(KeCodec.decode(response), refused.records());
  }

  @Test
  void aResponseCutShortIsAFailureThatSaysWhere() throws Exception {
    byte[] response = KeCodecTest.hex("8001 0002 0000 0005 0064 00");
    KeResult result = exchange(LOCALHOST, NTSKE, response, TRUST_CA, "localhost");
    KeResult.Failed failed = failed(result);
    assertEquals(KeResult.Stage.RESPONSE, failed.stage());
    assertEquals(
        "byte 6 (record 2, New Cookie for NTPv4): the body is 100 bytes, the message ended after 1",
        failed.reason());
  }

  @Test
  void nobodyListeningIsAConnectFailure() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    KeResult result =
        new KeClient(KeClient.Options.defaults().withTrust(TRUST_CA)).exchange("127.0.0.1", port);
    KeResult.Failed failed = failed(result);
    assertEquals(KeResult.Stage.CONNECT, failed.stage());
    assertTrue(
        failed.reason().startsWith("cannot connect to 127.0.0.1 port " + port), failed.reason());
  }

  @Test
  void aServerThatNeverAnswersUsesUpTheBudgetAndNoMore() throws IOException {
    // The ticker runs 600 ms per reading: the 1 s budget is spent by the second read, whatever
    // the wall clock does, and the listener that never speaks costs the test nothing.
    long[] now = {0};
    KeClient.Options options =
        new KeClient.Options(
            Duration.ofSeconds(1), KeRequest.DEFAULT_AEADS, TRUST_CA, () -> now[0] += 600_000_000L);
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      KeResult result = new KeClient(options).exchange("127.0.0.1", silent.getLocalPort());
      KeResult.Failed failed = failed(result);
      assertEquals(KeResult.Stage.HANDSHAKE, failed.stage());
      assertEquals("no answer within 1000 ms", failed.reason());
    }
  }

  private static KeResult.Failed failed(KeResult result) {
    return assertInstanceOf(KeResult.Failed.class, result, result.toString());
  }
}
