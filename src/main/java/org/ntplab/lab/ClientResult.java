package org.ntplab.lab;

/** What one lab 6 query came to: time, a kiss-o'-death instead of time, or no answer at all. */
public sealed interface ClientResult {

  /**
   * The server answered with time. Timestamps are raw 64-bit NTP values; offset and delay are lab
   * 4's, in nanoseconds.
   *
   * @param t1 the transmit timestamp we sent (the clock just before sending)
   * @param t2 the reply's receive timestamp
   * @param t3 the reply's transmit timestamp
   * @param t4 the clock as soon as the reply arrived
   * @param stratum the reply's stratum, 1..255
   * @param referenceId the reply's reference ID as its raw unsigned 32 bits, 0..2^32-1
   */
  record Answered(
      long t1,
      long t2,
      long t3,
      long t4,
      long offsetNanos,
      long delayNanos,
      int stratum,
      long referenceId)
      implements ClientResult {}

  /**
   * The server sent stratum 0: a kiss code instead of time (RFC 5905 §7.4).
   *
   * @param code the reference ID as ASCII without trailing NULs, e.g. {@code "RATE"}
   */
  record KissOfDeath(String code) implements ClientResult {}

  /** Every attempt ended without a reply. */
  record NoAnswer() implements ClientResult {}
}
