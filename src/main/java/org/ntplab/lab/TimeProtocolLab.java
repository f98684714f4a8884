package org.ntplab.lab;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Lab 8: the Time Protocol (RFC 868), NTP's ancestor: the server's answer is 4 bytes, its clock as
 * a big-endian unsigned count of seconds since 1900-01-01. Implemented by {@code
 * org.ntplab.labs.timeprotocol.TimeProtocol}.
 */
public interface TimeProtocolLab {

  /** The 4 bytes as an unsigned big-endian number, 0..2^32-1. */
  long seconds(byte[] answer);

  /**
   * The instant of the 4 bytes, era by NTP's rule (RFC 4330 §3): top bit set means 1968–2036 (era
   * 0), clear means 2036–2104 (era 1, after the count wrapped on 2036-02-07T06:28:16Z).
   */
  Instant toInstant(byte[] answer);

  /**
   * The 4 bytes a server sends at {@code time}: whole seconds since 1900 (truncated), modulo 2^32.
   */
  byte[] encode(Instant time);

  /**
   * Asks over UDP: send {@link #REQUEST_LENGTH} zero bytes (RFC 868 says an empty datagram, which
   * Java cannot send), then receive with {@code timeout}. Only a datagram of exactly 4 bytes is the
   * answer: ignore any other and receive again. An empty receive ends the attempt: send again,
   * {@link #ATTEMPTS} requests in all.
   *
   * @return the answer's 4 bytes as they came, or empty when every attempt ended without one
   */
  Optional<byte[]> query(LabTransport transport, Duration timeout) throws IOException;

  /** Requests sent per query before giving up. */
  int ATTEMPTS = 3;

  /** What asks for the time: 4 zero bytes (the classic servers answer any datagram). */
  int REQUEST_LENGTH = 4;
}
