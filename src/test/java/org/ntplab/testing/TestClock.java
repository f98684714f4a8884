package org.ntplab.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand; optionally it also moves by {@code tick} on every reading. */
public final class TestClock extends Clock {

  private Instant now;
  private final Duration tick;

  public TestClock(Instant start) {
    this(start, Duration.ZERO);
  }

  public TestClock(Instant start, Duration tick) {
    this.now = start;
    this.tick = tick;
  }

  public synchronized void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public synchronized Instant instant() {
    Instant reading = now;
    now = now.plus(tick);
    return reading;
  }

  /** The reading the clock would give next, without moving it. */
  public synchronized Instant peek() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a test clock stays in UTC");
  }
}
