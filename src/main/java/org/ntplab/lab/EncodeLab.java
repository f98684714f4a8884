package org.ntplab.lab;

/**
 * Lab 3: write packets, byte for byte (RFC 5905 §7.3, RFC 4330 §5). Implemented by {@code
 * org.ntplab.labs.encode.Encoder}.
 */
public interface EncodeLab {

  /**
   * A client request as SNTP sends it: 48 bytes, LI 0, the given version, mode 3, every other field
   * zero except the transmit timestamp.
   */
  byte[] clientRequest(int version, long transmitTime);

  /** The 48-byte header holding exactly {@code fields} (a server reply: mode 4, usually). */
  byte[] serverReply(HeaderFields fields);
}
