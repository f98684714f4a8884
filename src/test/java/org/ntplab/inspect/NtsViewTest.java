package org.ntplab.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntplab.nts.Aead;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.NtsServer;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/** The words after a packet's hexdump: cookies counted, a NAK and a mismatch explained. */
class NtsViewTest {

  private static final NtsKeys KEYS =
      new NtsKeys(Aead.AES_SIV_CMAC_256, filled(32, 1), filled(32, 2));
  private final Random random = new Random(8915);
  private final UniqueIdentifier uid = UniqueIdentifier.random(random);

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static final String GPS = "47505300";
  private static final String NTSN = "4e54534e";

  /** A server's header (mode 4, no fields) with {@code stratum} and reference ID as hex. */
  private static NtpPacket header(int stratum, String referenceIdHex) {
    String hex = "24" + "%02x".formatted(stratum) + "04e8" + "00".repeat(8) + referenceIdHex;
    return NtpCodec.decodePacket(HexFormat.of().parseHex(hex + "00".repeat(32)));
  }

  private List<String> lines(byte[] reply, Optional<UniqueIdentifier> request) {
    return NtsView.lines(
        NtsReading.of(reply, NtpCodec.decodePacket(reply), KEYS, request), Style.PLAIN);
  }

  @Test
  void eightCookiesOfOneSizeAreCountedOnce() {
    List<Cookie> cookies = Collections.nCopies(8, new Cookie(filled(100, 7)));
    byte[] reply =
        NtpCodec.encode(NtsServer.seal(header(1, GPS), uid, cookies, KEYS, filled(16, 3)));
    assertEquals(
        List.of(
            "NTS: authenticator verified with the S2C key, AES-SIV-CMAC-256 (15)",
            "  unique identifier: the request's, as it must be",
            "  encrypted fields: 8 new cookies, 100 bytes each"),
        lines(reply, Optional.of(uid)));
  }

  @Test
  void aReplyToAnotherRequestIsNotVerifiedAndSaysWhy() {
    byte[] reply =
        NtpCodec.encode(NtsServer.seal(header(1, GPS), uid, List.of(), KEYS, filled(16, 3)));
    List<String> lines = lines(reply, Optional.of(UniqueIdentifier.random(random)));
    assertEquals(
        "NTS: authenticator NOT verified with the S2C key, AES-SIV-CMAC-256 (15): the unique"
            + " identifier is not the request's",
        lines.get(0));
    assertTrue(lines.get(1).contains("replays an old one"), lines.get(1));
  }

  @Test
  void aNakIsExplainedNotFailed() {
    NtpPacket kiss = header(0, NTSN);
    byte[] nak = NtpCodec.encode(NtsServer.nak(kiss, uid));
    NtsReading reading = NtsReading.of(nak, NtpCodec.decodePacket(nak), KEYS, Optional.of(uid));
    assertEquals(false, ((NtsReading.Checked) reading).failed());
    assertTrue(
        NtsView.lines(reading, Style.PLAIN).get(0).startsWith("NTS: NAK (kiss code NTSN)"),
        NtsView.lines(reading, Style.PLAIN).toString());
    assertTrue(NtsView.json(reading).get("nak").asBoolean());
  }

  @Test
  void aRequestOpensWithTheC2sKey() {
    NtpPacket request =
        NtsClient.request(
            NtpPacket.clientRequest(4, new NtpTimestamp(5)),
            uid,
            new Cookie(filled(100, 7)),
            1,
            KEYS,
            random);
    byte[] bytes = NtpCodec.encode(request);
    assertEquals(
        List.of(
            "NTS: authenticator verified with the C2S key, AES-SIV-CMAC-256 (15)",
            "  encrypted fields: none"),
        NtsView.lines(NtsReading.of(bytes, request, KEYS, Optional.empty()), Style.PLAIN));
  }
}
