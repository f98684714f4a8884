package org.ntplab.grading;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.ntplab.lab.DecodeLab;
import org.ntplab.lab.EncodeLab;
import org.ntplab.lab.HeaderFields;
import org.ntplab.lab.OffsetDelayLab;
import org.ntplab.lab.TimestampLab;
import org.ntplab.lab.WarmupLab;
import org.ntplab.sync.Sample;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;

/**
 * Hand-written students: a correct one per lab (leaning on the reference, which is fine here), and
 * subclasses that each make one classic mistake.
 */
final class Students {

  private Students() {}

  /** Lab 0's answers as a Java object: the grader asks it what it asks an answers.jsh. */
  static class Warmup implements WarmupLab {
    @Override
    public long epochOffset() {
      return 2_208_988_800L;
    }

    @Override
    public Instant eraZeroEnds() {
      return Instant.parse("2036-02-07T06:28:16Z");
    }

    @Override
    public int requestLength() {
      return 48;
    }

    @Override
    public int receiveTimestampOffset() {
      return 32;
    }

    @Override
    public int version(int firstByte) {
      return firstByte >> 3 & 7;
    }

    @Override
    public int mode(int firstByte) {
      return firstByte & 7;
    }

    @Override
    public double receiveSeconds(byte[] reply) {
      ByteBuffer in = ByteBuffer.wrap(reply);
      return Integer.toUnsignedLong(in.getInt(32))
          + Integer.toUnsignedLong(in.getInt(36)) / 4294967296.0;
    }

    @Override
    public String kissCode(byte[] reply) {
      return NtpCodec.decodePacket(reply).kissCode().map(KissCode::code).orElse(null);
    }
  }

  static class Timestamps implements TimestampLab {
    @Override
    public Instant toInstant(long seconds, long fraction) {
      return new NtpTimestamp(seconds << 32 | fraction).toInstant(NtpTimestamp.DEFAULT_PIVOT);
    }

    @Override
    public long fractionToNanos(long fraction) {
      return new NtpTimestamp(fraction).nanosSince(NtpTimestamp.ZERO);
    }

    @Override
    public long nanosToFraction(long nanos) {
      return NtpTimestamp.from(Instant.ofEpochSecond(0, nanos)).fraction();
    }

    @Override
    public Duration shortToDuration(long bits) {
      return new NtpShort((int) bits).toDuration();
    }

    @Override
    public Duration log2ToDuration(int exponent) {
      return TimestampExercises.log2(exponent);
    }
  }

  /** 2208988800 + 1: every instant a second early. */
  static class WrongEpoch extends Timestamps {
    @Override
    public Instant toInstant(long seconds, long fraction) {
      long era = (seconds & 0x8000_0000L) != 0 ? 0 : 1L << 32;
      return Instant.ofEpochSecond(era + seconds - 2_208_988_801L, fractionToNanos(fraction));
    }
  }

  /** Era ignored: every timestamp taken as 1900-based, so after February 2036 it lands in 1900. */
  static class EraIgnored extends Timestamps {
    @Override
    public Instant toInstant(long seconds, long fraction) {
      return Instant.ofEpochSecond(seconds - 2_208_988_800L, fractionToNanos(fraction));
    }
  }

  /** Seconds = fraction / 10^9, as if the fraction counted nanoseconds. */
  static class FractionOverBillion extends Timestamps {
    @Override
    public long fractionToNanos(long fraction) {
      return Math.round(fraction / 1e9 * 1e9);
    }
  }

  /**
   * The fraction's nanoseconds truncated ({@code >>> 32}) where the README asks for the nearest.
   */
  static class TruncatingFraction extends Timestamps {
    @Override
    public long fractionToNanos(long fraction) {
      return fraction * 1_000_000_000L >>> 32;
    }
  }

  static class Decoder implements DecodeLab {
    static NtpPacket p(byte[] b) {
      return NtpCodec.decodePacket(b);
    }

    @Override
    public int leap(byte[] b) {
      return p(b).leap().code();
    }

    @Override
    public int version(byte[] b) {
      return p(b).version();
    }

    @Override
    public int mode(byte[] b) {
      return p(b).mode().code();
    }

    @Override
    public int stratum(byte[] b) {
      return p(b).stratum();
    }

    @Override
    public int poll(byte[] b) {
      return p(b).poll();
    }

    @Override
    public int precision(byte[] b) {
      return p(b).precision();
    }

    @Override
    public long rootDelay(byte[] b) {
      return Integer.toUnsignedLong(p(b).rootDelay().bits());
    }

    @Override
    public long rootDispersion(byte[] b) {
      return Integer.toUnsignedLong(p(b).rootDispersion().bits());
    }

    @Override
    public String referenceId(byte[] b) {
      return p(b).referenceIdText();
    }

    @Override
    public long referenceTime(byte[] b) {
      return p(b).referenceTime().bits();
    }

    @Override
    public long originTime(byte[] b) {
      return p(b).originTime().bits();
    }

    @Override
    public long receiveTime(byte[] b) {
      return p(b).receiveTime().bits();
    }

    @Override
    public long transmitTime(byte[] b) {
      return p(b).transmitTime().bits();
    }
  }

  /** {@code b[2] & 0xff}: poll -6 (64 ms between messages) becomes 250. */
  static class UnsignedPoll extends Decoder {
    @Override
    public int poll(byte[] b) {
      return b[2] & 0xff;
    }
  }

