package org.ntplab.labs.timeprotocol;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ntplab.lab.LabTransport;
import org.ntplab.lab.TimeProtocolLab;

/** Lab 8: the Time Protocol (RFC 868). Read README.md beside this file, then replace each throw. */
public class TimeProtocol implements TimeProtocolLab {

  @Override
  public long seconds(byte[] answer) {
    throw new UnsupportedOperationException(
        "Lab 8: implement seconds(answer): the 4 bytes as an unsigned big-endian number, 0..2^32-1");
  }

  @Override
  public Instant toInstant(byte[] answer) {
    throw new UnsupportedOperationException(
        "Lab 8: implement toInstant(answer): seconds since 1900 as an Instant, era by the top bit (RFC 4330 §3)");
  }

  @Override
  public byte[] encode(Instant time) {
    throw new UnsupportedOperationException(
        "Lab 8: implement encode(time): whole seconds since 1900, modulo 2^32, as 4 bytes big-endian");
  }

  @Override
  public Optional<byte[]> query(LabTransport transport, Duration timeout) throws IOException {
    throw new UnsupportedOperationException(
        "Lab 8: implement query(transport, timeout): send 4 zero bytes, take the first 4-byte datagram,"
            + " ignore others, retry on silence (3 requests in all)");
  }
}
