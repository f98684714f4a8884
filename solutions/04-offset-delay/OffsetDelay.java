package org.ntplab.labs.offsetdelay;

import org.ntplab.lab.OffsetDelayLab;

/** Lab 4, solved: differences first (wrapping, read as signed), then nanoseconds. */
public class OffsetDelay implements OffsetDelayLab {

  @Override
  public long offsetNanos(long t1, long t2, long t3, long t4) {
    long outbound = nanos(t2 - t1);
    long inbound = nanos(t3 - t4);
    return outbound + (inbound - outbound) / 2; // the mean without overflowing
  }

  @Override
  public long delayNanos(long t1, long t2, long t3, long t4) {
    return Math.max(0, nanos(t4 - t1) - nanos(t3 - t2));
  }

  /**
   * A signed 32.32 difference in nanoseconds. The subtraction wrapped modulo 2^64, so reading it
   * as signed is right across an era boundary as long as the two times are within 68 years.
   */
  private static long nanos(long fixed) {
    long seconds = fixed >> 32; // arithmetic shift keeps the sign
    long fraction = fixed & 0xffff_ffffL;
    return seconds * 1_000_000_000L + ((fraction * 1_000_000_000L + (1L << 31)) >>> 32);
  }
}
