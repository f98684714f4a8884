package org.ntplab.wire;

import java.util.Arrays;
import java.util.HexFormat;
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
          0x0404, "NTS Authenticator and Encrypted Extension Fields");

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

  /** The registered name (RFC 8915 for NTS), or empty for an unregistered type. */
  public Optional<String> name() {
    return Optional.ofNullable(NAMES.get(type));
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
