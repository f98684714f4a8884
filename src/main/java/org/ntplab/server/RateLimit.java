package org.ntplab.server;

import java.time.Duration;

/**
 * Per-client rate limit settings, in the spirit of chrony's {@code ratelimit} and ntpd's {@code
 * discard}/{@code restrict limited kod}.
 *
 * <p>Each client address may send {@code burst} requests at once and then one per {@code interval}
 * on average (a token bucket holding {@code burst} tokens, refilled one per interval). A request
 * over the limit is dropped, except that a client gets at most one kiss-o'-death RATE per {@code
 * kissInterval} when {@code kissOfDeath} is on: a spoofed flood can make the server send a victim
 * no more than that, and never a packet larger than a request. At most {@code maxClients} addresses
 * are remembered (least recently seen forgotten first), so a flood of spoofed sources cannot grow
 * the table.
 *
 * <p>Defaults ({@link #DEFAULT}): 1 request/s on average with a burst of 8, KoD at most once per 8
 * s, 8192 clients (about 1 MB). Lenient on purpose: a lab client that sends a burst of 8 is
 * answered, a loop that hammers the server meets RATE. chrony's {@code ratelimit} defaults ({@code
 * interval 3 burst 8}: one per 8 s) are stricter, suited to the open Internet.
 */
public record RateLimit(
    boolean enabled,
    Duration interval,
    int burst,
    boolean kissOfDeath,
    Duration kissInterval,
    int maxClients) {

  public static final RateLimit DEFAULT =
      new RateLimit(true, Duration.ofSeconds(1), 8, true, Duration.ofSeconds(8), 8192);

  /** No limit: every valid request is answered. */
  public static final RateLimit OFF = DEFAULT.withEnabled(false);

  public RateLimit {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("rate limit interval must be positive: " + interval);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("rate limit burst must be at least 1: " + burst);
    }
    if (kissInterval.isNegative()) {
      throw new IllegalArgumentException(
          "kiss-o'-death interval must not be negative: " + kissInterval);
    }
    if (maxClients < 1) {
      throw new IllegalArgumentException(
          "the client table must hold at least 1 client: " + maxClients);
    }
  }

  public RateLimit withEnabled(boolean enabled) {
    return new RateLimit(enabled, interval, burst, kissOfDeath, kissInterval, maxClients);
  }

  public RateLimit withInterval(Duration interval) {
    return new RateLimit(enabled, interval, burst, kissOfDeath, kissInterval, maxClients);
  }

  public RateLimit withBurst(int burst) {
    return new RateLimit(enabled, interval, burst, kissOfDeath, kissInterval, maxClients);
  }

  public RateLimit withKissOfDeath(boolean kissOfDeath) {
    return new RateLimit(enabled, interval, burst, kissOfDeath, kissInterval, maxClients);
  }

  public RateLimit withKissInterval(Duration kissInterval) {
    return new RateLimit(enabled, interval, burst, kissOfDeath, kissInterval, maxClients);
  }

  public RateLimit withMaxClients(int maxClients) {
    return new RateLimit(enabled, interval, burst, kissOfDeath, kissInterval, maxClients);
  }

  /**
   * The smallest poll exponent that stays within the limit, ⌈log2 interval⌉: a RATE kiss carries at
   * least this poll, so the client knows how far to back off (chrony and ntpd do the same).
   */
  public int minPoll() {
    long nanos = interval.toNanos();
    int exponent = 0;
    while (exponent < 30 && (1_000_000_000L << exponent) < nanos) {
      exponent++;
    }
    while (exponent > -30 && (1_000_000_000L >> (1 - exponent)) >= nanos) {
      exponent--;
    }
    return exponent;
  }
}
