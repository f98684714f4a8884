package org.ntplab.grading;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ntplab.client.TimeClient;
import org.ntplab.lab.LabTransport;
import org.ntplab.lab.TimeProtocolLab;
import org.ntplab.wire.NtpTimestamp;

/** Lab 8 students: a correct one, and subclasses that each make one classic mistake. */
final class TimeProtocolStudents {

  private TimeProtocolStudents() {}

  static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

  static class TimeProtocol implements TimeProtocolLab {
    @Override
    public long seconds(byte[] answer) {
      return ByteBuffer.wrap(answer).getInt() & 0xffff_ffffL;
    }

    @Override
    public Instant toInstant(byte[] answer) {
      return TimeClient.instant(seconds(answer));
    }

    @Override
    public byte[] encode(Instant time) {
      return ByteBuffer.allocate(4).putInt((int) NtpTimestamp.from(time).seconds()).array();
    }

    @Override
    public Optional<byte[]> query(LabTransport transport, Duration timeout) throws IOException {
      for (int attempt = 0; attempt < attempts(); attempt++) {
        transport.send(request());
        for (Optional<byte[]> d = transport.receive(timeout);
            d.isPresent();
            d = transport.receive(timeout)) {
          if (isAnswer(d.get())) {
            return d;
          }
        }
      }
      return Optional.empty();
    }

    int attempts() {
      return ATTEMPTS;
    }

    byte[] request() {
      return new byte[REQUEST_LENGTH];
    }

    boolean isAnswer(byte[] datagram) {
      return datagram.length == 4;
    }
  }

  /** Sends an NTP request to the TIME port: 48 bytes where RFC 868 wants (nearly) none. */
  static class NtpRequest extends TimeProtocol {
    @Override
    byte[] request() {
      byte[] ntp = new byte[48];
      ntp[0] = 0x1b;
      return ntp;
    }
  }

  /** Takes whatever comes first, and reads its first 4 bytes. */
  static class AnyLength extends TimeProtocol {
    @Override
    boolean isAnswer(byte[] datagram) {
      return true;
    }
  }

  /** Asks once. */
  static class NoRetry extends TimeProtocol {
    @Override
    int attempts() {
      return 1;
    }
  }

  /** Seconds since 1970, as if RFC 868 were Unix time. */
  static class UnixEpoch extends TimeProtocol {
    @Override
    public Instant toInstant(byte[] answer) {
      return Instant.ofEpochSecond(seconds(answer));
    }

    @Override
    public byte[] encode(Instant time) {
      return ByteBuffer.allocate(4).putInt((int) time.getEpochSecond()).array();
    }
  }

  /** {@code getInt()} without {@code & 0xffffffffL}: every time before 2036 comes out negative. */
  static class SignedRead extends TimeProtocol {
    @Override
    public long seconds(byte[] answer) {
      return ByteBuffer.wrap(answer).getInt();
    }

    @Override
    public Instant toInstant(byte[] answer) {
      return Instant.ofEpochSecond(seconds(answer) - SECONDS_1900_TO_1970);
    }
  }

  /** Bytes read and written least significant first. */
  static class LittleEndian extends TimeProtocol {
    @Override
    public long seconds(byte[] answer) {
      return ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffff_ffffL;
    }

    @Override
    public Instant toInstant(byte[] answer) {
      return TimeClient.instant(seconds(answer));
    }

    @Override
    public byte[] encode(Instant time) {
      return ByteBuffer.allocate(4)
          .order(ByteOrder.LITTLE_ENDIAN)
          .putInt((int) NtpTimestamp.from(time).seconds())
          .array();
    }
  }

  /** Always era 0: after the 2036 wrap the count is read as 1900 again. */
  static class EraIgnored extends TimeProtocol {
    @Override
    public Instant toInstant(byte[] answer) {
      return Instant.ofEpochSecond(seconds(answer) - SECONDS_1900_TO_1970);
    }
  }
}
