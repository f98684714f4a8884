package org.ntplab.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

/**
 * What a load run saw, counting only requests sent after the warmup.
 *
 * @param elapsed how long requests were sent; the rates are per second of it
 * @param sent requests sent
 * @param replies replies matched to a request in time (kiss-o'-death included)
 * @param lost requests with no reply within the timeout
 * @param late replies to a request already counted lost
 * @param duplicates second replies to an answered request
 * @param unmatched datagrams that answer none of our requests (another origin, or shorter than a
 *     header)
 * @param kisses kiss-o'-death replies by code (RATE, DENY...)
 * @param warmupReplies replies to the warmup's requests, counted nowhere else: with {@code
 *     replies}, what the server answered during the run (to divide its CPU time by)
 * @param rtt round-trip time of the matched replies, send to receive, in nanoseconds
 * @param serverTime the server's own T3−T2 (transmit − receive timestamps) in its time replies, in
 *     nanoseconds: how long it took to answer, as it tells it; kiss-o'-death replies carry none
 */
public record LoadResult(
    InetSocketAddress target,
    int window,
    Duration elapsed,
    long sent,
    long replies,
    long lost,
    long late,
    long duplicates,
    long unmatched,
    Map<String, Long> kisses,
    long warmupReplies,
    Percentiles rtt,
    Percentiles serverTime) {

  public LoadResult {
    kisses = Map.copyOf(kisses);
  }

  public double requestsPerSecond() {
    return perSecond(sent);
  }

  public double repliesPerSecond() {
    return perSecond(replies);
  }

  /** Lost requests as a percentage of those sent, 0 when none were. */
  public double lossPercent() {
    return sent == 0 ? 0 : 100.0 * lost / sent;
  }

  public long kissCount() {
    return kisses.values().stream().mapToLong(Long::longValue).sum();
  }

  private double perSecond(long count) {
    long nanos = elapsed.toNanos();
    return nanos == 0 ? 0 : count * 1e9 / nanos;
  }
}
