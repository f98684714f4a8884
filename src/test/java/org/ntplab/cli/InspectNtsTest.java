package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.tls.ProtocolName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.nts.Aead;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.NtsServer;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.nts.ke.KeBody;
import org.ntplab.nts.ke.KeCodec;
import org.ntplab.nts.ke.KeRecord;
import org.ntplab.nts.ke.TestKeServer;
import org.ntplab.testing.TestCertificates;
import org.ntplab.testing.UdpResponder;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.ReferenceId;

/**
 * {@code inspect --nts} against a scripted NTS server on loopback: a real NTS-KE exchange ({@link
 * TestKeServer}, TLS 1.3) whose Port record sends NTP to a UDP socket that answers with {@link
 * NtsServer}'s pure part under the keys the TLS session exported: honestly, with a bit flipped
 * after sealing, or with a NAK.
 */
class InspectNtsTest {

  private static final TestCertificates.Issued LOCALHOST =
      TestCertificates.selfSigned("localhost", "DNS:localhost", "IP:127.0.0.1");

  @TempDir Path dir;

  /** What the scripted server does to its honest reply before sending it. */
  private enum Script {
    HONEST,
    FORGED,
    NAK
  }

  @Test
  void anHonestReplyVerifiesItsCookiesAreShownAndItsTimeIsUsed() throws Exception {
    CliRun run = inspect(Script.HONEST);

    assertEquals(0, run.exitCode(), run.err());
    String out = run.out();
    assertTrue(out.contains("NTS-KE with 127.0.0.1 port "), out);
    assertTrue(out.contains("NTPv4 Port Negotiation"), out);
    assertTrue(out.contains("agreed: AEAD_AES_SIV_CMAC_256 (15), 8 cookies, 100 bytes each"), out);
    assertTrue(out.contains("NTS: authenticator verified with the C2S key"), out);
    assertTrue(out.contains("NTS: authenticator verified with the S2C key"), out);
    assertTrue(out.contains("unique identifier: the request's, as it must be"), out);
    assertTrue(out.contains("encrypted fields: 2 new cookies, 100 bytes each"), out);
    assertTrue(out.contains("    " + "31".repeat(32)), "cookie 1's bytes, decrypted: " + out);
    assertTrue(out.contains("offset  "), out);
  }

  @Test
  void aForgedReplyIsExplainedItsTimeIsNotShownAndTheExitIsAFailure() throws Exception {
    CliRun run = inspect(Script.FORGED);

    assertEquals(Main.FAILURE, run.exitCode(), run.out());
    String out = run.out();
    assertTrue(
        out.contains(
            "authenticator NOT verified with the S2C key, AES-SIV-CMAC-256 (15): the authenticator"
                + " does not verify under the key"),
        out);
    assertTrue(out.contains("forged or damaged"), out);
    assertTrue(out.contains("no time: a reply that is not authenticated is never used"), out);
    assertFalse(out.contains("offset  "), "no offset from a forged reply: " + out);
    assertEquals(
        "ntplab inspect: the reply from "
            + serverOf(out)
            + " is not authenticated (the authenticator does not verify under the key): its time"
            + " was not used",
        run.err().strip());
  }

  @Test
  void aNakIsExplainedAsTheServerNotAcceptingTheCookie() throws Exception {
    CliRun run = inspect(Script.NAK);

    assertEquals(Main.FAILURE, run.exitCode(), run.out());
    assertTrue(
        run.out().contains("NTS: NAK (kiss code NTSN): the server could not use the cookie"));
    assertTrue(run.out().contains("a client runs NTS-KE again"), run.out());
    assertTrue(run.err().contains("sent an NTS NAK (kiss code NTSN)"), run.err());
  }

  @Test
  void jsonCarriesTheNtsObjectAndNoTimeForAForgedReply() throws Exception {
    CliRun run = inspect(Script.FORGED, "--json");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertTrue(json.get("offset").isNull(), run.out());
    JsonNode nts = json.get("nts");
    assertFalse(nts.get("verified").asBoolean());
    assertEquals("authentication-failed", nts.get("reason").asText());
    assertEquals(15, nts.get("ke").get("aead").asInt());
    assertEquals(8, nts.get("ke").get("cookies").asInt());
    assertEquals(100, nts.get("ke").get("cookieBytes").asInt());
    assertEquals(
        "NTPv4 Port Negotiation", nts.get("ke").get("records").get(2).get("name").asText());
  }

  @Test
  void aSavedExchangeCarriesItsKeysAndDecodeVerifiesItLater() throws Exception {
    Path saved = dir.resolve("nts.json");
    CliRun run = inspect(Script.HONEST, "--save", saved.toString());
    assertEquals(0, run.exitCode(), run.err());

    CliRun decoded = CliRun.of("decode", "-f", saved.toString());
    assertEquals(0, decoded.exitCode(), decoded.err());
    assertTrue(decoded.out().contains("authenticator verified with the C2S key"), decoded.out());
    assertTrue(decoded.out().contains("authenticator verified with the S2C key"), decoded.out());
    assertTrue(decoded.out().contains("unique identifier: the request's"), decoded.out());
  }

  @Test
  void aForgedExchangeSavedFailsDecodeToo() throws Exception {
    Path saved = dir.resolve("forged.json");
    inspect(Script.FORGED, "--save", saved.toString());

    CliRun decoded = CliRun.of("decode", "-f", saved.toString());
    assertEquals(Main.BAD_INPUT, decoded.exitCode(), decoded.out());
    assertTrue(decoded.err().contains("NOT verified with the S2C key"), decoded.err());
  }

