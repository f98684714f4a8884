package org.ntplab.inspect;

/**
 * How rendered text is decorated: {@link #PLAIN} writes the characters and nothing else (for pipes,
 * files, {@code NO_COLOR}); {@link #ANSI} adds SGR escapes so a terminal shows field names dim,
 * values bold and problems in bold red.
 *
 * <p>Only the text inside a cell is decorated; padding between cells never is, so columns line up
 * the same in both styles.
 */
public enum Style {
  PLAIN,
  ANSI;

  private static final String RESET = "\u001b[0m";

  /** {@link #ANSI} when {@code color}, else {@link #PLAIN}. */
  public static Style of(boolean color) {
    return color ? ANSI : PLAIN;
  }

  /** A field name: dim, so the eye goes to values. */
  public String field(String text) {
    return wrap("\u001b[2m", text);
  }

  /** A raw value as on the wire: bold. */
  public String value(String text) {
    return wrap("\u001b[1m", text);
  }

  /** Something a reader must not miss (unsynchronized, kiss-o'-death, crypto-NAK): bold red. */
  public String problem(String text) {
    return wrap("\u001b[1;31m", text);
  }

  /** A heading line: bold. */
  public String heading(String text) {
    return wrap("\u001b[1m", text);
  }

  private String wrap(String sgr, String text) {
    return this == PLAIN || text.isEmpty() ? text : sgr + text + RESET;
  }
}
