package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The samples are real tool output: xxd, hexdump and tcpdump 4.99 / tshark on Debian 12, run on
 * packets from the vendored captures (src/test/resources/captures/tcpdump) or on the crafted
 * request below; Wireshark's clipboard formats follow its DataPrinter.
 */
class HexTextTest {

  /**
   * A client request with an MD5 MAC whose bytes spell "dead", "beef" and "cafe", so that the ASCII
   * column of every dump of it looks like hex; the last line holds only "cafe".
   */
  static final String MAC_REQUEST =
      "e30006ec 00000000 00000000 00000000 00000000 00000000 00000000 00000000"
          + " 00000000 00000000 eeacbd2e 64656164 00000001 8f3a11d0 62656566 5a7c9104 63616665";

  /** ntp.pcap frame 2: chrony's LI=3 stratum-0 "STEP" reply with a crypto-NAK, NTP payload only. */
  static final String STEP_REPLY =
      "e40003e9 00000000 0000005a 53544550 00000000 00000000 a4b39cd1 01fb24bf"
          + " dcf25a39 84199119 dcf25a39 841d6dc5 00000000";

  /** The same frame as tcpdump -x shows it: IPv4 and UDP headers, then the NTP payload. */
  static final String STEP_REPLY_IP =
      "45b80050 60924000 40118ffe c0a86401 c0a86402 007be2c6 003c7449 " + STEP_REPLY;

  /** The same frame with its Ethernet header, as tcpdump -xx shows it. */
  static final String STEP_REPLY_ETHERNET = "00121314 15160012 13141517 0800" + STEP_REPLY_IP;

  /** ntp-mode7.pcap frame 1: an ntpdc request, 192 bytes, mostly a zero authenticator area. */
  static final String MODE7_REQUEST = "1700031c" + " 00000000".repeat(47);

  static void assertBytes(String expectedHex, byte[] actual) {
    assertEquals(expectedHex.replaceAll("\\s", ""), HexFormat.of().formatHex(actual));
  }

  static void assertMalformed(String text, int line, int column, String message) {
    MalformedHexException e = assertThrows(MalformedHexException.class, () -> HexText.parse(text));
    assertAll(
        () -> assertEquals(message, e.getMessage()),
        () -> assertEquals(line, e.line(), "line"),
        () -> assertEquals(column, e.column(), "column"));
  }

  @Nested
  class PlainHex {

    @Test
    void readsWordsSeparatedBySpacesAndNewlines() {
      assertBytes(
          STEP_REPLY,
          HexText.parse(
              """
          e40003e9 00000000 0000005a 53544550
          00000000 00000000 a4b39cd1 01fb24bf
          dcf25a39 84199119 dcf25a39 841d6dc5
          00000000
          """));
    }

    @Test
    void readsWiresharkHexStreamAsOneLine() {
      assertBytes(
          STEP_REPLY,
          HexText.parse(
              "e40003e9000000000000005a535445500000000000000000a4b39cd101fb24bfdcf25a3984199119dcf25a39841d6dc500000000"));
    }

    @Test
    void readsXxdPlainOutputInUpperCase() {
      // xxd -p -u
      assertBytes(
          STEP_REPLY,
          HexText.parse(
              """
          E40003E9000000000000005A535445500000000000000000A4B39CD101FB
          24BFDCF25A3984199119DCF25A39841D6DC500000000
          """));
    }

    @Test
    void joinsAByteSplitAcrossAWrappedLine() {
      // fold -w 75 cuts the stream in the middle of the byte 0x84
      assertBytes(
          STEP_REPLY,
          HexText.parse(
              """
          e40003e9000000000000005a535445500000000000000000a4b39cd101fb24bfdcf25a39841
          99119dcf25a39841d6dc500000000
          """));
    }

    @Test
    void readsSingleBytesAndIgnoresWindowsLineEndingsAndNoBreakSpaces() {
      assertBytes("e40003e9 0000", HexText.parse("e4 00 03 e9\r\n00\u00a000\r\n"));
    }

