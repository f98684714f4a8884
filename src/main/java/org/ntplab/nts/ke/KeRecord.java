package org.ntplab.nts.ke;

/**
 * One NTS-KE record (RFC 8915 §4): the critical bit, then the 15-bit type and 16-bit length of the
 * header, then the body, here typed ({@link KeBody}) and carrying the type.
 *
 * @param critical whether a receiver that does not know the type must fail rather than skip it
 */
public record KeRecord(boolean critical, KeBody body) {

  /** Bytes in a record's header: the critical bit and type in 16 bits, then the body length. */
  public static final int HEADER_LENGTH = 4;

  /** The record type number (without the critical bit). */
  public int type() {
    return body.type();
  }

  /** The record's name for people: RFC 8915's name of its type, or {@code type 1234}. */
  public String name() {
    return RecordType.of(type()).map(RecordType::registeredName).orElse("type " + type());
  }

  /** The whole record: header and body. */
  public byte[] encode() {
    byte[] bytes = body.encode();
    if (bytes.length > 0xffff) {
      throw new IllegalArgumentException(
          name() + " body is " + bytes.length + " bytes, more than a record holds (65535)");
    }
    byte[] out = new byte[HEADER_LENGTH + bytes.length];
    int typeField = (critical ? 0x8000 : 0) | type();
    out[0] = (byte) (typeField >>> 8);
    out[1] = (byte) typeField;
    out[2] = (byte) (bytes.length >>> 8);
    out[3] = (byte) bytes.length;
    System.arraycopy(bytes, 0, out, HEADER_LENGTH, bytes.length);
    return out;
  }
}
