package org.ntplab.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpMessage;

/**
 * Fuzzes the packet decoder: any bytes either decode and encode back to themselves, or fail as
 * documented.
 */
class NtpCodecFuzzTest {

  @FuzzTest
  void decode(byte[] datagram) {
    NtpMessage message;
    try {
      message = NtpCodec.decode(datagram);
    } catch (MalformedPacketException e) {
      Fuzzing.requireOneLine(e);
      assertTrue(
          e.offset() >= 0 && e.offset() <= datagram.length,
          () -> "offset out of the datagram: " + e.getMessage());
      return;
    }
    assertArrayEquals(datagram, NtpCodec.encode(message), "encode(decode(x)) != x");
  }
}
