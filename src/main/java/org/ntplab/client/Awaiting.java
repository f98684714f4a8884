package org.ntplab.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The receive loop both clients share: wait until a deadline, judging each datagram as it comes.
 */
final class Awaiting {

  /** Decides whether a datagram is the awaited reply; anything else is noted and waited past. */
  interface Judge<T> {
    Optional<T> judge(Transport.Received datagram, Instant arrived);
  }

  private Awaiting() {}

  /**
   * Receives until {@code judge} accepts a datagram or {@code wait} has passed on the ticker. Each
   * datagram's arrival time is read from {@code clock} the moment {@code receive} returns, before
   * any decoding: that reading is T4, and every microsecond spent first would be in it.
   */
  static <T> Optional<T> until(
      Transport transport, Ticker ticker, Clock clock, Duration wait, Judge<T> judge)
      throws IOException {
    long deadline = ticker.nanos() + wait.toNanos();
    for (long left = wait.toNanos(); left > 0; left = deadline - ticker.nanos()) {
      Optional<Transport.Received> datagram = transport.receive(Duration.ofNanos(left));
      if (datagram.isEmpty()) {
        return Optional.empty();
      }
      Instant arrived = clock.instant();
      Optional<T> accepted = judge.judge(datagram.get(), arrived);
      if (accepted.isPresent()) {
        return accepted;
      }
    }
    return Optional.empty();
  }
}