    @Test
    void readsColonSeparatedBytes() {
      assertBytes("e40003e9 0000005a", HexText.parse("e4:00:03:e9:00:00:00:5a"));
    }

    @Test
    void readsWiresharkEscapedString() {
      // Copy > ...as Escaped String
      assertBytes(
          STEP_REPLY,
          HexText.parse(
              """
          "\\xe4\\x00\\x03\\xe9\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x5a\\x53\\x54\\x45\\x50" \\
          "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xa4\\xb3\\x9c\\xd1\\x01\\xfb\\x24\\xbf" \\
          "\\xdc\\xf2\\x5a\\x39\\x84\\x19\\x91\\x19\\xdc\\xf2\\x5a\\x39\\x84\\x1d\\x6d\\xc5" \\
          "\\x00\\x00\\x00\\x00"
          """));
    }

    @Test
    void ignoresCommentLinesBlankLinesAndTrailingComments() {
      assertBytes(
          "e40003e9 0000005a 53544550",
          HexText.parse(
              """
          # chronyd's reply, first words
          // (from ntp.pcap)

          e40003e9   # LI=3, v4, mode 4, stratum 0, poll 3, precision -23

          0000005a   // root dispersion
          53544550
          """));
    }
  }

  @Nested
  class ArrayLiterals {

    @Test
    void readsCArrayFromXxdInclude() {
      // xxd -i, declaration and length line included
      assertBytes(
          MAC_REQUEST,
          HexText.parse(
              """
          unsigned char mac_bin[] = {
           0xe3, 0x00, 0x06, 0xec, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
           0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
           0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
           0x00, 0x00, 0x00, 0x00, 0xee, 0xac, 0xbd, 0x2e, 0x64, 0x65, 0x61, 0x64,
           0x00, 0x00, 0x00, 0x01, 0x8f, 0x3a, 0x11, 0xd0, 0x62, 0x65, 0x65, 0x66,
           0x5a, 0x7c, 0x91, 0x04, 0x63, 0x61, 0x66, 0x65
          };
          unsigned int mac_bin_len = 68;
          """));
    }

    @Test
    void readsJavaArrayWithByteCasts() {
      assertBytes(
          "e40003e9 0000005a",
          HexText.parse(
              """
          private static final byte[] REPLY = {
            (byte) 0xe4, 0x00, 0x03, (byte) 0xe9, // LI, VN, mode; stratum; poll; precision
            0x00, 0x00, 0x00, 0x5A,
          };
          """));
    }

    @Test
    void readsBracedLiteralAndOneDigitBytes() {
      assertBytes("1b000000 0a", HexText.parse("{0x1b, 0x0, 0X00, 0x00, 0xa}"));
    }
  }

  @Nested
  class Xxd {

    @Test
    void readsDefaultOutputAndIgnoresHexLookingAsciiColumn() {
      assertBytes(
          MAC_REQUEST,
          HexText.parse(
              """
          00000000: e300 06ec 0000 0000 0000 0000 0000 0000  ................
          00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................
          00000020: 0000 0000 0000 0000 eeac bd2e 6465 6164  ............dead
          00000030: 0000 0001 8f3a 11d0 6265 6566 5a7c 9104  .....:..beefZ|..
          00000040: 6361 6665                                cafe
          """));
    }

    @Test
    void readsOneByteGroups() {
      // xxd -g 1
      assertBytes(
          MAC_REQUEST,
          HexText.parse(
              """
          00000000: e3 00 06 ec 00 00 00 00 00 00 00 00 00 00 00 00  ................
          00000010: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
          00000020: 00 00 00 00 00 00 00 00 ee ac bd 2e 64 65 61 64  ............dead
          00000030: 00 00 00 01 8f 3a 11 d0 62 65 65 66 5a 7c 91 04  .....:..beefZ|..
          00000040: 63 61 66 65                                      cafe
          """));
    }

