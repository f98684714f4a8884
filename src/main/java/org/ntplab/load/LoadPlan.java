package org.ntplab.load;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One load run: send {@code requests} to {@code target} for {@code duration}, keeping {@code
 * window} of them in flight, after a {@code warmup} whose requests are sent the same way but not
 * counted (so both ends have compiled their hot paths); a request not answered within {@code
 * timeout} is lost.
 */
public record LoadPlan(
    InetSocketAddress target,
    Duration duration,
    int window,
    Duration timeout,
    Duration warmup,
    Requests requests) {

  /** The most requests in flight: beyond this a run measures the socket buffers, not the server. */
  public static final int MAX_WINDOW = 65_536;

  public LoadPlan {
    if (target.isUnresolved()) {
      throw new IllegalArgumentException("unresolved target " + target.getHostString());
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive: " + duration);
    }
    if (window < 1 || window > MAX_WINDOW) {
      throw new IllegalArgumentException("window must be 1 to " + MAX_WINDOW + ": " + window);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup must not be negative: " + warmup);
    }
  }

  /** NTPv4 client requests for {@code duration}, a 1 s timeout, no warmup. */
  public static LoadPlan of(InetSocketAddress target, Duration duration, int window) {
    return new LoadPlan(
        target, duration, window, Duration.ofSeconds(1), Duration.ZERO, Requests.client(4));
  }

  public LoadPlan withTimeout(Duration timeout) {
    return new LoadPlan(target, duration, window, timeout, warmup, requests);
  }

  public LoadPlan withWarmup(Duration warmup) {
    return new LoadPlan(target, duration, window, timeout, warmup, requests);
  }

  public LoadPlan withRequests(Requests requests) {
    return new LoadPlan(target, duration, window, timeout, warmup, requests);
  }
}
