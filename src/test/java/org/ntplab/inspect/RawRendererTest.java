package org.ntplab.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The {@code --raw} view is byte for byte what {@code xxd -g 4} prints (expected text made with
 * xxd).
 */
class RawRendererTest {

  @Test
  void printsWordsAndAsciiLikeXxdWithGroupsOfFour() {
    byte[] kod = Captures.packet("tcpdump", "ntp.pcap", "2").bytes();

    assertEquals(
        """
        00000000: e40003e9 00000000 0000005a 53544550  ...........ZSTEP
        00000010: 00000000 00000000 a4b39cd1 01fb24bf  ..............$.
        00000020: dcf25a39 84199119 dcf25a39 841d6dc5  ..Z9......Z9..m.
        00000030: 00000000                             ....
        """,
        lf(RawRenderer.render(kod)));
  }

  @Test
  void trailingPartialWordKeepsTheAsciiColumnAligned() {
    byte[] seventeen = HexdumpRendererTest.hex("16820001 00000000 00000005 68656c6c 6f");

    assertEquals(
        """
        00000000: 16820001 00000000 00000005 68656c6c  ............hell
        00000010: 6f                                   o
        """,
        lf(RawRenderer.render(seventeen)));
  }

  @Test
  void needsNoDecodingSoItShowsBytesTheDecoderRejects() {
    byte[] tooShort = HexdumpRendererTest.hex("e3000000 00000000");

    assertEquals(
        "00000000: e3000000 00000000                    ........\n",
        lf(RawRenderer.render(tooShort)));
  }

  private static String lf(String text) {
    return text.replace(System.lineSeparator(), "\n");
  }
}
