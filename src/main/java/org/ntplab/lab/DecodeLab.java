package org.ntplab.lab;

/**
 * Lab 2: read the 48-byte header of a time packet (RFC 5905 §7.3, figure 8). Every method gets the
 * whole datagram, which may be longer than 48 bytes (extension fields, a MAC). Implemented by
 * {@code org.ntplab.labs.decode.Decoder}.
 */
public interface DecodeLab {

  /** Leap indicator, 0..3: the top two bits of byte 0. */
  int leap(byte[] packet);

  /** Version number, 1..4: bits 5..3 of byte 0. */
  int version(byte[] packet);

  /** Mode, 0..7: the low three bits of byte 0. */
  int mode(byte[] packet);

  /** Stratum, 0..255 (unsigned). */
  int stratum(byte[] packet);

  /** Poll exponent, log2 seconds, -128..127 (signed). */
  int poll(byte[] packet);

  /** Precision exponent, log2 seconds, -128..127 (signed). */
  int precision(byte[] packet);

  /** Root delay as its raw unsigned 16.16 bits, 0..2^32-1. */
  long rootDelay(byte[] packet);

  /** Root dispersion as its raw unsigned 16.16 bits, 0..2^32-1. */
  long rootDispersion(byte[] packet);

  /**
   * The reference ID as text for this packet's stratum and version: stratum 0 or 1, the ASCII code
   * without trailing NULs ({@code "RATE"}, {@code "GPS"}; {@code ""} when all zero; {@code "0x"}
   * and 8 lower-case hex digits when not printable ASCII); stratum 2 and up, a dotted quad.
   */
  String referenceId(byte[] packet);

  /** Reference timestamp, the raw 64 bits (seconds in the high 32, fraction in the low 32). */
  long referenceTime(byte[] packet);

  /** Origin timestamp, raw 64 bits. */
  long originTime(byte[] packet);

  /** Receive timestamp, raw 64 bits. */
  long receiveTime(byte[] packet);

  /** Transmit timestamp, raw 64 bits. */
  long transmitTime(byte[] packet);
}
