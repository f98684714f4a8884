package org.ntplab.text;

/**
 * Text that untrusted code wrote (a student's exception, answer, output or file name) made safe to
 * show: every character a terminal would act on instead of print (a carriage return, an escape, a
 * backspace, a bidirectional override) is written out, so it shows as what it is and redraws
 * nothing.
 */
public final class Printable {

  private Printable() {}

  /** {@code text} with its line breaks and tabs kept and every other control written out. */
  public static String text(String text) {
    return escaped(text, true);
  }

  /** {@code text} on one line: its line breaks and tabs written out too. */
  public static String line(String text) {
    return escaped(text, false);
  }

  private static String escaped(String text, boolean keepLines) {
    if (text.codePoints().noneMatch(c -> acts(c, keepLines))) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              if (!acts(c, keepLines)) {
                out.appendCodePoint(c);
              } else if (c == '\r') {
                out.append("\\r");
              } else if (c == '\n') {
                out.append("\\n");
              } else if (c == '\t') {
                out.append("\\t");
              } else {
                out.append(String.format(c <= 0xff ? "\\x%02x" : "\\u%04x", c));
              }
            });
    return out.toString();
  }

  /** Whether a terminal acts on {@code c} rather than print it (or may: a lone surrogate). */
  private static boolean acts(int c, boolean keepLines) {
    if (keepLines && (c == '\n' || c == '\t')) {
      return false;
    }
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
