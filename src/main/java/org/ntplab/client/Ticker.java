package org.ntplab.client;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Monotonic time and waiting: what deadlines, retries and the spacing between queries are measured
 * with. Never the wall clock, which is what the client measures and {@code sync} steps: a deadline
 * must not move when the clock does.
 */
public interface Ticker {

  /** The running system: {@link System#nanoTime()} and {@link Thread#sleep}. */
  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanos() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
      };

  /** Nanoseconds from an arbitrary origin; only differences mean anything. */
  long nanos();

  /** Waits {@code duration} (positive). */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Waits until {@link #nanos()} reaches {@code deadline}, at once if it has; an interrupt keeps
   * the thread's flag and becomes an I/O error saying what was {@code waitingFor}.
   */
  default void sleepUntil(long deadline, String waitingFor) throws InterruptedIOException {
    long left = deadline - nanos();
    if (left <= 0) {
      return;
    }
    try {
      sleep(Duration.ofNanos(left));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + waitingFor);
    }
  }
}