    @Test
    void readsFourByteGroups() {
      // xxd -g 4
      assertBytes(
          MAC_REQUEST,
          HexText.parse(
              """
          00000000: e30006ec 00000000 00000000 00000000  ................
          00000010: 00000000 00000000 00000000 00000000  ................
          00000020: 00000000 00000000 eeacbd2e 64656164  ............dead
          00000030: 00000001 8f3a11d0 62656566 5a7c9104  .....:..beefZ|..
          00000040: 63616665                             cafe
          """));
    }

    @Test
    void readsEightByteGroups() {
      // xxd -g 8
      assertBytes(
          MAC_REQUEST,
          HexText.parse(
              """
          00000000: e30006ec00000000 0000000000000000  ................
          00000010: 0000000000000000 0000000000000000  ................
          00000020: 0000000000000000 eeacbd2e64656164  ............dead
          00000030: 000000018f3a11d0 626565665a7c9104  .....:..beefZ|..
          00000040: 63616665                           cafe
          """));
    }

    @Test
    void readsWideLines() {
      // xxd -c 32
      assertBytes(
          MAC_REQUEST,
          HexText.parse(
              """
          00000000: e300 06ec 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000  ................................
          00000020: 0000 0000 0000 0000 eeac bd2e 6465 6164 0000 0001 8f3a 11d0 6265 6566 5a7c 9104  ............dead.....:..beefZ|..
          00000040: 6361 6665                                                                        cafe
          """));
    }

    @Test
    void readsSingleLineWhoseAsciiColumnLooksLikeHex() {
      // printf 'de' | xxd
      assertBytes("6465", HexText.parse("00000000: 6465                                     de\n"));
    }

    @Test
    void expandsAutoskipStar() {
      // xxd -a: '*' stands for the all-zero lines 0x20 to 0xa0
      assertBytes(
          MODE7_REQUEST,
          HexText.parse(
              """
          00000000: 1700 031c 0000 0000 0000 0000 0000 0000  ................
          00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................
          *
          000000b0: 0000 0000 0000 0000 0000 0000 0000 0000  ................
          """));
    }

    @Test
    void allowsCommentsAndBlankLinesBetweenLines() {
      assertBytes(
          STEP_REPLY,
          HexText.parse(
              """
          # chronyd's STEP reply
          00000000: e400 03e9 0000 0000 0000 005a 5354 4550  ...........ZSTEP
          00000010: 0000 0000 0000 0000 a4b3 9cd1 01fb 24bf  ..............$.

          // the timestamps
          00000020: dcf2 5a39 8419 9119 dcf2 5a39 841d 6dc5  ..Z9......Z9..m.
          00000030: 0000 0000                                ....
          """));
    }
  }

  @Nested
  class HexdumpC {

    @Test
    void readsLinesAndIgnoresHexLookingAsciiColumn() {
      assertBytes(
          MAC_REQUEST,
          HexText.parse(
              """
          00000000  e3 00 06 ec 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          00000020  00 00 00 00 00 00 00 00  ee ac bd 2e 64 65 61 64  |............dead|
          00000030  00 00 00 01 8f 3a 11 d0  62 65 65 66 5a 7c 91 04  |.....:..beefZ|..|
          00000040  63 61 66 65                                       |cafe|
          00000044
          """));
    }

    @Test
    void expandsStarUpToTheFinalOffset() {
      assertBytes(
          MODE7_REQUEST,
          HexText.parse(
              """
          00000000  17 00 03 1c 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          *
          000000c0
          """));
    }

    @Test
    void expandsStarInTheMiddle() {
      // hexdump -C of the request with "dead" appended after 92 zero bytes
      assertBytes(
          "e30006ec" + " 00000000".repeat(23) + " 64656164",
          HexText.parse(
              """
          00000000  e3 00 06 ec 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          *
          00000060  64 65 61 64                                       |dead|
          00000064
          """));
    }

    @Test
    void readsSingleLineWhoseAsciiColumnLooksLikeHex() {
      assertBytes(
          "6465",
          HexText.parse(
              """
          00000000  64 65                                             |de|
          00000002
          """));
    }
  }

  @Nested
  class Tcpdump {

