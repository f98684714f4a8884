package org.ntplab.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * An RFC 868 TIME answer: 4 bytes, the server's time as whole seconds since 1900, with the client's
 * send (t1) and arrival (t4) times around it.
 *
 * @param seconds the 32-bit value as sent, 0..2^32-1
 * @param time that value as an instant, in the same era window as NTP timestamps (1968–2104)
 */
public record TimeReply(
    InetSocketAddress server, byte[] bytes, long seconds, Instant time, Instant t1, Instant t4) {

  public TimeReply {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * How far the server's clock is ahead of ours (negative: behind), good to ±0.5 s plus half the
   * round trip. The server truncates to the second, so its clock read somewhere in [time, time + 1
   * s): the middle of that second is set against the middle of our round trip.
   */
  public Duration offset() {
    Instant serverMiddle = time.plusMillis(500);
    Instant ourMiddle = t1.plus(Duration.between(t1, t4).dividedBy(2));
    return Duration.between(ourMiddle, serverMiddle);
  }
}
