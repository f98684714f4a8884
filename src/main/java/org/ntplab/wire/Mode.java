package org.ntplab.wire;

/** The association mode, three bits of the first byte (RFC 5905 §7.3). */
public enum Mode {
  RESERVED("reserved"),
  SYMMETRIC_ACTIVE("symmetric active"),
  SYMMETRIC_PASSIVE("symmetric passive"),
  CLIENT("client"),
  SERVER("server"),
  BROADCAST("broadcast"),
  CONTROL("NTP control message"),
  PRIVATE("reserved for private use");

  /** values() copies its array on every call; decoding asks for one per packet. */
  private static final Mode[] CODES = values();

  private final String meaning;

  Mode(String meaning) {
    this.meaning = meaning;
  }

  public static Mode of(int code) {
    return CODES[code & 7];
  }

  public int code() {
    return ordinal();
  }

  public String meaning() {
    return meaning;
  }
}
