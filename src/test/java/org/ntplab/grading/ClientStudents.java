package org.ntplab.grading;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ntplab.lab.ClientLab;
import org.ntplab.lab.ClientResult;
import org.ntplab.lab.LabTransport;
import org.ntplab.lab.OffsetDelayLab;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/** Lab 6 students: a correct client, and subclasses that each make one classic mistake. */
final class ClientStudents {

  private ClientStudents() {}

  static class Client implements ClientLab {
    final OffsetDelayLab math = new Students.OffsetDelay();

    @Override
    public ClientResult query(LabTransport transport, Clock clock, int version, Duration timeout)
        throws IOException {
      for (int attempt = 1; attempt <= attempts(); attempt++) {
        long t1 = NtpTimestamp.from(clock.instant()).bits();
        transport.send(request(version, t1));
        while (true) {
          Optional<byte[]> datagram = transport.receive(timeout);
          if (datagram.isEmpty()) {
            break;
          }
          long t4 = t4(clock);
          byte[] reply = datagram.get();
          if (accepts(reply, t1)) {
            return result(reply, t1, t4);
          }
        }
        if (giveUpAfterSilence()) {
          break;
        }
      }
      return new ClientResult.NoAnswer();
    }

    int attempts() {
      return ATTEMPTS;
    }

    boolean giveUpAfterSilence() {
      return false;
    }

    long t4(Clock clock) {
      return NtpTimestamp.from(clock.instant()).bits();
    }

    byte[] request(int version, long t1) {
      return NtpCodec.encode(NtpPacket.clientRequest(version, new NtpTimestamp(t1)));
    }

    boolean accepts(byte[] reply, long t1) {
      return reply.length >= 48
          && (reply[0] & 7) == 4
          && originOf(reply) == t1
          && ByteBuffer.wrap(reply).getLong(40) != 0;
    }

    static long originOf(byte[] reply) {
      return ByteBuffer.wrap(reply).getLong(24);
    }

    ClientResult result(byte[] reply, long t1, long t4) {
      ByteBuffer in = ByteBuffer.wrap(reply);
      int stratum = reply[1] & 0xff;
      if (stratum == 0) {
        return new ClientResult.KissOfDeath(
            new String(reply, 12, 4, StandardCharsets.US_ASCII).replace("\0", ""));
      }
      long t2 = in.getLong(32);
      long t3 = in.getLong(40);
      return new ClientResult.Answered(
          t1,
          t2,
          t3,
          t4,
          math.offsetNanos(t1, t2, t3, t4),
          math.delayNanos(t1, t2, t3, t4),
          stratum,
          in.getInt(12) & 0xffff_ffffL);
    }
  }

  /** Takes the first mode-4 packet that comes: a spoofer's is as good as the server's. */
  static class NoOriginCheck extends Client {
    @Override
    boolean accepts(byte[] reply, long t1) {
      return reply.length >= 48 && (reply[0] & 7) == 4 && ByteBuffer.wrap(reply).getLong(40) != 0;
    }
  }

  /** Never looks at the mode: a client request or a broadcast is taken for the reply. */
  static class NoModeCheck extends Client {
    @Override
    boolean accepts(byte[] reply, long t1) {
      return reply.length >= 48 && originOf(reply) == t1 && ByteBuffer.wrap(reply).getLong(40) != 0;
    }
  }

  /** Reads the origin before checking the length: a short datagram throws. */
  static class NoLengthCheck extends Client {
    @Override
    boolean accepts(byte[] reply, long t1) {
      return (reply[0] & 7) == 4
          && originOf(reply) == t1
          && ByteBuffer.wrap(reply).getLong(40) != 0;
    }
  }

  /** One request, no retry. */
  static class NoRetry extends Client {
    @Override
    boolean giveUpAfterSilence() {
      return true;
    }
  }

  /** A right request, then a bug in reading the reply: the request's points are still its own. */
  static class ThrowsOnTheReply extends Client {
    @Override
    ClientResult result(byte[] reply, long t1, long t4) {
      throw new IllegalStateException("reading the reply: not written yet");
    }
  }

  /** The kiss code checked before the origin: a spoofer's kiss-o'-death silences it. */
  static class KissBeforeOrigin extends Client {
    @Override
    boolean accepts(byte[] reply, long t1) {
      return reply.length >= 48 && (reply[0] & 7) == 4 && reply[1] == 0 || super.accepts(reply, t1);
    }
  }

  /** Stratum 0 read as time: the kiss code's reply is answered like any other. */
  static class KissIgnored extends Client {
    @Override
    ClientResult result(byte[] reply, long t1, long t4) {
      ClientResult result = super.result(reply, t1, t4);
      if (result instanceof ClientResult.KissOfDeath) {
        ByteBuffer in = ByteBuffer.wrap(reply);
        long t2 = in.getLong(32);
        long t3 = in.getLong(40);
        return new ClientResult.Answered(
            t1,
            t2,
            t3,
            t4,
            math.offsetNanos(t1, t2, t3, t4),
            math.delayNanos(t1, t2, t3, t4),
            0,
            in.getInt(12) & 0xffff_ffffL);
      }
      return result;
    }
  }

  /** T4 read once, before the first receive: the wait is not in the round trip. */
  static class EarlyT4 extends Client {
    private Instant before;

    @Override
    public ClientResult query(LabTransport transport, Clock clock, int version, Duration timeout)
        throws IOException {
      before = clock.instant();
      return super.query(transport, clock, version, timeout);
    }

    @Override
    long t4(Clock clock) {
      return NtpTimestamp.from(before).bits();
    }
  }

  /** Treats an empty receive as "try again" and never sends another request. */
  static class ReceivesForever extends Client {
    @Override
    public ClientResult query(LabTransport transport, Clock clock, int version, Duration timeout)
        throws IOException {
      transport.send(request(version, NtpTimestamp.from(clock.instant()).bits()));
      while (true) {
        transport.receive(timeout);
      }
    }
  }

  /** The version field left at 3 whatever was asked for: {@code 0x1b}, always. */
  static class AlwaysVersion3 extends Client {
    @Override
    byte[] request(int version, long t1) {
      return super.request(3, t1);
    }
  }
}
