package org.ntplab.wire;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * An NTP short format value: unsigned 16.16 fixed-point seconds, used for root delay and root
 * dispersion (RFC 5905 §6). The decimal value is exact: {@code 0x0000001a} is 0.000396728515625 s.
 */
public record NtpShort(int bits) {

  public static final NtpShort ZERO = new NtpShort(0);

  /** The value nearest to a non-negative duration below 65536 s. */
  public static NtpShort from(Duration duration) {
    if (duration.isNegative() || duration.getSeconds() >= 1 << 16) {
      throw new IllegalArgumentException(
          "out of range for 16.16 seconds (0 to 65535.99998 s): " + duration);
    }
    long fraction = ((long) duration.getNano() << 16) + 500_000_000L;
    long bits = (duration.getSeconds() << 16) + fraction / 1_000_000_000L;
    // Within half a unit of 65536 s the rounding carries past 32 bits: the nearest value is the top
    // one.
    return new NtpShort((int) Math.min(bits, 0xffff_ffffL));
  }

  public int wholeSeconds() {
    return bits >>> 16;
  }

  /** Fraction in units of 2^-16 s. */
  public int fraction() {
    return bits & 0xffff;
  }

  /** Exact decimal seconds. */
  public BigDecimal seconds() {
    BigDecimal exact =
        new BigDecimal(Integer.toUnsignedLong(bits)).divide(BigDecimal.valueOf(65536));
    return exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
  }

  /** Rounded to the nearest nanosecond. */
  public Duration toDuration() {
    return Duration.ofNanos((Integer.toUnsignedLong(bits) * 1_000_000_000L + (1 << 15)) >>> 16);
  }

  @Override
  public String toString() {
    return String.format("%04x.%04x", wholeSeconds(), fraction());
  }
}
