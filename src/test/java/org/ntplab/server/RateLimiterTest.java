package org.ntplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntplab.server.RateLimiter.Decision;

class RateLimiterTest {

  static final Instant START = Instant.parse("2026-11-22T01:00:00Z");
  static final InetAddress CLIENT = address("192.0.2.7");

  Instant now = START;

  static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  Decision ask(RateLimiter limiter) {
    return limiter.check(CLIENT, now);
  }

  @Test
  void answersABurstThenKissesOnceThenDrops() {
    RateLimiter limiter = new RateLimiter(RateLimit.DEFAULT);
    for (int i = 0; i < 8; i++) {
      assertEquals(Decision.PASS, ask(limiter), "request " + (i + 1) + " of the burst of 8");
    }
    assertEquals(Decision.KISS, ask(limiter));
    for (int i = 0; i < 20; i++) {
      assertEquals(Decision.DROP, ask(limiter));
    }
    assertEquals(21, limiter.limited());
    assertEquals(1, limiter.kisses());
  }

  @Test
  void refillsOneRequestPerInterval() {
    RateLimiter limiter = new RateLimiter(RateLimit.DEFAULT.withKissOfDeath(false));
    for (int i = 0; i < 8; i++) {
      ask(limiter);
    }
    assertEquals(Decision.DROP, ask(limiter));
    now = now.plusMillis(999);
    assertEquals(Decision.DROP, ask(limiter), "not quite an interval later");
    now = now.plusMillis(1);
    assertEquals(Decision.PASS, ask(limiter));
    assertEquals(Decision.DROP, ask(limiter));
    now = now.plusSeconds(60); // a long pause refills the bucket, but no further than the burst
    for (int i = 0; i < 8; i++) {
      assertEquals(Decision.PASS, ask(limiter));
    }
    assertEquals(Decision.DROP, ask(limiter));
  }

  @Test
  void aSteadyClientAtTheRateIsNeverLimited() {
    RateLimiter limiter =
        new RateLimiter(RateLimit.DEFAULT.withBurst(1).withInterval(Duration.ofSeconds(2)));
    for (int i = 0; i < 100; i++) {
      assertEquals(Decision.PASS, ask(limiter));
      now = now.plusSeconds(2);
    }
  }

  @Test
  void kissesAtMostOncePerKissInterval() {
    RateLimiter limiter =
        new RateLimiter(RateLimit.DEFAULT.withBurst(1).withInterval(Duration.ofSeconds(64)));
    assertEquals(Decision.PASS, ask(limiter));
    int kisses = 0;
    // 32 s of one request a second: the bucket stays empty, the kiss comes every 8 s.
    for (int second = 0; second < 32; second++) {
      if (ask(limiter) == Decision.KISS) {
        kisses++;
      }
      now = now.plusSeconds(1);
    }
    assertEquals(4, kisses);
  }

  @Test
  void keepsEachClientsBucketApart() {
    RateLimiter limiter = new RateLimiter(RateLimit.DEFAULT.withBurst(1).withKissOfDeath(false));
    assertEquals(Decision.PASS, limiter.check(address("192.0.2.7"), now));
    assertEquals(Decision.DROP, limiter.check(address("192.0.2.7"), now));
    assertEquals(Decision.PASS, limiter.check(address("192.0.2.8"), now));
  }

  @Test
  void countsAnIpv6ClientPer64() {
    RateLimiter limiter = new RateLimiter(RateLimit.DEFAULT.withBurst(1).withKissOfDeath(false));
    assertEquals(Decision.PASS, limiter.check(address("2001:db8:1:2::1"), now));
    assertEquals(
        Decision.DROP,
        limiter.check(address("2001:db8:1:2:ffff:1:2:3"), now),
        "same /64, same host");
    assertEquals(Decision.PASS, limiter.check(address("2001:db8:1:3::1"), now), "another /64");
    assertEquals(
        org.ntplab.net.Addresses.client(address("2001:db8:1:2::1")),
        org.ntplab.net.Addresses.client(address("2001:db8:1:2:ffff::")));
    assertNotEquals(
        org.ntplab.net.Addresses.client(address("2001:db8:1:2::1")),
        org.ntplab.net.Addresses.client(address("2001:db8:1:3::1")));
  }

  @Test
  void staysBoundedUnderAFloodOfSpoofedSources() {
    RateLimiter limiter = new RateLimiter(RateLimit.DEFAULT);
    for (int i = 0; i < 100_000; i++) {
      InetAddress spoofed =
          address("10." + (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff));
      assertEquals(Decision.PASS, limiter.check(spoofed, now));
    }
    assertEquals(RateLimit.DEFAULT.maxClients(), limiter.clients());
    RateLimiter small = new RateLimiter(RateLimit.DEFAULT.withMaxClients(3));
    for (int i = 0; i < 100; i++) {
      small.check(address("10.0.0." + i), now);
    }
    assertEquals(3, small.clients());
  }

  @Test
  void forgetsTheLeastRecentlySeenClientFirst() {
    RateLimiter limiter =
        new RateLimiter(RateLimit.DEFAULT.withBurst(1).withKissOfDeath(false).withMaxClients(2));
    InetAddress busy = address("192.0.2.1");
    assertEquals(Decision.PASS, limiter.check(busy, now));
    limiter.check(address("192.0.2.2"), now);
    assertEquals(Decision.DROP, limiter.check(busy, now)); // seen again: now the most recent
    limiter.check(address("192.0.2.3"), now); // evicts .2, not the busy client
    assertEquals(Decision.DROP, limiter.check(busy, now), "still remembered, still limited");
  }

  @Test
  void passesEverythingWhenOff() {
    RateLimiter limiter = new RateLimiter(RateLimit.OFF);
    for (int i = 0; i < 1000; i++) {
      assertEquals(Decision.PASS, ask(limiter));
    }
    assertEquals(0, limiter.clients());
  }

  @ParameterizedTest(name = "{0} s -> poll {1}")
  @CsvSource({
    "1, 0",
    "2, 1",
    "8, 3",
    "5, 3",
    "64, 6",
    "0.5, -1",
    "0.3, -1",
    "0.25, -2",
    "1.001, 1"
  })
  void minPollIsTheCeilingOfLog2TheInterval(double seconds, int poll) {
    Duration interval = Duration.ofNanos(Math.round(seconds * 1e9));
    assertEquals(poll, RateLimit.DEFAULT.withInterval(interval).minPoll());
  }
}
