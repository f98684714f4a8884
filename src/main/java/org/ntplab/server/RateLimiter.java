package org.ntplab.server;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ntplab.net.Addresses;

/**
 * The per-client limit of {@link RateLimit}, as a generic cell rate algorithm: each client keeps
 * one number, the time its bucket will be full again, so a burst and a steady rate cost the same
 * bookkeeping. Time is whatever {@link Instant} the caller passes (the arrival time), so tests
 * refill buckets by moving a clock, not by sleeping.
 *
 * <p>IPv6 clients are counted per /64: a host normally owns a whole /64, and limiting by full
 * address would let it pose as 2^64 clients. The table forgets the least recently seen client when
 * full.
 *
 * <p>Thread-safe; the server calls it from one thread, tests and stats from others.
 */
public final class RateLimiter {

  /** What to do with one request. */
  public enum Decision {
    /** Within the limit: answer. */
    PASS,
    /** Over the limit, and no kiss sent to this client lately: answer with a kiss-o'-death RATE. */
    KISS,
    /** Over the limit: no answer. */
    DROP
  }

  private static final class Client {
    /**
     * When this client's bucket is full again (epoch nanoseconds); the GCRA's "theoretical arrival
     * time".
     */
    long full;

    long lastKiss = Long.MIN_VALUE;
  }

  private final RateLimit limit;
  private final long intervalNanos;
  private final long toleranceNanos;
  private final long kissIntervalNanos;
  private final LinkedHashMap<InetAddress, Client> clients;
  private long limited;
  private long kisses;

  public RateLimiter(RateLimit limit) {
    this.limit = limit;
    this.intervalNanos = saturatedNanos(limit.interval(), 1);
    this.toleranceNanos = saturatedNanos(limit.interval(), limit.burst() - 1L);
    this.kissIntervalNanos = saturatedNanos(limit.kissInterval(), 1);
    int max = limit.maxClients();
    this.clients =
        new LinkedHashMap<>(Math.min(max, 1024), 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<InetAddress, Client> eldest) {
            return size() > max;
          }
        };
  }

  public synchronized Decision check(InetAddress address, Instant now) {
    if (!limit.enabled()) {
      return Decision.PASS;
    }
    long t = epochNanos(now);
    Client client = clients.computeIfAbsent(Addresses.client(address), k -> new Client());
    long full = Math.max(client.full, t);
    if (full - t <= toleranceNanos) {
      client.full = full > Long.MAX_VALUE - intervalNanos ? Long.MAX_VALUE : full + intervalNanos;
      return Decision.PASS;
    }
    limited++;
    if (limit.kissOfDeath()
        && (client.lastKiss == Long.MIN_VALUE || t - client.lastKiss >= kissIntervalNanos)) {
      client.lastKiss = t;
      kisses++;
      return Decision.KISS;
    }
    return Decision.DROP;
  }

  /** Clients remembered now, at most {@link RateLimit#maxClients()}. */
  public synchronized int clients() {
    return clients.size();
  }

  /** Requests found over the limit so far, answered with a kiss or not. */
  public synchronized long limited() {
    return limited;
  }

  /** Kiss-o'-death RATE replies granted so far. */
  public synchronized long kisses() {
    return kisses;
  }

  public RateLimit limit() {
    return limit;
  }

  /**
   * {@code duration × times} in nanoseconds, or Long.MAX_VALUE beyond 292 years (no limit, then).
   */
  private static long saturatedNanos(Duration duration, long times) {
    try {
      return Math.multiplyExact(duration.toNanos(), times);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long epochNanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
