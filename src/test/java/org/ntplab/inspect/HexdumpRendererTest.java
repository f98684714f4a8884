package org.ntplab.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntplab.testing.Golden;
import org.ntplab.wire.NtpCodec;

/**
 * The annotated hexdump of real captured packets, one of each kind a student meets. Each test pins
 * the whole output to a golden file and also spells out the lines that carry the point, so a reader
 * sees what matters without opening the file.
 */
class HexdumpRendererTest {

  @Test
  void kissOfDeathReplyShowsUnsynchronizedLeapTheStepCodeAndTheCryptoNak() {
    String dump = dump("tcpdump", "ntp.pcap", "2");

    assertLine(
        dump,
        "0000   e4 00 03 e9  byte 0          11 100 100           LI (2 bits), VN (3), mode (3)");
    assertLine(
        dump,
        "                      LI            3                    clock unsynchronized (alarm)");
    assertLine(
        dump,
        "                    stratum         0                    kiss-o'-death: see the reference ID");
    assertLine(
        dump,
        "000c   53 54 45 50  reference ID    STEP                 STEP — a step change in system time has");
    assertLine(
        dump,
        "                                                         occurred, not yet verified");
    assertLine(dump, "0010   00 00 00 00  reference time  00000000.00000000    (zero: unknown)");
    assertLine(
        dump,
        "0030   00 00 00 00  MAC key ID      0                    crypto-NAK: the request failed");
    Golden.assertMatches("inspect/kod-step-crypto-nak.txt", dump);
  }

  @Test
  void ntsReplyNamesItsExtensionFieldsAndSplitsTheAuthenticator() {
    String dump = dump("tcpdump", "ntp-time-ef.pcap", "2");

    assertLine(dump, "NTPv4 server packet, 332 bytes: 48-byte header, 2 extension fields");
    assertLine(
        dump,
        "0004   00 00 04 5f  root delay      0.0170745849609375 s 17.1 ms round trip to the reference clock");
    assertLine(
        dump, "0030   01 04 00 24  ext 1 type      0x0104               NTS Unique Identifier");
    assertLine(
        dump,
        "                    ext 1 length    36                   bytes: 4 header + 32 value");
    assertLine(
        dump,
        "0054   04 04 00 f8  ext 2 type      0x0404               NTS Authenticator and Encrypted Extension");
    assertLine(dump, "                                                         Fields");
    assertLine(dump, "0058   00 10 00 e0  nonce length    16                   bytes");
    assertLine(
        dump,
        "                    cipher length   224                  bytes of encrypted fields and tag");
    assertLine(dump, "005c   ab 9d f8 62  nonce           16 bytes");
    assertLine(
        dump,
        "006c   98 73 8f 06  ciphertext      224 bytes            16-byte SIV tag + 208 bytes encrypted");
    assertLine(
        dump,
        "0034   5c f0 6d 70  unique ID       32 bytes             random; the reply echoes it");
    Golden.assertMatches("inspect/nts-reply.txt", dump);
  }

  @Test
  void sha1MacReplyShowsTheKeyIdAndTheFiveDigestWords() {
    String dump = dump("tcpdump", "ntp.pcap", "4");

    assertLine(
        dump,
        "000c   0a 05 1b 0a  reference ID    10.5.27.10           upstream server: IPv4 address or IPv6 hash");
    assertLine(
        dump,
        "0028   dc f2 5b e6  transmit time   dcf25be6.7e9a9fc9    2017-06-19T14:19:18.494546877Z");
    assertLine(
        dump,
        "002c   7e 9a 9f c9                                       = 3706870758.494546877 s since 1900");
    assertLine(
        dump,
        "0030   00 00 00 08  MAC key ID      8                    key 8 of the keys both sides share");
    assertLine(
        dump, "0034   62 99 90 a7  MAC digest      20 bytes             SHA1, judging by length");
    assertLine(dump, "0044   be 32 87 d6");
    Golden.assertMatches("inspect/sha1-mac-reply.txt", dump);
  }

