package org.ntplab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void everyControlATerminalActsOnIsWrittenOut() {
    String attack = "\r\u001b[2Ktotal 30/30\b\u009b2J\u0007\u007f\u202e\u2066\u200b\u2028\ud800";
    assertEquals(
        "\\r\\x1b[2Ktotal 30/30\\x08\\x9b2J\\x07\\x7f\\u202e\\u2066\\u200b\\u2028\\ud800",
        Printable.text(attack));
  }

  @Test
  void textKeepsItsLinesAndTabsAndALineDoesNot() {
    assertEquals("a\n\tb", Printable.text("a\n\tb"));
    assertEquals("a\\n\\tb", Printable.line("a\n\tb"));
  }

  @Test
  void printableTextIsLeftAsItIs() {
    String text = "José, Jose\u0301 ✓ 30/30 ünïcödé 日本語 🙂";
    assertSame(text, Printable.text(text));
    assertSame(text, Printable.line(text));
  }
}
