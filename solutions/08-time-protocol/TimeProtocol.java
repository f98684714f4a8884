package org.ntplab.labs.timeprotocol;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ntplab.lab.LabTransport;
import org.ntplab.lab.TimeProtocolLab;

/** Lab 8, solved: 32 bits big-endian, unsigned, with NTP's era rule; a UDP client that retries. */
public class TimeProtocol implements TimeProtocolLab {

  /** 1900-01-01 to 1970-01-01: 70 years, 17 of them leap years. */
  private static final long SECONDS_1900_TO_1970 = (70L * 365 + 17) * 86_400;
  private static final long ERA = 1L << 32;

  @Override
  public long seconds(byte[] answer) {
    long value = 0;
    for (int i = 0; i < 4; i++) {
      value = value << 8 | (answer[i] & 0xff); // & 0xff: a byte is signed in Java
    }
    return value;
  }

  @Override
  public Instant toInstant(byte[] answer) {
    long seconds = seconds(answer);
    // RFC 4330 §3: top bit set means era 0 (1968–2036), clear means era 1 (2036–2104).
    long since1900 = (seconds & 0x8000_0000L) != 0 ? seconds : seconds + ERA;
    return Instant.ofEpochSecond(since1900 - SECONDS_1900_TO_1970);
  }

  @Override
  public byte[] encode(Instant time) {
    // getEpochSecond() is already the floor for any instant; floorMod keeps 1900 and 2104 in range.
    long value = Math.floorMod(time.getEpochSecond() + SECONDS_1900_TO_1970, ERA);
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
  }

  @Override
  public Optional<byte[]> query(LabTransport transport, Duration timeout) throws IOException {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      transport.send(new byte[REQUEST_LENGTH]);
      long deadline = System.nanoTime() + timeout.toNanos();
      for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        Optional<byte[]> datagram = transport.receive(Duration.ofNanos(left));
        if (datagram.isEmpty()) {
          break;
        }
        if (datagram.get().length == 4) { // there is nothing else to check: no origin, no mode
          return datagram;
        }
      }
    }
    return Optional.empty();
  }
}