  /** {@code b[1]}: stratum 128 and up come out negative. */
  static class SignedStratum extends Decoder {
    @Override
    public int stratum(byte[] b) {
      return b[1];
    }
  }

  /** {@code b[3] & 0xff}: precision -20 becomes 236. */
  static class UnsignedPrecision extends Decoder {
    @Override
    public int precision(byte[] b) {
      return b[3] & 0xff;
    }
  }

  /**
   * The reference ID always as a dotted quad, even where stratum 0/1 makes it a kiss code or clock
   * name.
   */
  static class DottedQuadReferenceId extends Decoder {
    @Override
    public String referenceId(byte[] b) {
      return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
    }
  }

  /** The origin timestamp read four bytes late, from 28..35 instead of 24..31. */
  static class OriginTimeOffByFour extends Decoder {
    @Override
    public long originTime(byte[] b) {
      return ByteBuffer.wrap(b, 28, 8).getLong();
    }
  }

  /** Multi-byte fields read least significant byte first. */
  static class LittleEndian extends Decoder {
    static long le(byte[] b, int offset, int length) {
      long v = 0;
      for (int i = offset + length - 1; i >= offset; i--) {
        v = v << 8 | (b[i] & 0xff);
      }
      return v;
    }

    @Override
    public long rootDelay(byte[] b) {
      return le(b, 4, 4);
    }

    @Override
    public long rootDispersion(byte[] b) {
      return le(b, 8, 4);
    }

    @Override
    public long referenceTime(byte[] b) {
      return le(b, 16, 8);
    }

    @Override
    public long originTime(byte[] b) {
      return le(b, 24, 8);
    }

    @Override
    public long receiveTime(byte[] b) {
      return le(b, 32, 8);
    }

    @Override
    public long transmitTime(byte[] b) {
      return le(b, 40, 8);
    }
  }

  /** Never returns from stratum(). */
  static class EndlessStratum extends Decoder {
    @Override
    public int stratum(byte[] b) {
      long spins = 0;
      while (spins >= 0) {
        spins = (spins + 1) & 0x7fff_ffff_ffffL; // ignores interrupts, like a real endless loop
      }
      return (int) spins;
    }
  }

  /** mode() indexes past the end. */
  static class CrashingMode extends Decoder {
    @Override
    public int mode(byte[] b) {
      return b[b.length] & 7;
    }
  }

  static class Encoder implements EncodeLab {
    @Override
    public byte[] clientRequest(int version, long transmitTime) {
      return NtpCodec.encode(NtpPacket.clientRequest(version, new NtpTimestamp(transmitTime)));
    }

    @Override
    public byte[] serverReply(HeaderFields f) {
      java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(48);
      out.put((byte) (f.leap() << 6 | f.version() << 3 | f.mode()))
          .put((byte) f.stratum())
          .put((byte) f.poll())
          .put((byte) f.precision())
          .putInt((int) f.rootDelay())
          .putInt((int) f.rootDispersion())
          .putInt((int) f.referenceId())
          .putLong(f.referenceTime())
          .putLong(f.originTime())
          .putLong(f.receiveTime())
          .putLong(f.transmitTime());
      return out.array();
    }
  }

  /** The transmit timestamp written little-endian. */
  static class LittleEndianTransmit extends Encoder {
    @Override
    public byte[] clientRequest(int version, long transmitTime) {
      return super.clientRequest(version, Long.reverseBytes(transmitTime));
    }
  }

  static class OffsetDelay implements OffsetDelayLab {
    static Sample s(long t1, long t2, long t3, long t4) {
      return new Sample(
          new NtpTimestamp(t1), new NtpTimestamp(t2), new NtpTimestamp(t3), new NtpTimestamp(t4));
    }

    @Override
    public long offsetNanos(long t1, long t2, long t3, long t4) {
      return s(t1, t2, t3, t4).offsetNanos();
    }

    @Override
    public long delayNanos(long t1, long t2, long t3, long t4) {
      return s(t1, t2, t3, t4).delayNanos();
    }
  }

  /** The delay as computed, below zero when the server's clock ran fast while it answered. */
  static class UnclampedDelay extends OffsetDelay {
    @Override
    public long delayNanos(long t1, long t2, long t3, long t4) {
      return s(t1, t2, t3, t4).rawDelayNanos();
    }
  }

  /** T2 and T3 swapped: the offset does not notice, the delay does. */
  static class SwappedT2T3 extends OffsetDelay {
    @Override
    public long offsetNanos(long t1, long t2, long t3, long t4) {
      return super.offsetNanos(t1, t3, t2, t4);
    }

    @Override
    public long delayNanos(long t1, long t2, long t3, long t4) {
      return super.delayNanos(t1, t3, t2, t4);
    }
  }

  /**
   * Through instants in the default window: T1 just before 2036 and T4 just after are 136 years
   * apart.
   */
  static class EraUnsafe extends OffsetDelay {
    @Override
    public long delayNanos(long t1, long t2, long t3, long t4) {
      long ms = (t4 >>> 32) - (t1 >>> 32) - ((t3 >>> 32) - (t2 >>> 32));
      return Math.max(
          0,
          ms * 1_000_000_000L
              + s(t1 & 0xffff_ffffL, t2 & 0xffff_ffffL, t3 & 0xffff_ffffL, t4 & 0xffff_ffffL)
                  .rawDelayNanos());
    }
  }
}
