package org.ntplab.wire;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An NTP timestamp: unsigned 32.32 fixed-point seconds since 1900-01-01 00:00 UTC, as on the wire.
 *
 * <p>The era (which 136-year cycle) is not on the wire, so converting to an {@link Instant} needs a
 * pivot: the result is the one instant in the 2^32-second window that starts at the pivot. The
 * default pivot, 1968-01-20T03:14:08Z, is RFC 4330 §3's top-bit rule (top bit set: 1968–2036,
 * clear: 2036–2104). All bits zero means "unknown" (RFC 5905 §6), so {@link #instant()} is empty.
 *
 * <p>{@code toString()} prints {@code seconds.fraction} in hex, e.g. {@code eeacbd2e.61faa000}.
 */
public record NtpTimestamp(long bits) implements Comparable<NtpTimestamp> {

  /** Seconds from the NTP prime epoch (1900) to the Unix epoch (1970): the classic 2208988800. */
  public static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

  public static final NtpTimestamp ZERO = new NtpTimestamp(0);

  /** Start of the default conversion window: era 0 second 2^31 (RFC 4330 §3). */
  // 2^31 s after 1900 = 1968-01-20T03:14:08Z, as a count: Instant.parse would initialise
  // java.time.format's formatters, about 5% of a one-shot inspect.
  public static final Instant DEFAULT_PIVOT =
      Instant.ofEpochSecond((1L << 31) - SECONDS_1900_TO_1970);

  private static final long ERA_SECONDS = 1L << 32;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  public static NtpTimestamp of(long seconds, long fraction) {
    if (seconds < 0 || seconds >= ERA_SECONDS) {
      throw new IllegalArgumentException("seconds out of range 0..2^32-1: " + seconds);
    }
    if (fraction < 0 || fraction >= ERA_SECONDS) {
      throw new IllegalArgumentException("fraction out of range 0..2^32-1: " + fraction);
    }
    return new NtpTimestamp(seconds << 32 | fraction);
  }

  /**
   * The timestamp of an instant; the era is dropped, the fraction rounded to the nearest 2^-32 s.
   */
  public static NtpTimestamp from(Instant instant) {
    long fraction = ((long) instant.getNano() << 32) + NANOS_PER_SECOND / 2;
    fraction /= NANOS_PER_SECOND;
    long seconds = instant.getEpochSecond() + SECONDS_1900_TO_1970;
    if (fraction == ERA_SECONDS) { // rounding carried into the next second
      fraction = 0;
      seconds++;
    }
    return new NtpTimestamp(Math.floorMod(seconds, ERA_SECONDS) << 32 | fraction);
  }

  /**
   * Parses {@code toString()}'s form, {@code eeacbd2e.61faa000}, or 16 hex digits without the dot.
   */
  public static NtpTimestamp parse(CharSequence text) {
    String s = text.toString().strip();
    String digits = s.length() == 17 && s.charAt(8) == '.' ? s.substring(0, 8) + s.substring(9) : s;
    if (digits.length() != 16) {
      throw new IllegalArgumentException(
          "not an NTP timestamp: \"" + s + "\" (expected: 8 hex digits, '.', 8 hex digits)");
    }
    try {
      return new NtpTimestamp(Long.parseUnsignedLong(digits, 16));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an NTP timestamp: \"" + s + "\" (not hex)");
    }
  }

  /** Whole seconds within the era, 0..2^32-1. */
  public long seconds() {
    return bits >>> 32;
  }

  /** Fraction of a second in units of 2^-32 s, 0..2^32-1. */
  public long fraction() {
    return bits & 0xffff_ffffL;
  }

  public boolean isZero() {
    return bits == 0;
  }

  /** The instant in the default window (1968–2104), or empty for the zero "unknown" timestamp. */
  public Optional<Instant> instant() {
    return isZero() ? Optional.empty() : Optional.of(toInstant(DEFAULT_PIVOT));
  }

  /** The instant in the 2^32-second window starting at {@code pivot}; zero is not special here. */
  public Instant toInstant(Instant pivot) {
    long pivotSeconds = pivot.getEpochSecond() + SECONDS_1900_TO_1970;
    long pivotEra = Math.floorDiv(pivotSeconds, ERA_SECONDS);
    long pivotBits = from(pivot).bits;
    long era = Long.compareUnsigned(bits, pivotBits) >= 0 ? pivotEra : pivotEra + 1;
    long ntpSeconds = era * ERA_SECONDS + seconds();
    return Instant.ofEpochSecond(ntpSeconds - SECONDS_1900_TO_1970, fractionToNanos(fraction()));
  }

  /**
   * Nanoseconds from {@code earlier} to this timestamp, era-safe: the 64-bit difference wraps and
   * is read as signed (RFC 5905 §6), so it is right whenever the two are within 68 years of each
   * other.
   */
  public long nanosSince(NtpTimestamp earlier) {
    return fixedToNanos(bits - earlier.bits);
  }

  /** Signed 32.32 fixed-point seconds to nanoseconds, rounded to nearest. */
  static long fixedToNanos(long fixed) {
    return (fixed >> 32) * NANOS_PER_SECOND + fractionToNanos(fixed & 0xffff_ffffL);
  }

  private static long fractionToNanos(long fraction) {
    return (fraction * NANOS_PER_SECOND + (1L << 31)) >>> 32;
  }

  /**
   * Era of this timestamp's instant in the default window: 0 before 2036-02-07T06:28:16Z, else 1.
   */
  public int defaultEra() {
    return seconds() >= 1L << 31 ? 0 : 1;
  }

  /** Unsigned order within one era, as the bits compare. */
  @Override
  public int compareTo(NtpTimestamp other) {
    return Long.compareUnsigned(bits, other.bits);
  }

  // equals and hashCode are written out: a record's generated ones are bootstrapped through method
  // handles on first use, about 25 ms of a one-shot inspect's start (BENCHMARKS.md, "One query").
  @Override
  public boolean equals(Object other) {
    return other instanceof NtpTimestamp that && that.bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  // HexFormat, not String.format: no Formatter, regex or locale data on inspect's path.
  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return hex.toHexDigits((int) seconds()) + "." + hex.toHexDigits((int) fraction());
  }
}
