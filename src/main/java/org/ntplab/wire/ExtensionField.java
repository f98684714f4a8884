package org.ntplab.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An NTPv4 extension field (RFC 7822): 16-bit type, 16-bit length counting the 4-byte header and
 * padding, then {@code length - 4} bytes of value. The value is kept byte for byte, padding
 * included, so that encoding gives back what was received.
 */
public record ExtensionField(int type, byte[] value) {

  /** The smallest field RFC 7822 §3 allows. */
  public static final int MIN_LENGTH = 16;

  private static final Map<Integer, String> NAMES =
      Map.of(
          0x0104, "NTS Unique Identifier",
          0x0204, "NTS Cookie",
          0x0304, "NTS Cookie Placeholder",
          0x0404, "NTS Authenticator and Encrypted Extension Fields",
          0x2005, "Checksum Complement");

  /**
   * RFC 5906 Autokey messages, by the code in bits 2–7 of a type whose low byte is 2 (Autokey
   * version 2); bit 0 marks a response and bit 1 an error.
   */
  private static final List<String> AUTOKEY =
      List.of(
          "No-Operation",
          "Association Message",
          "Certificate Message",
          "Cookie Message",
          "Autokey Message",
          "Leapseconds Value Message",
          "Sign Message",
          "IFF Identity Message",
          "GQ Identity Message",
          "MV Identity Message");

  public ExtensionField {
    if (type < 0 || type > 0xffff) {
      throw new IllegalArgumentException("extension field type out of range 0..0xffff: " + type);
    }
    int length = value.length + 4;
    if (length < MIN_LENGTH || length % 4 != 0 || length > 0xffff) {
      throw new IllegalArgumentException(
          "extension field length " + length + " must be a multiple of 4 from 16 to 65532");
    }
    value = value.clone();
  }

  /** The length field: header, value and padding. */
  public int length() {
    return value.length + 4;
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * The registered name (RFC 8915 for NTS, RFC 5906 for Autokey, RFC 7821), or empty for a type
   * nobody registered or one reserved: such a field is still kept and shown byte for byte.
   */
  public Optional<String> name() {
    String name = NAMES.get(type);
    if (name != null) {
      return Optional.of(name);
    }
    int code = type >>> 8 & 0x3f;
    if ((type & 0xff) != 2 || code >= AUTOKEY.size()) {
      return Optional.empty();
    }
    String kind =
        (type & 0x4000) != 0 ? " Error Response" : (type & 0x8000) != 0 ? " Response" : " Request";
    return Optional.of("Autokey " + AUTOKEY.get(code) + kind);
  }

  /**
   * This field with zeros appended up to {@code length} bytes, or itself when it is that long
   * already: how a sender meets RFC 7822 §7.5's minimum for the last field.
   */
  public ExtensionField padded(int length) {
    if (length % 4 != 0) {
      throw new IllegalArgumentException("padded length " + length + " is not a multiple of 4");
    }
    return length <= length() ? this : new ExtensionField(type, Arrays.copyOf(value, length - 4));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtensionField other
        && type == other.type
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return String.format(
        "ExtensionField[type=0x%04x%s, length=%d, value=%s]",
        type,
        name().map(n -> " (" + n + ")").orElse(""),
        length(),
        HexFormat.of().formatHex(value));
  }
}
