package org.ntplab.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.ntplab.nts.ke.KeCodec;
import org.ntplab.nts.ke.KeRecord;
import org.ntplab.nts.ke.MalformedKeException;

/**
 * Fuzzes the NTS-KE record decoder, which reads what a client sends the server and what a server
 * sends the client: any bytes either decode to records that encode back to themselves, or fail with
 * a one-line {@link MalformedKeException} whose offset is inside the message; a length field never
 * decides what is allocated. A record takes 4 bytes and costs some hundreds of bytes of objects
 * (the record, its body, where it was for an error), hence 512 a byte of input.
 */
class KeCodecFuzzTest {

  @FuzzTest
  void decode(byte[] message) {
    List<KeRecord> records;
    try {
      records = Fuzzing.withinMemory(message.length, 64 * 1024, 512, () -> KeCodec.decode(message));
    } catch (MalformedKeException e) {
      Fuzzing.requireOneLine(e);
      assertTrue(
          e.offset() >= 0 && e.offset() <= message.length,
          () -> "offset out of the message: " + e.getMessage());
      return;
    }
    assertArrayEquals(message, KeCodec.encode(records), "encode(decode(x)) != x");
  }
}
