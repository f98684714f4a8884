package org.ntplab.labs.client;

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

/** Lab 6, solved: send, wait, ignore what is not the reply, retry on silence. */
public class Client implements ClientLab {

  /** 1900-01-01 to 1970-01-01: 70 years, 17 of them leap years. */
  private static final long SECONDS_1900_TO_1970 = (70L * 365 + 17) * 86_400;
  private static final long NANOS = 1_000_000_000L;

  @Override
  public ClientResult query(LabTransport transport, Clock clock, int version, Duration timeout) throws IOException {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      long t1 = timestamp(clock.instant());
      transport.send(request(version, t1));
      // The wait is measured on the monotonic clock: a flood of junk must not stretch it.
      long deadline = System.nanoTime() + timeout.toNanos();
      for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        Optional<byte[]> datagram = transport.receive(Duration.ofNanos(left));
        if (datagram.isEmpty()) {
          break;
        }
        long t4 = timestamp(clock.instant()); // first thing: every microsecond spent before is in T4
        byte[] reply = datagram.get();
        if (isReplyTo(reply, t1)) {
          return result(reply, t1, t4);
        }
      }
    }
    return new ClientResult.NoAnswer();
  }

  /** RFC 4330 §5: LI 0, version, mode 3, and T1 in the transmit field; all else zero. */
  static byte[] request(int version, long t1) {
    byte[] request = new byte[48];
    request[0] = (byte) (version << 3 | 3);
    ByteBuffer.wrap(request).putLong(40, t1);
    return request;
  }

  /**
   * Is this the server's answer to our request? The origin must echo our transmit exactly: that
   * is what an off-path forger cannot know, and what tells a late reply to an earlier request.
   */
  static boolean isReplyTo(byte[] reply, long t1) {
    if (reply.length < 48 || (reply[0] & 7) != 4) {
      return false;
    }
    ByteBuffer in = ByteBuffer.wrap(reply);
    return in.getLong(24) == t1 && in.getLong(40) != 0;
  }

  private static ClientResult result(byte[] reply, long t1, long t4) {
    ByteBuffer in = ByteBuffer.wrap(reply);
    int stratum = reply[1] & 0xff;
    if (stratum == 0) {
      int length = 4;
      while (length > 0 && reply[12 + length - 1] == 0) {
        length--;
      }
      return new ClientResult.KissOfDeath(new String(reply, 12, length, StandardCharsets.US_ASCII));
    }
    long t2 = in.getLong(32);
    long t3 = in.getLong(40);
    long outbound = nanos(t2 - t1);
    long inbound = nanos(t3 - t4);
    long offset = outbound + (inbound - outbound) / 2;
    long delay = Math.max(0, nanos(t4 - t1) - nanos(t3 - t2));
    return new ClientResult.Answered(t1, t2, t3, t4, offset, delay, stratum, in.getInt(12) & 0xffff_ffffL);
  }

  /** An instant as a 32.32 NTP timestamp; the seconds wrap into the era by the shift. */
  static long timestamp(Instant instant) {
    long seconds = instant.getEpochSecond() + SECONDS_1900_TO_1970;
    long fraction = (((long) instant.getNano() << 32) + NANOS / 2) / NANOS; // below 2^32 for any nano
    return seconds << 32 | fraction;
  }

  /** A signed 32.32 difference in nanoseconds (lab 4). */
  private static long nanos(long fixed) {
    return (fixed >> 32) * NANOS + (((fixed & 0xffff_ffffL) * NANOS + (1L << 31)) >>> 32);
  }
}
