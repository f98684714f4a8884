package org.ntplab.nts.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.tls.ProtocolName;
import org.junit.jupiter.api.Test;
import org.ntplab.testing.TestCertificates;
import org.ntplab.testing.TestCertificates.Issued;

/**
 * Attacks on the NTS-KE client by a server it trusts for TLS but not for sense (SECURITY.md, NTS):
 * responses that would fill its memory, and negotiation records that point NTP somewhere odd.
 */
class KeClientAttackTest {

  private static final Issued CA = TestCertificates.authority("ntplab test CA");
  private static final Issued LOCALHOST =
      TestCertificates.server(CA, "localhost", "DNS:localhost", "IP:127.0.0.1");
  private static final KeTrust TRUST_CA = KeTrust.of(List.of(CA.certificate()), "the test CA");

  @Test
  void aFloodOfCookiesIsCutAt64KibRatherThanKept() throws Exception {
    // 700 cookies of 100 bytes: the reader stops at 64 KiB, so 10^6 of them cost no more.
    String cookie = "0005 0064 " + "ab".repeat(100) + " ";
    String reason = failed(exchange(response(cookie.repeat(700))));
    assertTrue(reason.contains("past 65536 bytes"), reason);
  }

  @Test
  void aRecordOf64KibIsRefusedBeforeItsBodyIsRead() throws Exception {
    // A New Cookie announcing 0xffff bytes, which are never sent: refused at once, not awaited.
    String reason = failed(exchange(KeCodecTest.hex("8001 0002 0000 8004 0002 000f 0005 ffff")));
    assertTrue(reason.contains("65535 bytes would take the message past 65536"), reason);
  }

  @Test
  void portNegotiationToPort0IsRefused() throws Exception {
    KeResult.Refused refused = refused(exchange(response("8007 0002 0000")));
    assertTrue(refused.reason().contains("port 0"), refused.reason());
  }

  @Test
  void portNegotiationToAPrivilegedPortIsFollowedAsRfc8915Allows() throws Exception {
    // NTP's own port is privileged: a port below 1024 is not a sign of anything.
    assertEquals(25, agreed(exchange(response("8007 0002 0019"))).ntpPort());
  }

  @Test
  void serverNegotiationToAnotherHostIsFollowed() throws Exception {
    // RFC 8915 §4.1.7: NTP goes to the host the authenticated NTS-KE server names, and its
    // cookies are for that host. The record travels inside TLS: no one else can send it.
    assertEquals(
        "ntp.example.org", agreed(exchange(response(server("ntp.example.org")))).ntpServer());
    assertEquals("2001:db8::1", agreed(exchange(response(server("2001:db8::1")))).ntpServer());
    assertEquals("192.0.2.1", agreed(exchange(response(server("192.0.2.1")))).ntpServer());
  }

  @Test
  void aServerNameThatIsNotAHostIsRefused() throws Exception {
    for (String name :
        List.of(
            "[2001:db8::1]", "192.0.2.1:123", "fe80::1%eth0", "a_b.example", "ntp/../x", "::g")) {
      KeResult.Refused refused = refused(exchange(response(server(name))));
      assertTrue(refused.reason().contains("neither an IP address nor a host name"), name);
    }
  }

  @Test
  void twoServerOrPortRecordsAreRefusedRatherThanOneChosen() throws Exception {
    String two = server("a.example") + " " + server("b.example");
    assertTrue(refused(exchange(response(two))).reason().contains("at most one of each"));
    assertTrue(
        refused(exchange(response("8007 0002 0101 8007 0002 0202")))
            .reason()
            .contains("at most one of each"));
  }

  @Test
  void hostNamesAreTheRfcsShapes() {
    assertTrue(KeResponse.isHost("time.cloudflare.com"));
    assertTrue(KeResponse.isHost("time.cloudflare.com."));
    assertTrue(KeResponse.isHost("::1"));
    assertFalse(KeResponse.isHost("-bad.example"));
    assertFalse(KeResponse.isHost("a".repeat(64) + ".example"));
    assertFalse(KeResponse.isHost("x".repeat(254)));
  }

  /** A Server Negotiation record for {@code name}, critical as a server may send it, as hex. */
  private static String server(String name) {
    byte[] body = name.getBytes(StandardCharsets.US_ASCII);
    return String.format("8006 %04x ", body.length) + HexFormat.of().formatHex(body);
  }

  /** NTPv4, AEAD 15, one cookie, then {@code extra} records and End of Message. */
  private static byte[] response(String extra) {
    return KeCodecTest.hex(
        "8001 0002 0000 8004 0002 000f 0005 0064 " + "ab".repeat(100) + " " + extra + " 8000 0000");
  }

  private static KeResult exchange(byte[] response) throws Exception {
    try (TestKeServer server =
        new TestKeServer(LOCALHOST, List.of(ProtocolName.NTSKE_1), request -> response)) {
      return new KeClient(KeClient.Options.defaults().withTrust(TRUST_CA))
          .exchange("localhost", server.port());
    }
  }

  private static String failed(KeResult result) {
    return assertInstanceOf(KeResult.Failed.class, result, result.toString()).reason();
  }

  private static KeResult.Refused refused(KeResult result) {
    return assertInstanceOf(KeResult.Refused.class, result, result.toString());
  }

  private static KeResult.Agreed agreed(KeResult result) {
    return assertInstanceOf(KeResult.Agreed.class, result, result.toString());
  }
}
