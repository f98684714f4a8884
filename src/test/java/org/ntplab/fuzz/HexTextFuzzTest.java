package org.ntplab.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ntplab.fixture.HexText;
import org.ntplab.fixture.MalformedHexException;

/**
 * Fuzzes the hex parser with any text: it gives bytes that survive a round trip through {@link
 * HexText#words}, or a {@link MalformedHexException} whose line and column are in the text.
 */
class HexTextFuzzTest {

  /**
   * The most {@code *} lines may expand to (HexText's own limit), plus room for the parse itself.
   */
  private static final long MEMORY = 160L << 20;

  @FuzzTest
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    int lines = text.split("\r\n|\r|\n", -1).length;
    try {
      List<byte[]> packets =
          Fuzzing.withinMemory(input.length, MEMORY, 64, () -> HexText.parsePackets(text));
      assertFalse(
          packets.isEmpty() || packets.stream().anyMatch(p -> p.length == 0),
          "a packet of no bytes");
    } catch (MalformedHexException e) {
      check(e, lines);
    }
    byte[] bytes;
    try {
      bytes = Fuzzing.withinMemory(input.length, MEMORY, 64, () -> HexText.parse(text));
    } catch (MalformedHexException e) {
      check(e, lines);
      return;
    }
    assertFalse(bytes.length == 0, "parse gave no bytes without an error");
    assertArrayEquals(bytes, HexText.parse(HexText.words(bytes)), "words() does not parse back");
  }

  private static void check(MalformedHexException e, int lines) {
    Fuzzing.requireOneLine(e);
    assertTrue(
        e.line() >= 1 && e.line() <= lines,
        () -> "line " + e.line() + " of " + lines + ": " + e.getMessage());
    assertTrue(e.column() >= 1, () -> "column " + e.column() + ": " + e.getMessage());
  }
}
