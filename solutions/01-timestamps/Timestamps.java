package org.ntplab.labs.timestamps;

import java.time.Duration;
import java.time.Instant;
import org.ntplab.lab.TimestampLab;

/** Lab 1, solved: NTP's fixed-point formats with integer arithmetic only. */
public class Timestamps implements TimestampLab {

  /** 1900-01-01 to 1970-01-01: 70 years, 17 of them leap years. */
  private static final long SECONDS_1900_TO_1970 = (70L * 365 + 17) * 86_400;
  private static final long ERA = 1L << 32;
  private static final long NANOS = 1_000_000_000L;

  @Override
  public Instant toInstant(long seconds, long fraction) {
    // RFC 4330 §3: top bit set means era 0 (1968–2036), clear means era 1 (2036–2104).
    long since1900 = (seconds & 0x8000_0000L) != 0 ? seconds : seconds + ERA;
    long nanos = fractionToNanos(fraction);
    return Instant.ofEpochSecond(since1900 - SECONDS_1900_TO_1970, nanos);
  }

  @Override
  public long fractionToNanos(long fraction) {
    // fraction / 2^32 s, rounded: fits in a long since fraction < 2^32 and 1e9 < 2^30.
    return (fraction * NANOS + (1L << 31)) >>> 32;
  }

  @Override
  public long nanosToFraction(long nanos) {
    return Math.min(ERA - 1, ((nanos << 32) + NANOS / 2) / NANOS);
  }

  @Override
  public Duration shortToDuration(long bits) {
    return Duration.ofNanos((bits * NANOS + (1L << 15)) >>> 16);
  }

  @Override
  public Duration log2ToDuration(int exponent) {
    if (exponent >= 0) {
      return Duration.ofSeconds(1L << exponent);
    }
    // 1e9 / 2^-exponent ns, rounded half up; for very small values the shift leaves 0.
    int shift = -exponent;
    return Duration.ofNanos(shift > 62 ? 0 : (NANOS + (1L << (shift - 1))) >> shift);
  }
}