  @Test
  void ntpV3LeapWarningReadsAsAMinuteOfSixtyOneSeconds() {
    String dump = dump("LeapSecond", "ntp.pcap", "3");

    assertLine(dump, "NTPv3 server packet, 48 bytes: 48-byte header");
    assertLine(
        dump,
        "0000   5c 02 08 e9  byte 0          01 011 100           LI (2 bits), VN (3), mode (3)");
    assertLine(
        dump,
        "                      LI            1                    last minute of the day has 61 seconds");
    assertLine(
        dump,
        "                    poll            8                    2^8 s = 256 s ≈ 4.27 min between messages");
    // NTPv3 has no IPv6 hashes: at stratum 2 the reference ID is an IPv4 address, nothing else.
    assertLine(
        dump,
        "000c   82 95 11 08  reference ID    130.149.17.8         upstream server's IPv4 address");
    Golden.assertMatches("inspect/leap-second-v3.txt", dump);
  }

  @Test
  void controlResponseShowsItsOwnHeaderAndItsDataAsText() {
    String dump = dump("tcpdump", "ntp-control.pcap", "2");

    assertLine(
        dump,
        "NTPv2 control message (mode 6), response, 408 bytes: 12-byte header, 394 bytes of data");
    assertLine(
        dump,
        "                    byte 1          1 0 0 00010          R (1 bit), E (1), M (1), opcode (5)");
    assertLine(dump, "                      opcode        2                    read variables");
    assertLine(
        dump,
        "0004   06 18 00 00  status          0x0618               leap_none, sync_ntp, 1 event, no_sys_peer");
    assertLine(
        dump,
        "0008   00 00 01 8a  offset          0                    data starts at byte 0 of the whole reply");
    assertLine(
        dump,
        "                    count           394                  bytes of data in this packet");
    assertLine(
        dump,
        "000c   76 65 72 73  data            |vers|               394 bytes of text (shown below)");
    assertLine(dump, "0194   0d 0a 00 00                  |..|");
    assertLine(
        dump,
        "                    padding         2 bytes              zeros to a 4-byte boundary");
    assertLine(dump, "  version=\"ntpd 4.2.8p10@1.3728-o Fri May 26 14:07:29 UTC 2017 (1)\",");
    assertFalse(dump.contains("stratum         "), "a control message has no stratum field");
    Golden.assertMatches("inspect/control-readvar.txt", dump);
  }

  @Test
  void controlReadStatusResponseListsEachPeerWithItsStatusWord() {
    String dump = dump("tcpdump", "ntp-control.pcap", "4");

    assertLine(
        dump,
        "000c   be bd 96 1a  peers           48829 961a           conf, reach, sel_sys.peer, 1 event,");
    assertLine(dump, "                                                         sys_peer");
    assertLine(
        dump,
        "0010   be bc 80 11                  48828 8011           conf, sel_reject, 1 event, mobilize");
    Golden.assertMatches("inspect/control-readstat.txt", dump);
  }

  @Test
  void monlistRequestIsLaidOutAsAPrivateMessage() {
    String dump = dump("zeek", "ntp2.pcap", "35");

    assertLine(
        dump,
        "0000   17 00 03 2a  byte 0          0 0 010 111          R (1 bit), M (1), VN (3), mode (3)");
    assertLine(
        dump, "                      R             0                    request (ntpdc to server)");
    assertLine(dump, "                    implementation  3                    IMPL_XNTPD: ntpd");
    assertLine(
        dump,
        "                    request code    42                   MON_GETLIST_1 (monlist: recent clients;");
    assertLine(dump, "0004   00 00 00 00  error           0                    no error");
    assertLine(
        dump, "0008   00 00 00 00  rest            40 bytes             zeros: request padding");
    Golden.assertMatches("inspect/monlist-request.txt", dump);
  }

  @Test
  void privateResponseMarksWhereEachItemStarts() {
    String dump = dump("tcpdump", "ntp-mode7.pcap", "2");

    assertLine(dump, "                    request code    28                   AUTHINFO");
    assertLine(dump, "                    item size       36                   bytes per item");
    assertLine(dump, "0008   00 50 60 6a  item 1          36 bytes");
    assertLine(dump, "0028   00 00 65 0a");
    Golden.assertMatches("inspect/private-authinfo.txt", dump);
  }

