package org.ntplab.wire;

/**
 * Hex text that {@link HexText#parse} cannot turn into bytes, with the 1-based line and column of
 * the problem.
 *
 * <p>The message is one line and starts with the position: {@code line 3, column 17: 'g' is not a
 * hex digit}, or just {@code line 4: ...} when the whole line is at fault (a missing line of a
 * dump); {@link #column()} then points at the line's offset.
 */
public final class MalformedHexException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  private MalformedHexException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  /** A problem at one character: the message names line and column. */
  static MalformedHexException at(int line, int column, String reason) {
    return new MalformedHexException(
        "line " + line + ", column " + column + ": " + reason, line, column);
  }

  /** A problem with a whole line: the message names the line only. */
  static MalformedHexException onLine(int line, int column, String reason) {
    return new MalformedHexException("line " + line + ": " + reason, line, column);
  }

  /** The 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** The 1-based column of the problem, counting characters (a tab is one column). */
  public int column() {
    return column;
  }
}
