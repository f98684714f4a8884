package org.ntplab.wire;

/**
 * Anything NTP puts in a UDP datagram. Modes 0–5 carry time ({@link NtpPacket}); mode 6 control
 * ({@link ControlMessage}) and mode 7 private ({@link PrivateMessage}) messages share only the
 * version and mode bits of the first byte and are laid out differently after it.
 */
public sealed interface NtpMessage permits NtpPacket, ControlMessage, PrivateMessage {

  /** The UDP port NTP servers listen on, for every mode (RFC 5905 §7.2 names it). */
  int PORT = 123;

  int version();

  Mode mode();

  /** Bytes on the wire. */
  int length();
}
