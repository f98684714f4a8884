package org.ntplab.sync;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * One on-wire exchange (RFC 5905 §8): T1 client transmit, T2 server receive, T3 server transmit, T4
 * client receive. Offset θ = ((T2−T1) + (T3−T4)) / 2 and delay δ = (T4−T1) − (T3−T2), in
 * nanoseconds. Differences are wrapping 64-bit subtractions read as signed, so a sample whose
 * timestamps straddle an era boundary (2036-02-07) is as right as any other; nothing passes through
 * {@code double} seconds since 1900, which would keep only about a microsecond.
 */
public record Sample(NtpTimestamp t1, NtpTimestamp t2, NtpTimestamp t3, NtpTimestamp t4) {

  /** Orders samples by delay: the one with the least delay has the least error (RFC 5905 §10). */
  // A lambda of this class, not Comparator.comparingLong: the JDK's is spun at every start, where
  // the class-data archive holds this one.
  public static final Comparator<Sample> BY_DELAY =
      (a, b) -> Long.compare(a.delayNanos(), b.delayNanos());

  /** The sample of a reply: T2 and T3 from the packet, T1 and T4 as the client recorded them. */
  public static Sample of(NtpTimestamp t1, NtpPacket reply, NtpTimestamp t4) {
    return new Sample(t1, reply.receiveTime(), reply.transmitTime(), t4);
  }

  /** The sample with the least delay, the best of several queries to one server. */
  public static Optional<Sample> best(Collection<Sample> samples) {
    return samples.stream().min(BY_DELAY);
  }

  /** θ: how far the server's clock is ahead of ours (negative: behind). */
  public long offsetNanos() {
    long outbound = t2.nanosSince(t1);
    long inbound = t3.nanosSince(t4);
    return outbound + (inbound - outbound) / 2;
  }

  /** δ: the round trip minus the server's processing time, never below zero. */
  public long delayNanos() {
    return Math.max(0, rawDelayNanos());
  }

  /**
   * δ before clamping. Below zero only when a clock stepped during the exchange or a timestamp is
   * wrong, which {@link Fitness} reports.
   */
  public long rawDelayNanos() {
    return t4.nanosSince(t1) - t3.nanosSince(t2);
  }

  public Duration offset() {
    return Duration.ofNanos(offsetNanos());
  }

  public Duration delay() {
    return Duration.ofNanos(delayNanos());
  }
}
