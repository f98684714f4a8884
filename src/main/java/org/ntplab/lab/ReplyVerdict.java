package org.ntplab.lab;

/**
 * Lab 5's first check: what a client makes of a datagram that arrives while it waits for its reply.
 * The tests run in this order; the first that fails names the verdict.
 */
public enum ReplyVerdict {

  /**
   * Not an NTP message a decoder accepts. Tested first, exactly: empty; version (bits 5..3 of byte
   * 0) not 1..4; mode 6 shorter than 12 bytes or with a count (bytes 10..11) larger than the bytes
   * after the 12th; mode 7 shorter than 8 bytes; any other mode shorter than 48 bytes, or with
   * bytes after the header that are not RFC 7822 extension fields (NTPv4 only) followed by an
   * optional MAC. While more than 24 bytes remain, the next is an extension field (16-bit type,
   * 16-bit length: a multiple of 4, at least 16, not past the end); the 1..24 bytes left at the end
   * are a MAC only if there are 4 (crypto-NAK), 20 (MD5), 24 (SHA-1) or, in NTPv1..3, 12 (DES).
   */
  MALFORMED,

  /** A control (mode 6) or private (mode 7) message: well formed, but not a time packet. */
  NOT_A_TIME_PACKET,

  /** A time packet, but not a server reply (mode 4). */
  WRONG_MODE,

  /**
   * The reply's origin timestamp is not the transmit timestamp of our request: a stale reply, a
   * duplicate, or a spoofer's guess.
   */
  ORIGIN_MISMATCH,

  /** The transmit timestamp is zero: the server did not say when it sent the reply. */
  ZERO_TRANSMIT,

  /** Our reply: stop waiting and look at its time. */
  ACCEPTED
}
