package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a mismatch says: the values as a student can read them. */
class ComparisonTest {

  @Test
  void controlCharactersInTextAreEscapedNotPrintedAsNothing() {
    String mismatch = Comparison.text().mismatch("GPS", "\u0001\u0002\u0003\u007f").orElseThrow();
    assertEquals("expected \"GPS\", got \"\\x01\\x02\\x03\\x7f\"", mismatch);
    assertEquals("\"LOCL\\0\\t\\n\\\"\\\\\"", Comparison.quoted("LOCL\0\t\n\"\\"));
    assertEquals("\"é\"", Comparison.quoted("é"));
  }

  @Test
  void anErrorOfWholeErasIsNamedAsOne() {
    Instant expected = Instant.parse("2036-02-07T06:28:17Z");
    String one =
        Comparison.within(1).mismatch(expected, expected.minusSeconds(1L << 32)).orElseThrow();
    assertTrue(one.endsWith("(off by one NTP era (2^32 s): the era rule)"), one);
    String almost =
        Comparison.within(1)
            .mismatch(expected, expected.minusSeconds(1L << 32).plusNanos(1))
            .orElseThrow();
    assertTrue(almost.contains("one NTP era (2^32 s less 1 ns)"), almost);
    String plain =
        Comparison.within(1)
            .mismatch(Duration.ofSeconds(7200), Duration.ofMillis(500))
            .orElseThrow();
    assertTrue(plain.endsWith("(off by 1h59m59.5s)"), plain);
  }
}
