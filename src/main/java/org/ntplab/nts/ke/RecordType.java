package org.ntplab.nts.ke;

import java.util.Optional;

/**
 * The NTS-KE record types RFC 8915 §4.1 defines, with what each says of the critical bit: the
 * sender MUST set it, MAY set it, or MUST NOT set it.
 */
public enum RecordType implements Registered {
  END_OF_MESSAGE(0, "End of Message", CriticalBit.MUST),
  NEXT_PROTOCOL(1, "NTS Next Protocol Negotiation", CriticalBit.MUST),
  ERROR(2, "Error", CriticalBit.MUST),
  WARNING(3, "Warning", CriticalBit.MUST),
  AEAD_ALGORITHM(4, "AEAD Algorithm Negotiation", CriticalBit.MAY),
  NEW_COOKIE(5, "New Cookie for NTPv4", CriticalBit.MUST_NOT),
  SERVER(6, "NTPv4 Server Negotiation", CriticalBit.MAY),
  PORT(7, "NTPv4 Port Negotiation", CriticalBit.MAY);

  /** What the RFC asks of a sender's critical bit for one record type. */
  public enum CriticalBit {
    MUST,
    MAY,
    MUST_NOT
  }

  private final int code;
  private final String registeredName;
  private final CriticalBit criticalBit;

  RecordType(int code, String registeredName, CriticalBit criticalBit) {
    this.code = code;
    this.registeredName = registeredName;
    this.criticalBit = criticalBit;
  }

  /** The 15-bit type number on the wire. */
  @Override
  public int code() {
    return code;
  }

  /** The name RFC 8915 gives it, e.g. {@code New Cookie for NTPv4}. */
  @Override
  public String registeredName() {
    return registeredName;
  }

  public CriticalBit criticalBit() {
    return criticalBit;
  }

  /** The type numbered {@code code}, or empty for one RFC 8915 does not define. */
  public static Optional<RecordType> of(int code) {
    return Registered.find(RecordType.class, code);
  }

  /** {@code 5 (New Cookie for NTPv4)}, or {@code 1234 (unknown)}. */
  public static String describe(int code) {
    return Registered.describe(RecordType.class, code);
  }
}