  @Test
  void trailingPartialWordIsShownWithTheBytesItHas() {
    // A control response with 5 bytes of data and no padding: 17 bytes, the last word has one byte.
    byte[] bytes = hex("16820001 00000000 00000005 68656c6c 6f");
    String dump = HexdumpRenderer.render(bytes, Style.PLAIN);

    assertLine(
        dump,
        "000c   68 65 6c 6c  data            |hell|               5 bytes of text (shown below)");
    assertLine(dump, "0010   6f                           |o|");
  }

  @Test
  void everyCapturedMessageFitsInOneHundredColumnsAndShowsEachByteOnce() {
    int rendered = 0;
    for (Captures capture : Captures.all()) {
      if (!capture.decodes()) {
        continue;
      }
      String dump = HexdumpRenderer.render(capture.bytes(), Style.PLAIN);
      StringBuilder shown = new StringBuilder();
      for (String line : dump.split("\n")) {
        assertTrue(
            line.length() <= HexdumpRenderer.WIDTH,
            capture + ": " + line.length() + " columns: " + line);
        if (line.matches("[0-9a-f]{4}   .*")) {
          shown.append(line, 7, Math.min(line.length(), 18));
        }
      }
      assertEquals(
          HexFormat.of().formatHex(capture.bytes()),
          shown.toString().replace(" ", ""),
          capture.toString());
      rendered++;
    }
    assertTrue(rendered > 1000, "rendered only " + rendered + " captured messages");
  }

  @Test
  void plainStyleWritesNoEscapeCodes() {
    String dump = dump("tcpdump", "ntp.pcap", "2");

    assertFalse(dump.contains("\u001b"), "an ANSI escape in plain output");
  }

  @Test
  void ansiStyleDimsFieldNamesAndMarksProblemsInBoldRed() {
    byte[] bytes = Captures.packet("tcpdump", "ntp.pcap", "2").bytes();
    List<String> lines = HexdumpRenderer.render(bytes, Style.ANSI).lines().toList();

    assertTrue(
        lines.contains(
            "                    \u001b[2m  LI\u001b[0m            \u001b[1;31m3\u001b[0m"
                + "                    \u001b[1;31mclock unsynchronized (alarm)\u001b[0m"),
        String.join("\n", lines));
    assertTrue(
        lines.contains(
            "                    \u001b[2mpoll\u001b[0m            \u001b[1m3\u001b[0m"
                + "                    2^3 s = 8 s between messages"),
        String.join("\n", lines));
  }

  @Test
  void clientRequestWithLeapThreeIsNotMarkedAsAProblem() {
    // ntpd sends LI=3 and stratum 0 until it has synchronized: normal for a request, not a fault.
    byte[] bytes = Captures.packet("tcpdump", "ntp-time.pcap", "1").bytes();
    String dump = HexdumpRenderer.render(bytes, Style.ANSI);

    assertFalse(dump.contains("\u001b[1;31m"), dump);
    assertLine(
        HexdumpRenderer.render(bytes, Style.PLAIN),
        "                    stratum         0                    unspecified (normal in a request)");
  }

  @Test
  void refusesBytesThatAreNotTheMessageItIsGiven() {
    byte[] kod = Captures.packet("tcpdump", "ntp.pcap", "2").bytes();
    byte[] other = Captures.packet("tcpdump", "ntp.pcap", "4").bytes();

    assertThrows(
        IllegalArgumentException.class,
        () -> HexdumpRenderer.render(other, NtpCodec.decode(kod), Style.PLAIN));
  }

  private static String dump(String folder, String file, String frame) {
    byte[] bytes = Captures.packet(folder, file, frame).bytes();
    return HexdumpRenderer.render(bytes, NtpCodec.decode(bytes), Style.PLAIN)
        .replace(System.lineSeparator(), "\n");
  }

  private static void assertLine(String dump, String expected) {
    assertTrue(dump.lines().anyMatch(expected::equals), "no line\n" + expected + "\nin\n" + dump);
  }

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }
}
