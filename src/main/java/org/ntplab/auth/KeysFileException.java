package org.ntplab.auth;

/**
 * A keys file that cannot be used. The message is one line that starts with where: {@code ntp.keys
 * line 3, type: 'AES128CMAC' is not supported ...}.
 */
public final class KeysFileException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;

  KeysFileException(String file, int line, String field, String problem) {
    super(file + " line " + line + (field.isEmpty() ? "" : ", " + field) + ": " + problem);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  /** The file as it was named to the reader. */
  public String file() {
    return file;
  }

  /** The 1-based line. */
  public int line() {
    return line;
  }

  /** {@code key ID}, {@code type} or {@code key}; empty when the whole line is wrong. */
  public String field() {
    return field;
  }
}
