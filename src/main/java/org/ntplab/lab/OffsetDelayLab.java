package org.ntplab.lab;

/**
 * Lab 4: the on-wire method (RFC 5905 §8). T1 client transmit, T2 server receive, T3 server
 * transmit, T4 client receive, each a raw 64-bit NTP timestamp. Answers are in nanoseconds and must
 * hold across the 2036 era boundary. Implemented by {@code
 * org.ntplab.labs.offsetdelay.OffsetDelay}.
 */
public interface OffsetDelayLab {

  /** θ = ((T2 − T1) + (T3 − T4)) / 2: how far the server's clock is ahead of ours. */
  long offsetNanos(long t1, long t2, long t3, long t4);

  /** δ = (T4 − T1) − (T3 − T2), never below zero. */
  long delayNanos(long t1, long t2, long t3, long t4);
}