  @Test
  void aCertificateFromAnotherCaIsOneLineAndNoExchange() throws Exception {
    TestCertificates.Issued other = TestCertificates.authority("not the server's CA");
    Path ca = Files.writeString(dir.resolve("other.pem"), other.certificatePem());
    try (TestKeServer ke = new TestKeServer(LOCALHOST, List.of(ProtocolName.NTSKE_1), r -> null)) {
      CliRun run = CliRun.of("inspect", "--nts", "127.0.0.1:" + ke.port(), "--ca", ca.toString());

      assertEquals(Main.FAILURE, run.exitCode());
      assertEquals("", run.out());
      assertEquals(
          "ntplab inspect: NTS-KE with 127.0.0.1 port "
              + ke.port()
              + " failed at the server certificate: the certificate of CN=localhost is not trusted:"
              + " it does not chain to the CAs in "
              + ca
              + " (issuer CN=localhost)",
          run.err().strip());
    }
  }

  @Test
  void insecureIsRefusedSayingWhy() {
    CliRun run = CliRun.of("inspect", "--nts", "127.0.0.1", "--insecure");
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("anyone on the path can pose as the server"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }

  @Test
  void optionsOfAPlainQueryAreRefusedWithNts() {
    CliRun run = CliRun.of("inspect", "--nts", "127.0.0.1", "--count", "2");
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("--count does not go with --nts"), run.err());
  }

  /** Runs {@code inspect --nts} against NTS-KE and an NTP socket scripted by {@code script}. */
  private CliRun inspect(Script script, String... more) throws Exception {
    Path ca = Files.writeString(dir.resolve("server.pem"), LOCALHOST.certificatePem());
    List<TestKeServer> ke = new ArrayList<>(1);
    try (UdpResponder ntp =
        UdpResponder.start(request -> List.of(answer(script, request, keysOf(ke.get(0)))))) {
      byte[] response = keResponse(ntp.address().getPort());
      try (TestKeServer server =
          new TestKeServer(LOCALHOST, List.of(ProtocolName.NTSKE_1), r -> response)) {
        ke.add(server);
        List<String> args =
            new ArrayList<>(
                List.of("inspect", "--nts", "127.0.0.1:" + server.port(), "--ca", ca.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
      }
    }
  }

  /** As chrony answers: NTPv4, AEAD 15, the NTP port, 8 cookies of 100 bytes, End of Message. */
  private static byte[] keResponse(int ntpPort) {
    List<KeRecord> records = new ArrayList<>();
    records.add(new KeRecord(true, new KeBody.NextProtocol(List.of(KeBody.NTPV4))));
    records.add(new KeRecord(true, new KeBody.AeadAlgorithm(List.of(15))));
    records.add(new KeRecord(true, new KeBody.Port(ntpPort)));
    for (int i = 0; i < 8; i++) {
      records.add(new KeRecord(false, new KeBody.NewCookie(filled(100, 0x20 + i))));
    }
    records.add(new KeRecord(true, new KeBody.EndOfMessage()));
    return KeCodec.encode(records);
  }

  private static NtsKeys keysOf(TestKeServer server) {
    try {
      return server.serverKeys().get(Aead.AES_SIV_CMAC_256);
    } catch (Exception e) {
      throw new IllegalStateException("the NTS-KE server exported no keys", e);
    }
  }

  /**
   * The reply to an NTS request whose authenticator verifies under C2S: two new cookies (of 0x31
   * and 0x32) sealed under S2C, then {@code script}'s change.
   */
  private static byte[] answer(Script script, byte[] requestBytes, NtsKeys keys) {
    NtpPacket request = NtpCodec.decodePacket(requestBytes);
    if (!(NtsServer.open(requestBytes, keys) instanceof NtsCheck.Verified)) {
      throw new AssertionError("the request's authenticator does not verify under C2S");
    }
    UniqueIdentifier uid = NtsServer.uniqueIdentifier(request).orElseThrow();
    if (script == Script.NAK) {
      return NtpCodec.encode(NtsServer.nak(header(request, 0, ReferenceId.ofAscii("NTSN")), uid));
    }
    List<Cookie> cookies = List.of(new Cookie(filled(100, 0x31)), new Cookie(filled(100, 0x32)));
    byte[] reply =
        NtpCodec.encode(
            NtsServer.seal(
                header(request, 1, ReferenceId.ofAscii("GPS")), uid, cookies, keys, filled(16, 7)));
    if (script == Script.FORGED) {
      reply[reply.length - 1] ^= 0x01; // the ciphertext's last byte, after sealing
    }
    return reply;
  }

  private static NtpPacket header(NtpPacket request, int stratum, ReferenceId referenceId) {
    NtpTimestamp now = NtpTimestamp.from(Instant.now());
    return new NtpPacket(
        LeapIndicator.NO_WARNING,
        4,
        Mode.SERVER,
        stratum,
        4,
        -20,
        NtpShort.ZERO,
        NtpShort.ZERO,
        referenceId,
        now,
        request.transmitTime(),
        now,
        now,
        List.of(),
        Optional.empty());
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  /** The NTP server as the reply heading names it. */
  private static String serverOf(String out) {
    int at = out.indexOf("reply: ");
    String line = out.substring(at, out.indexOf('\n', at));
    return line.substring(line.indexOf(" from ") + 6).strip();
  }
}
