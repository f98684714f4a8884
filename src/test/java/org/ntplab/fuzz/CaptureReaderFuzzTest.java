package org.ntplab.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.ntplab.fixture.capture.CaptureReader;
import org.ntplab.fixture.capture.CapturedDatagram;
import org.ntplab.fixture.capture.Frames;
import org.ntplab.fixture.capture.MalformedCaptureException;
import org.ntplab.wire.NtpMessage;

/**
 * Fuzzes the pcap/pcapng reader and the frame dissector: any bytes give datagrams on port 123 or a
 * {@link MalformedCaptureException} naming an offset in the file, and what is allocated is bounded
 * by the file's size, whatever its length fields say.
 */
class CaptureReaderFuzzTest {

  /**
   * Buffers and per-record work; a length field of 2^31 must not be believed before the bytes
   * arrive.
   */
  private static final long MEMORY = 16L << 20;

  @FuzzTest
  void scan(byte[] file) {
    try {
      CaptureReader.Result result =
          Fuzzing.withinMemory(
              file.length,
              MEMORY,
              64,
              () -> {
                try {
                  return CaptureReader.scan(new ByteArrayInputStream(file), "fuzz.pcap");
                } catch (MalformedCaptureException e) {
                  throw new Rejected(e);
                } catch (IOException e) {
                  throw new UncheckedIOException("not a MalformedCaptureException", e);
                }
              });
      for (CapturedDatagram d : result.datagrams()) {
        assertTrue(
            d.source().getPort() == NtpMessage.PORT || d.destination().getPort() == NtpMessage.PORT,
            () -> "not on port 123: " + d);
        assertTrue(d.payload().length <= file.length, () -> "a payload larger than the file: " + d);
      }
    } catch (Rejected r) {
      MalformedCaptureException e = r.rejection;
      Fuzzing.requireOneLine(e);
      assertTrue(
          e.offset() >= 0 && e.offset() <= file.length,
          () -> "offset outside the file: " + e.getMessage());
    }
    Fuzzing.withinMemory(
        file.length, MEMORY, 64, () -> Frames.udpIn(file)); // bytes as one frame: never throws
  }

  /** Carries the documented exception out of the memory-measured lambda. */
  private static final class Rejected extends RuntimeException {
    final MalformedCaptureException rejection;

    Rejected(MalformedCaptureException cause) {
      super(cause);
      this.rejection = cause;
    }
  }
}
