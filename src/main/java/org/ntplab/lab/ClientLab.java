package org.ntplab.lab;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Lab 6: an SNTP client (RFC 4330 §5, RFC 5905 §8) over a {@link LabTransport}. Implemented by
 * {@code org.ntplab.labs.client.Client}.
 */
public interface ClientLab {

  /** Requests sent per query before giving up: the first one and two retries. */
  int ATTEMPTS = 3;

  /**
   * One query.
   *
   * <ol>
   *   <li>Read the clock (T1) and send a 48-byte request: LI 0, {@code version}, mode 3, every
   *       field zero but the transmit timestamp, which holds T1 (fraction rounded to nearest, as
   *       lab 1).
   *   <li>Receive with {@code timeout}. A datagram that is not the reply is ignored, and you
   *       receive again: shorter than 48 bytes, mode not 4, origin timestamp not exactly the
   *       transmit timestamp you sent, or transmit timestamp zero.
   *   <li>An empty receive ends the attempt: send a new request (with a new T1), {@link #ATTEMPTS}
   *       requests in all, then return {@link ClientResult.NoAnswer}.
   *   <li>A reply with stratum 0 is a {@link ClientResult.KissOfDeath}: return it and do not ask
   *       again. Any other reply is {@link ClientResult.Answered}, with T4 read from the clock as
   *       soon as {@code receive} returned it.
   * </ol>
   */
  ClientResult query(LabTransport transport, Clock clock, int version, Duration timeout)
      throws IOException;
}
