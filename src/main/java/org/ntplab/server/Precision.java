package org.ntplab.server;

import java.time.Clock;
import java.time.Instant;

/**
 * Measures a clock's precision the way ntpd's {@code default_get_precision} does: the smallest step
 * between two different readings, as log2 seconds rounded to the nearest integer. A clock that
 * reads to the nanosecond steps by about the time one reading takes (−25 ≈ 30 ns, what chronyd
 * reports on Linux); one that reads to the microsecond gives −20.
 */
final class Precision {

  /**
   * For a clock that never moves while measured (a fixed test clock): a microsecond clock's value.
   */
  static final int UNMEASURABLE = -20;

  // Enough readings for the JIT to compile the loop: the first few hundred, interpreted, are slow
  // enough to make a nanosecond clock look like a microsecond one.
  private static final int MAX_READS = 200_000;
  private static final int STEPS = 10_000;

  private Precision() {}

  static int measure(Clock clock) {
    Instant last = clock.instant();
    long smallest = Long.MAX_VALUE;
    int steps = 0;
    for (int i = 0; i < MAX_READS && steps < STEPS; i++) {
      Instant now = clock.instant();
      long step =
          (now.getEpochSecond() - last.getEpochSecond()) * 1_000_000_000L
              + now.getNano()
              - last.getNano();
      if (step > 0) {
        smallest = Math.min(smallest, step);
        steps++;
      }
      last = now;
    }
    return smallest == Long.MAX_VALUE ? UNMEASURABLE : log2Seconds(smallest);
  }

  /** log2 of {@code nanos} nanoseconds in seconds, rounded to nearest, clamped to −63..0. */
  static int log2Seconds(long nanos) {
    double exponent = Math.log(nanos / 1e9) / Math.log(2);
    return (int) Math.max(-63, Math.min(0, Math.round(exponent)));
  }
}