    @Test
    void readsHexAndAsciiAfterTheSummaryLine() {
      // tcpdump -X: the IPv4 packet
      assertBytes(
          STEP_REPLY_IP,
          HexText.parse(
              """
          14:12:10.231082 IP 192.168.100.1.ntp > 192.168.100.2.58054: NTPv4, Server, length 52
          \t0x0000:  45b8 0050 6092 4000 4011 8ffe c0a8 6401  E..P`.@.@.....d.
          \t0x0010:  c0a8 6402 007b e2c6 003c 7449 e400 03e9  ..d..{...<tI....
          \t0x0020:  0000 0000 0000 005a 5354 4550 0000 0000  .......ZSTEP....
          \t0x0030:  0000 0000 a4b3 9cd1 01fb 24bf dcf2 5a39  ..........$...Z9
          \t0x0040:  8419 9119 dcf2 5a39 841d 6dc5 0000 0000  ......Z9..m.....
          """));
    }

    @Test
    void readsHexAndAsciiWithLinkHeader() {
      // tcpdump -XX: the Ethernet frame, last line short
      assertBytes(
          STEP_REPLY_ETHERNET,
          HexText.parse(
              """
          14:12:10.231082 IP 192.168.100.1.123 > 192.168.100.2.58054: NTPv4, Server, length 52
          \t0x0000:  0012 1314 1516 0012 1314 1517 0800 45b8  ..............E.
          \t0x0010:  0050 6092 4000 4011 8ffe c0a8 6401 c0a8  .P`.@.@.....d...
          \t0x0020:  6402 007b e2c6 003c 7449 e400 03e9 0000  d..{...<tI......
          \t0x0030:  0000 0000 005a 5354 4550 0000 0000 0000  .....ZSTEP......
          \t0x0040:  0000 a4b3 9cd1 01fb 24bf dcf2 5a39 8419  ........$...Z9..
          \t0x0050:  9119 dcf2 5a39 841d 6dc5 0000 0000       ....Z9..m.....
          """));
    }

    @Test
    void readsHexOnly() {
      // tcpdump -x, with -tttt timestamps
      assertBytes(
          STEP_REPLY_IP,
          HexText.parse(
              """
          2017-06-19 14:12:10.231082 IP 192.168.100.1.123 > 192.168.100.2.58054: NTPv4, Server, length 52
          \t0x0000:  45b8 0050 6092 4000 4011 8ffe c0a8 6401
          \t0x0010:  c0a8 6402 007b e2c6 003c 7449 e400 03e9
          \t0x0020:  0000 0000 0000 005a 5354 4550 0000 0000
          \t0x0030:  0000 0000 a4b3 9cd1 01fb 24bf dcf2 5a39
          \t0x0040:  8419 9119 dcf2 5a39 841d 6dc5 0000 0000
          """));
    }

    @Test
    void readsHexOnlyWithLinkHeaderAndNoSummary() {
      // tcpdump -xx, pasted without the summary and without the leading tabs
      assertBytes(
          STEP_REPLY_ETHERNET,
          HexText.parse(
              """
          0x0000:  0012 1314 1516 0012 1314 1517 0800 45b8
          0x0010:  0050 6092 4000 4011 8ffe c0a8 6401 c0a8
          0x0020:  6402 007b e2c6 003c 7449 e400 03e9 0000
          0x0030:  0000 0000 005a 5354 4550 0000 0000 0000
          0x0040:  0000 a4b3 9cd1 01fb 24bf dcf2 5a39 8419
          0x0050:  9119 dcf2 5a39 841d 6dc5 0000 0000
          """));
    }

