package org.ntplab.lab;

import java.util.Optional;

/**
 * Lab 7: a server's answer to one datagram (RFC 5905 §7.3, §9.2 and §14). Implemented by {@code
 * org.ntplab.labs.server.Server}.
 */
public interface ServerLab {

  /**
   * The reply's bytes, or empty to drop the datagram.
   *
   * <p>Answer a client request (mode 3, or an NTPv1 packet of mode 0: NTPv1 had no modes) with mode
   * 4, and a symmetric active peer (mode 1) with mode 2; drop every other mode (0, 2, 4, 5, and
   * above all 6 and 7) and every datagram that is not a well-formed NTP time packet (see {@link
   * ReplyVerdict#MALFORMED} for the rules).
   *
   * <p>The reply is a 48-byte header: leap indicator, stratum, precision, root delay, root
   * dispersion, reference ID and reference timestamp from {@code state}; version and poll copied
   * from the request; origin = the request's transmit timestamp; receive = {@code receiveTime};
   * transmit = {@code transmitTime}. A request that carries a MAC gets the header followed by a
   * crypto-NAK (4 bytes of zero): this server holds no keys. Never a byte more than the request.
   *
   * @param receiveTime when the request arrived (T2), a raw 64-bit NTP timestamp
   * @param transmitTime when the reply leaves (T3), raw 64 bits
   */
  Optional<byte[]> reply(byte[] request, ServerState state, long receiveTime, long transmitTime);
}
