package org.ntplab.load;

import java.nio.ByteBuffer;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpHeader;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * What a load run sends: one request's bytes, written for a given nonce. A reply is matched to its
 * request by its origin timestamp, so a request that wants an answer counted carries the nonce in
 * its transmit timestamp; other requests (malformed ones, mode 6 probes) simply go unanswered.
 */
@FunctionalInterface
public interface Requests {

  /**
   * Writes one request into {@code into}, from its position (0) on; the generator flips the buffer.
   *
   * @param nonce the 64 bits to put in the transmit timestamp, which the server echoes as origin
   */
  void write(ByteBuffer into, long nonce);

  /**
   * An SNTP client request of this version (1 to 4), as {@code ntplab inspect} sends it, with the
   * nonce as T1.
   */
  static Requests client(int version) {
    byte[] header = NtpCodec.encode(NtpPacket.clientRequest(version, NtpTimestamp.ZERO));
    return (into, nonce) -> {
      int start = into.position();
      into.put(header).putLong(start + NtpHeader.TRANSMIT_TIME, nonce);
    };
  }
}
