package org.ntplab.load;

/**
 * A distribution of durations in nanoseconds, as load tools report it: p50 (the median), p90, p99
 * and the maximum, over {@code count} values; all zero when there were none.
 */
public record Percentiles(long count, long p50, long p90, long p99, long max) {

  public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);
}
