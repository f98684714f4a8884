package org.ntplab.lab;

import java.time.Instant;

/**
 * Lab 8: the Time Protocol (RFC 868), NTP's ancestor: the server's answer is 4 bytes, its clock
 * as a big-endian unsigned count of seconds since 1900-01-01. Implemented by {@code
 * org.ntplab.labs.timeprotocol.TimeProtocol}.
 */
public interface TimeProtocolLab {

  /** The 4 bytes as an unsigned big-endian number, 0..2^32-1. */
  long seconds(byte[] answer);

  /**
   * The instant of the 4 bytes, era by NTP's rule (RFC 4330 §3): top bit set means 1968–2036
   * (era 0), clear means 2036–2104 (era 1, after the count wrapped on 2036-02-07T06:28:16Z).
   */
  Instant toInstant(byte[] answer);

  /** The 4 bytes a server sends at {@code time}: whole seconds since 1900 (truncated), modulo 2^32. */
  byte[] encode(Instant time);
}
