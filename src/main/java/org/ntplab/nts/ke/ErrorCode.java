package org.ntplab.nts.ke;

/** The codes of an NTS-KE Error record (RFC 8915 §4.1.3). */
public enum ErrorCode implements Registered {
  UNRECOGNIZED_CRITICAL_RECORD(0, "Unrecognized Critical Record"),
  BAD_REQUEST(1, "Bad Request"),
  INTERNAL_SERVER_ERROR(2, "Internal Server Error");

  private final int code;
  private final String registeredName;

  ErrorCode(int code, String registeredName) {
    this.code = code;
    this.registeredName = registeredName;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String registeredName() {
    return registeredName;
  }

  /** {@code 1 (Bad Request)}, or {@code 7 (unknown)}. */
  public static String describe(int code) {
    return Registered.describe(ErrorCode.class, code);
  }
}
