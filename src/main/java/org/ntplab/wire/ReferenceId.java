package org.ntplab.wire;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The 32-bit reference identifier, whose meaning depends on stratum and version (RFC 5905 §7.3):
 * stratum 0 carries a kiss code, stratum 1 a reference clock name (ASCII, NUL-padded), stratum 2
 * and up the upstream server's IPv4 address or, in NTPv4 with an IPv6 upstream, the first four
 * bytes of the MD5 hash of its address. NTPv3 and older always mean an IPv4 address at stratum 2+.
 */
public record ReferenceId(int bits) {

  public static final ReferenceId ZERO = new ReferenceId(0);

  /** What the four bytes stand for. */
  public enum Kind {
    KISS_CODE("kiss code"),
    REFERENCE_CLOCK("reference clock"),
    IPV4_ADDRESS("upstream IPv4 address"),
    IPV4_OR_IPV6_HASH("upstream IPv4 address, or MD5 hash of an IPv6 address");

    private final String meaning;

    Kind(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }

  /** Four ASCII characters, left-justified and NUL-padded, e.g. {@code GPS} or {@code RATE}. */
  public static ReferenceId ofAscii(String text) {
    byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
    if (ascii.length > 4 || !text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "reference ID must be at most 4 printable ASCII characters: \"" + text + "\"");
    }
    int bits = 0;
    for (int i = 0; i < 4; i++) {
      bits = bits << 8 | (i < ascii.length ? ascii[i] & 0xff : 0);
    }
    return new ReferenceId(bits);
  }

  public static Kind kindFor(int stratum, int version) {
    if (stratum == 0) {
      return Kind.KISS_CODE;
    }
    if (stratum == 1) {
      return Kind.REFERENCE_CLOCK;
    }
    return version >= 4 ? Kind.IPV4_OR_IPV6_HASH : Kind.IPV4_ADDRESS;
  }

  public byte[] bytes() {
    return new byte[] {
      (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits
    };
  }

  /** Dotted quad, e.g. {@code 127.127.1.1}. */
  public String asIpv4() {
    return (bits >>> 24)
        + "."
        + (bits >>> 16 & 0xff)
        + "."
        + (bits >>> 8 & 0xff)
        + "."
        + (bits & 0xff);
  }

  /**
   * The ASCII text with trailing NULs removed, or empty when the bytes are not printable ASCII
   * followed only by NULs (a reference ID of stratum 0/1 that is not text is shown in hex).
   */
  public String asAscii() {
    StringBuilder text = new StringBuilder(4);
    boolean ended = false;
    for (byte b : bytes()) {
      if (b == 0) {
        ended = true;
      } else if (ended || b < 0x20 || b >= 0x7f) {
        return "";
      } else {
        text.append((char) b);
      }
    }
    return text.toString();
  }

  /** Lower-case hex, e.g. {@code 7f7f0101}. */
  public String hex() {
    return HexFormat.of().toHexDigits(bits); // not String.format: no Formatter on inspect's path
  }

  /**
   * The text a person reads for this stratum and version: kiss code or clock name, else dotted
   * quad. Stratum 0/1 bytes that are not text show as hex, {@code 0x7f7f0100}; all zero, as "".
   */
  public String render(int stratum, int version) {
    return switch (kindFor(stratum, version)) {
      case KISS_CODE, REFERENCE_CLOCK ->
          bits == 0 || !asAscii().isEmpty() ? asAscii() : "0x" + hex();
      case IPV4_ADDRESS, IPV4_OR_IPV6_HASH -> asIpv4();
    };
  }

  @Override
  public String toString() {
    return hex();
  }
}
