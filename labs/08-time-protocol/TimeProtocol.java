package org.ntplab.labs.timeprotocol;

import java.time.Instant;
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
}
