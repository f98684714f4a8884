package org.ntplab.lab;

import java.time.Duration;
import java.time.Instant;

/**
 * Lab 1: NTP's fixed-point time formats (RFC 5905 §6, RFC 4330 §3). Implemented by {@code
 * org.ntplab.labs.timestamps.Timestamps}.
 */
public interface TimestampLab {

  /**
   * The instant of a 32.32 timestamp, era by RFC 4330 §3: top bit of {@code seconds} set means
   * 1968–2036 (era 0), clear means 2036–2104 (era 1). Zero is not special here. Nanoseconds are
   * rounded to nearest (within 1 ns is accepted).
   *
   * @param seconds seconds since 1900 within the era, 0..2^32-1
   * @param fraction units of 2^-32 s, 0..2^32-1
   */
  Instant toInstant(long seconds, long fraction);

  /**
   * A 32-bit fraction of a second (units of 2^-32 s) as nanoseconds, 0..1e9, rounded to nearest.
   */
  long fractionToNanos(long fraction);

  /** Nanoseconds 0..999,999,999 as a 32-bit fraction of a second (units of 2^-32 s), rounded. */
  long nanosToFraction(long nanos);

  /**
   * An unsigned 16.16 value (root delay, root dispersion; {@code bits} 0..2^32-1) as a Duration.
   */
  Duration shortToDuration(long bits);

  /**
   * A signed log2 seconds value (poll, precision; -40..40 is graded) as a Duration: 2^exponent s.
   */
  Duration log2ToDuration(int exponent);
}
