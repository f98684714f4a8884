package org.ntplab.wire;

/** The two leap indicator bits (RFC 5905 §7.3): a leap second warning, or "not synchronized". */
public enum LeapIndicator {
  NO_WARNING("no warning"),
  LAST_MINUTE_HAS_61_SECONDS("last minute of the day has 61 seconds"),
  LAST_MINUTE_HAS_59_SECONDS("last minute of the day has 59 seconds"),
  UNSYNCHRONIZED("clock unsynchronized (alarm)");

  /** values() copies its array on every call; decoding asks for one per packet. */
  private static final LeapIndicator[] CODES = values();

  private final String meaning;

  LeapIndicator(String meaning) {
    this.meaning = meaning;
  }

  public static LeapIndicator of(int code) {
    return CODES[code & 3];
  }

  public int code() {
    return ordinal();
  }

  public String meaning() {
    return meaning;
  }
}
