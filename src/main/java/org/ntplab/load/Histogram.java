package org.ntplab.load;

/**
 * Counts of non-negative nanosecond values in log-linear buckets (128 per power of two, so a
 * percentile is within 1% of the true value) with the exact maximum: a run of millions of replies
 * costs 60 KB, not a sorted array of every value.
 */
final class Histogram {

  private static final int SUB_BITS = 7;
  private static final int SUB = 1 << SUB_BITS;

  private final long[] counts = new long[(Long.SIZE - SUB_BITS + 1) * SUB];
  private long count;
  private long max;

  void record(long nanos) {
    long value = Math.max(0, nanos);
    counts[index(value)]++;
    count++;
    max = Math.max(max, value);
  }

  /** p50, p90, p99 and max; all zero when nothing was recorded. */
  Percentiles percentiles() {
    return new Percentiles(count, percentile(0.50), percentile(0.90), percentile(0.99), max);
  }

  /**
   * The value below which a fraction {@code p} of the values lie: the middle of its bucket, at most
   * the max.
   */
  long percentile(double p) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p * count));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(max, middle(i));
      }
    }
    return max;
  }

  /** Values below 128 ns exactly; above, the top 7 bits after the leading one pick the bucket. */
  static int index(long value) {
    if (value < SUB) {
      return (int) value;
    }
    int shift = Long.SIZE - 1 - Long.numberOfLeadingZeros(value) - SUB_BITS;
    return (shift << SUB_BITS) + (int) (value >>> shift);
  }

  static long lowest(int index) {
    if (index < 2 * SUB) {
      return index;
    }
    int shift = (index >>> SUB_BITS) - 1;
    return (long) (index - (shift << SUB_BITS)) << shift;
  }

  private static long middle(int index) {
    long low = lowest(index);
    long width = index < 2 * SUB ? 1 : 1L << ((index >>> SUB_BITS) - 1);
    return low + (width - 1) / 2;
  }
}
