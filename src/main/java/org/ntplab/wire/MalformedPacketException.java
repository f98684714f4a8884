package org.ntplab.wire;

/**
 * Bytes that are not an NTP message. The message is one line naming the field and byte offset, e.g.
 * {@code packet too short: 40 bytes (expected: 48+ bytes)}.
 */
public final class MalformedPacketException extends RuntimeException {

  private final int offset;
  private final String field;

  public MalformedPacketException(int offset, String field, String problem) {
    super("byte " + offset + " (" + field + "): " + problem);
    this.offset = offset;
    this.field = field;
  }

  /** Offset of the first byte that could not be read as what it should be. */
  public int offset() {
    return offset;
  }

  /** The field being read, e.g. {@code version} or {@code extension field length}. */
  public String field() {
    return field;
  }
}
