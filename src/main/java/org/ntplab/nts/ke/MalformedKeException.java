package org.ntplab.nts.ke;

/**
 * Bytes that are not a well-formed NTS-KE message. The message is one line naming the byte offset
 * and what was expected there, e.g. {@code byte 8 (record 2, New Cookie for NTPv4): the body is 100
 * bytes, the stream ended after 40}.
 */
public class MalformedKeException extends RuntimeException {

  private final int offset;

  public MalformedKeException(int offset, String where, String problem) {
    super("byte " + offset + " (" + where + "): " + problem);
    this.offset = offset;
  }

  /** Offset, from the first byte of the message, of the record or field that is wrong. */
  public int offset() {
    return offset;
  }
}