    @Test
    void skipsTheVerboseDecodeBeforeTheDump() {
      // tcpdump -v -X, ntp.pcap frame 1: a client request with a SHA1 MAC
      assertBytes(
          "45000064 e2b54000 40110e7f c0a86402 c0a86401 e2c6007b 005049b6 23000020"
              + " 00000000".repeat(9)
              + " a4b39cd1 01fb24bf 00000008 57ea530f 6d74350c c5286bfe c1ab8ca7 47c73584",
          HexText.parse(
              """
          14:12:10.230949 IP (tos 0x0, ttl 64, id 58037, offset 0, flags [DF], proto UDP (17), length 100)
              192.168.100.2.58054 > 192.168.100.1.ntp: NTPv4, Client, length 72
          \tLeap indicator:  (0), Stratum 0 (unspecified), poll 0 (1s), precision 32
          \tRoot Delay: 0.000000, Root dispersion: 0.000000, Reference-ID: (unspec)
          \t  Reference Timestamp:  0.000000000
          \t  Originator Timestamp: 0.000000000
          \t  Receive Timestamp:    0.000000000
          \t  Transmit Timestamp:   2763234513.007738396 (1987-07-25T21:08:33Z)
          \t    Originator - Receive Timestamp:  0.000000000
          \t    Originator - Transmit Timestamp: 2763234513.007738396 (1987-07-25T21:08:33Z)
          \tKey id: 8
          \tAuthentication: 57ea530f6d74350cc5286bfec1ab8ca747c73584
          \t0x0000:  4500 0064 e2b5 4000 4011 0e7f c0a8 6402  E..d..@.@.....d.
          \t0x0010:  c0a8 6401 e2c6 007b 0050 49b6 2300 0020  ..d....{.PI.#...
          \t0x0020:  0000 0000 0000 0000 0000 0000 0000 0000  ................
          \t0x0030:  0000 0000 0000 0000 0000 0000 0000 0000  ................
          \t0x0040:  0000 0000 a4b3 9cd1 01fb 24bf 0000 0008  ..........$.....
          \t0x0050:  57ea 530f 6d74 350c c528 6bfe c1ab 8ca7  W.S.mt5..(k.....
          \t0x0060:  47c7 3584                                G.5.
          """));
    }
  }

  @Nested
  class Wireshark {

    @Test
    void readsCopyAsHexAndAsciiDumpIgnoringHexLookingAscii() {
      // Copy > Bytes as Hex + ASCII Dump
      assertBytes(
          MAC_REQUEST,
          HexText.parse(
              """
          0000   e3 00 06 ec 00 00 00 00 00 00 00 00 00 00 00 00   ................
          0010   00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   ................
          0020   00 00 00 00 00 00 00 00 ee ac bd 2e 64 65 61 64   ............dead
          0030   00 00 00 01 8f 3a 11 d0 62 65 65 66 5a 7c 91 04   .....:..beefZ|..
          0040   63 61 66 65                                       cafe
          """));
    }

    @Test
    void readsCopyAsHexDump() {
      // Copy > ...as Hex Dump: no ASCII column
      assertBytes(
          MAC_REQUEST,
          HexText.parse(
              """
          0000   e3 00 06 ec 00 00 00 00 00 00 00 00 00 00 00 00
          0010   00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
          0020   00 00 00 00 00 00 00 00 ee ac bd 2e 64 65 61 64
          0030   00 00 00 01 8f 3a 11 d0 62 65 65 66 5a 7c 91 04
          0040   63 61 66 65
          """));
    }

    @Test
    void readsTsharkHexDump() {
      // tshark -x: the Ethernet frame
      assertBytes(
          STEP_REPLY_ETHERNET,
          HexText.parse(
              """
          0000  00 12 13 14 15 16 00 12 13 14 15 17 08 00 45 b8   ..............E.
          0010  00 50 60 92 40 00 40 11 8f fe c0 a8 64 01 c0 a8   .P`.@.@.....d...
          0020  64 02 00 7b e2 c6 00 3c 74 49 e4 00 03 e9 00 00   d..{...<tI......
          0030  00 00 00 00 00 5a 53 54 45 50 00 00 00 00 00 00   .....ZSTEP......
          0040  00 00 a4 b3 9c d1 01 fb 24 bf dc f2 5a 39 84 19   ........$...Z9..
          0050  91 19 dc f2 5a 39 84 1d 6d c5 00 00 00 00         ....Z9..m.....
          """));
    }
  }

  @Nested
  class Words {

