package org.ntplab.grading.channel;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The far side's clock: {@link #instant()} asks it; the zone is UTC, as the graders' clocks are.
 */
final class RemoteClock extends Clock implements Lent {

  private static final Method INSTANT;

  static {
    try {
      INSTANT = Clock.class.getMethod("instant");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Channel channel;
  private final int id;
  private volatile boolean expired;

  RemoteClock(Channel channel, int id) {
    this.channel = channel;
    this.id = id;
  }

  @Override
  public void expire() {
    expired = true;
  }

  @Override
  public Instant instant() {
    if (expired) {
      throw Lent.expired(Clock.class);
    }
    try {
      return (Instant) channel.invoke(id, INSTANT, new Object[0]);
    } catch (RemoteFailure failure) {
      throw failure; // Clock declares nothing checked
    } catch (IOException e) {
      throw new ChannelClosed(e);
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this; // only the instant is read across the channel
  }
}
