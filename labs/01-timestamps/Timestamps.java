package org.ntplab.labs.timestamps;

import java.time.Duration;
import java.time.Instant;
import org.ntplab.lab.TimestampLab;

/** Lab 1: NTP's fixed-point time formats. Read README.md beside this file, then replace each throw. */
public class Timestamps implements TimestampLab {

  @Override
  public Instant toInstant(long seconds, long fraction) {
    throw new UnsupportedOperationException(
        "Lab 1: implement toInstant(seconds, fraction): 32.32 NTP time to an Instant, era by the top bit (RFC 4330 §3)");
  }

  @Override
  public long fractionToNanos(long fraction) {
    throw new UnsupportedOperationException(
        "Lab 1: implement fractionToNanos(fraction): units of 2^-32 s to nanoseconds, rounded");
  }

  @Override
  public long nanosToFraction(long nanos) {
    throw new UnsupportedOperationException(
        "Lab 1: implement nanosToFraction(nanos): nanoseconds to units of 2^-32 s, rounded");
  }

  @Override
  public Duration shortToDuration(long bits) {
    throw new UnsupportedOperationException(
        "Lab 1: implement shortToDuration(bits): unsigned 16.16 seconds to a Duration");
  }

  @Override
  public Duration log2ToDuration(int exponent) {
    throw new UnsupportedOperationException(
        "Lab 1: implement log2ToDuration(exponent): 2^exponent seconds as a Duration");
  }
}