    @Test
    void writesFourByteWordsAndAShortLastWord() {
      assertEquals(
          "e3000000 00000000 0a", HexText.words(HexFormat.of().parseHex("e3000000000000000a")));
    }

    @Test
    void writesNothingForNoBytes() {
      assertEquals("", HexText.words(new byte[0]));
    }

    @Test
    void roundTripsThroughParseEvenWhenAWordLooksLikeAnOffset() {
      byte[] bytes = HexFormat.of().parseHex("000000000a");
      assertEquals("00000000 0a", HexText.words(bytes));
      assertBytes("000000000a", HexText.parse(HexText.words(bytes)));
    }
  }

  @Nested
  class Errors {

    @Test
    void rejectsNonHexCharacter() {
      assertMalformed("e3000000 0000g000", 1, 14, "line 1, column 14: 'g' is not a hex digit");
    }

    @Test
    void rejectsInvisibleCharacterByCodePoint() {
      assertMalformed("e300\u200b0000", 1, 5, "line 1, column 5: U+200B is not a hex digit");
    }

    @Test
    void rejectsNonAsciiCharacterShowingItsCodePoint() {
      assertMalformed(
          "e3000000 \u2013 00000000",
          1,
          10,
          "line 1, column 10: '\u2013' (U+2013) is not a hex digit");
    }

    @Test
    void rejectsOddNumberOfDigits() {
      assertMalformed(
          "e3000000\n0000000 00000000",
          2,
          1,
          "line 2, column 1: '0000000' has an odd number of hex digits (7)");
    }

    @Test
    void rejectsOddNumberOfDigitsAtTheEnd() {
      assertMalformed(
          "e3000000 00000000\n0",
          2,
          1,
          "line 2, column 1: '0' has an odd number of hex digits (1)");
    }

    @Test
    void rejectsEmptyInput() {
      assertMalformed("", 1, 1, "line 1, column 1: no hex digits found");
    }

    @Test
    void rejectsInputOfOnlyCommentsAndSeparators() {
      assertMalformed("# nothing here\n{ }\n", 3, 1, "line 3, column 1: no hex digits found");
    }

    @Test
    void rejectsPrefixWithoutDigits() {
      assertMalformed(
          "{0x1b, 0x, 0x00}", 1, 8, "line 1, column 8: '0x' has no hex digits after it");
    }

    @Test
    void rejectsBareNumbersInAnArrayLiteralAsDecimal() {
      assertMalformed(
          "unsigned char request[] = {227, 0, 6, 236};",
          1,
          28,
          "line 1, column 28: '227' needs a 0x prefix: bare numbers in an array literal are decimal");
    }

    @Test
    void rejectsBareHexAmongPrefixedBytes() {
      assertMalformed(
          "0x1b, 0x00,\n00, 0x00",
          2,
          1,
          "line 2, column 1: '00' has no 0x prefix, unlike the hex before it");
    }

    @Test
    void rejectsBackslashThatIsNotAnEscape() {
      assertMalformed("\\x1b\\n", 1, 5, "line 1, column 5: '\\' is not a hex digit");
    }

    @Test
    void rejectsXxdIncludeWhoseLengthDisagrees() {
      assertMalformed(
          """
          unsigned char ntp[] = {
           0xe3, 0x00, 0x06
          };
          unsigned int ntp_len = 4;
          """,
          4,
          24,
          "line 4: ntp_len = 4 but the array holds 3 bytes");
    }

    @Test
    void rejectsOdHexWordsRatherThanMisreadingThem() {
      // od -x prints little-endian words after an octal offset
      assertMalformed(
          """
          0000000 00e3 ec06 0000 0000 0000 0000 0000 0000
          0000020 0000 0000 0000 0000 0000 0000 0000 0000
          """,
          1,
          1,
          "line 1, column 1: '0000000' has an odd number of hex digits (7)");
    }

    @Test
    void rejectsXxdWithAMissingLine() {
      assertMalformed(
          """
          00000000: e400 03e9 0000 0000 0000 005a 5354 4550  ...........ZSTEP
          00000010: 0000 0000 0000 0000 a4b3 9cd1 01fb 24bf  ..............$.
          00000030: 0000 0000                                ....
          """,
          3,
          1,
          "line 3: offset 0x0030 but 32 bytes read so far (is a line missing?)");
    }

    @Test
    void rejectsXxdWithARepeatedLine() {
      assertMalformed(
          """
          00000000: e400 03e9 0000 0000 0000 005a 5354 4550  ...........ZSTEP
          00000010: 0000 0000 0000 0000 a4b3 9cd1 01fb 24bf  ..............$.
          00000010: 0000 0000 0000 0000 a4b3 9cd1 01fb 24bf  ..............$.
          """,
          3,
          1,
          "line 3: offset 0x0010 but 32 bytes read so far"
              + " (is a line repeated, or does a line above hold extra bytes?)");
    }

    @Test
    void rejectsNonHexInsideTheHexOfADump() {
      assertMalformed(
          """
          00000000: e400 03e9 0000 0000 0000 005a 5354 4550  ...........ZSTEP
          00000010: 0000 0000 0000 0000 a4b3 9cd1 01fb 24zf  ..............$.
          """,
          2,
          48,
          "line 2, column 48: 'z' is not a hex digit");
    }

    @Test
    void rejectsOddGroupInsideADump() {
      assertMalformed(
          """
          00000000: e400 03e9 0000 0000 0000 005a 5354 4550  ...........ZSTEP
          00000010: 0000 0000 000 0000 a4b3 9cd1 01fb 24bf  ..............$.
          """,
          2,
          21,
          "line 2, column 21: '000' has an odd number of hex digits (3)");
    }

    @Test
    void rejectsAsciiColumnJoinedToTheHexOnTheLastLine() {
      assertMalformed(
          """
          00000000: 0000 0001 8f3a 11d0 6265 6566 5a7c 9104  .....:..beefZ|..
          00000010: 6361 6665 cafe
          """,
          2,
          21,
          "line 2, column 21: no ASCII column after the hex, unlike the first line"
              + " (is it joined to the hex?)");
    }

    @Test
    void rejectsLineHoldingMoreBytesThanTheFirst() {
      assertMalformed(
          """
          00000000: e400 03e9 0000 0000 0000 005a 5354 4550  ...........ZSTEP
          00000010: 0000 0000 0000 0000 a4b3 9cd1 01fb 24bf 0000  ..............$...
          """,
          2,
          51,
          "line 2, column 51: more than 16 bytes on this line, unlike the first line"
              + " (is the ASCII column joined to the hex?)");
    }

    @Test
    void rejectsSecondDumpInTheSameInput() {
      assertMalformed(
          """
          00000000: 6465                                     de
          00000000: 6465                                     de
          """,
          2,
          1,
          "line 2: a second dump starts here (offset 0 after 2 bytes); paste one packet at a time");
    }

    @Test
    void rejectsLineThatIsNotPartOfTheDump() {
      assertMalformed(
          """
          00000000: e400 03e9 0000 0000 0000 005a 5354 4550  ...........ZSTEP
            and then the timestamps
          """,
          2,
          3,
          "line 2, column 3: not an xxd line (expected an offset like 00000010:)");
    }

    @Test
    void rejectsHexdumpWithAMissingLine() {
      assertMalformed(
          """
          00000000  e3 00 06 ec 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          00000020  00 00 00 00 00 00 00 00  ee ac bd 2e 64 65 61 64  |............dead|
          """,
          2,
          1,
          "line 2: offset 0x0020 but 16 bytes read so far (is a line missing?)");
    }

    @Test
    void rejectsHexdumpGroupThatIsNotOneByte() {
      assertMalformed(
          "00000000  e3 0006 ec 00  |....|",
          1,
          14,
          "line 1, column 14: '0006' is not one byte: this dump shows each byte as two hex digits");
    }

    @Test
    void rejectsStarWithoutTheOffsetAfterIt() {
      assertMalformed(
          """
          00000000  17 00 03 1c 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          *
          """,
          3,
          1,
          "line 3: '*' needs the offset line after it, to know how many lines it stands for");
    }

    @Test
    void rejectsStarThatCoversNoWholeNumberOfLines() {
      assertMalformed(
          """
          00000000  17 00 03 1c 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          *
          00000018
          """,
          3,
          1,
          "line 3: offset 0x0018 cannot follow the '*' on line 2: 16 bytes read so far, in lines of 16");
    }

    @Test
    void rejectsStarThatWouldExpandBeyondAnyPacket() {
      assertMalformed(
          """
          00000000  17 00 03 1c 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          *
          fffffffff0
          """,
          3,
          1,
          "line 3: offset 0xfffffffff0 after '*' would make more than 262144 bytes");
    }

    @Test
    void rejectsStarThatWouldExpandBeyondTheLargestCaptureRecord() {
      // Four lines of text once made 16 MiB of bytes; an import made a 36 MB fixture of them.
      assertMalformed(
          """
          00000000  17 00 03 1c 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          *
          00fffff0  17 00 03 1c 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          """,
          3,
          1,
          "line 3: offset 0xfffff0 after '*' would make more than 262144 bytes");
      byte[] largest =
          HexText.parse(
              """
          00000000  17 00 03 1c 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          *
          00040000
          """);
      assertEquals(256 << 10, largest.length);
    }

    @Test
    void rejectsStarAfterStar() {
      assertMalformed(
          """
          00000000  17 00 03 1c 00 00 00 00  00 00 00 00 00 00 00 00  |................|
          *
          *
          """,
          3,
          1,
          "line 3, column 1: '*' must follow a line of bytes");
    }

    @Test
    void rejectsTcpdumpWithAMissingLineNamingTheOffsetColumn() {
      assertMalformed(
          """
          14:12:10.231082 IP 192.168.100.1.ntp > 192.168.100.2.58054: NTPv4, Server, length 52
          \t0x0000:  45b8 0050 6092 4000 4011 8ffe c0a8 6401  E..P`.@.@.....d.
          \t0x0020:  0000 0000 0000 005a 5354 4550 0000 0000  .......ZSTEP....
          """,
          3,
          2,
          "line 3: offset 0x0020 but 16 bytes read so far (is a line missing?)");
    }

    @Test
    void rejectsSecondTcpdumpPacket() {
      assertMalformed(
          """
          14:12:10.231082 IP 192.168.100.1.ntp > 192.168.100.2.58054: NTPv4, Server, length 52
          \t0x0000:  45b8 0050 6092 4000 4011 8ffe c0a8 6401  E..P`.@.@.....d.
          14:19:18.494390 IP 192.168.100.2.42818 > 192.168.100.1.ntp: NTPv4, Client, length 72
          \t0x0000:  4500 0064 1691 4000 4011 daa3 c0a8 6402  E..d..@.@.....d.
          """,
          3,
          1,
          "line 3: a second packet starts here; paste one packet at a time");
    }

    @Test
    void rejectsTcpdumpLineWithoutHex() {
      assertMalformed(
          "\t0x0000:  45b8 0050\n\t0x0004:\n", 2, 9, "line 2, column 9: no hex after the offset");
    }

    @Test
    void rejectsBareHexBeforeTcpdumpDump() {
      assertMalformed(
          """
          e40003e9
          \t0x0000:  45b8 0050 6092 4000 4011 8ffe c0a8 6401  E..P`.@.@.....d.
          """,
          1,
          1,
          "line 1, column 1: hex before the first tcpdump line (0x0000:)");
    }

    @Test
    void rejectsXxdLineAfterPlainHex() {
      assertMalformed(
          "e40003e9\n00000004: 0000 0000  ....\n",
          2,
          1,
          "line 2, column 1: a line of a hex dump, but the text above is plain hex (the input mixes formats)");
    }

    @Test
    void rejectsHexdumpLineAfterPlainHex() {
      assertMalformed(
          "e40003e9\n00000004  00 00 00 5a  |...Z|\n",
          2,
          1,
          "line 2, column 1: a line of a hex dump, but the text above is plain hex (the input mixes formats)");
    }
  }
}
