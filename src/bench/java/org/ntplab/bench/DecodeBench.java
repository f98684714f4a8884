package org.ntplab.bench;

import java.net.DatagramPacket;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding one captured reply and reading every header field: ntplab's codec, Apache Commons Net's
 * {@code NtpV3Impl} on the same bytes, and a plain record decoder as the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBench {

  private byte[] bytes;
  private byte[] request;
  private DatagramPacket datagram;
  private NtpV3Impl commonsNet;

  @Setup
  public void load() {
    bytes = Captured.reply(Captured.REPLY);
    request = Captured.request(Captured.REPLY);
    datagram = new DatagramPacket(bytes, bytes.length);
    // Reused, as a receive loop might; its own client makes a new one per reply
    // (decodeCommonsNetNewMessage).
    // Reusing is not the faster here: likely because DatagramPacket's setters are synchronized, and
    // a lock on a long-lived object cannot be elided as one on a fresh object can.
    commonsNet = new NtpV3Impl();
  }

  @Benchmark
  public void decodeNtplab(Blackhole bh) {
    read(NtpCodec.decodePacket(bytes), bh);
  }

  private static void read(NtpPacket p, Blackhole bh) {
    bh.consume(p.leap());
    bh.consume(p.version());
    bh.consume(p.mode());
    bh.consume(p.stratum());
    bh.consume(p.poll());
    bh.consume(p.precision());
    bh.consume(p.rootDelay());
    bh.consume(p.rootDispersion());
    bh.consume(p.referenceId());
    bh.consume(p.referenceTime());
    bh.consume(p.originTime());
    bh.consume(p.receiveTime());
    bh.consume(p.transmitTime());
  }

  @Benchmark
  public void decodeCommonsNet(Blackhole bh) {
    NtpV3Impl m = commonsNet;
    m.setDatagramPacket(datagram);
    read(m, bh);
  }

  private static void read(NtpV3Impl m, Blackhole bh) {
    bh.consume(m.getLeapIndicator());
    bh.consume(m.getVersion());
    bh.consume(m.getMode());
    bh.consume(m.getStratum());
    bh.consume(m.getPoll());
    bh.consume(m.getPrecision());
    bh.consume(m.getRootDelay());
    bh.consume(m.getRootDispersion());
    bh.consume(m.getReferenceId());
    bh.consume(m.getReferenceTimeStamp());
    bh.consume(m.getOriginateTimeStamp());
    bh.consume(m.getReceiveTimeStamp());
    bh.consume(m.getTransmitTimeStamp());
  }

  /** The request of the same exchange, what a server decodes: zero fields share one value. */
  @Benchmark
  public void decodeNtplabRequest(Blackhole bh) {
    read(NtpCodec.decodePacket(request), bh);
  }

  /**
   * The same decode with the fields read as primitives: nothing escapes, so the JIT may drop the
   * packet value's allocation altogether (what a caller that reads a few fields gets).
   */
  @Benchmark
  public void decodeNtplabPrimitives(Blackhole bh) {
    NtpPacket p = NtpCodec.decodePacket(bytes);
    bh.consume(p.leap().code());
    bh.consume(p.version());
    bh.consume(p.mode().code());
    bh.consume(p.stratum());
    bh.consume(p.poll());
    bh.consume(p.precision());
    bh.consume(p.rootDelay().bits());
    bh.consume(p.rootDispersion().bits());
    bh.consume(p.referenceId().bits());
    bh.consume(p.referenceTime().bits());
    bh.consume(p.originTime().bits());
    bh.consume(p.receiveTime().bits());
    bh.consume(p.transmitTime().bits());
  }

  /** As Commons Net's own client reads a reply: a new message per datagram, then every getter. */
  @Benchmark
  public void decodeCommonsNetNewMessage(Blackhole bh) {
    NtpV3Impl m = new NtpV3Impl();
    m.setDatagramPacket(datagram);
    read(m, bh);
  }

  /** The floor: one flat record of primitives, read byte by byte, no validation. */
  @Benchmark
  public void decodePlainRecord(Blackhole bh) {
    PlainPacket p = PlainPacket.decode(bytes);
    bh.consume(p.leap());
    bh.consume(p.version());
    bh.consume(p.mode());
    bh.consume(p.stratum());
    bh.consume(p.poll());
    bh.consume(p.precision());
    bh.consume(p.rootDelay());
    bh.consume(p.rootDispersion());
    bh.consume(p.referenceId());
    bh.consume(p.referenceTime());
    bh.consume(p.originTime());
    bh.consume(p.receiveTime());
    bh.consume(p.transmitTime());
  }

  /**
   * The floor for a decoder that returns its value: the same record, allocated (one object, 80 B).
   */
  @Benchmark
  public PlainPacket decodePlainRecordAllocated() {
    return PlainPacket.decode(bytes);
  }

  /** A header as thirteen primitives: what a decoder with no value types and no checks costs. */
  record PlainPacket(
      int leap,
      int version,
      int mode,
      int stratum,
      int poll,
      int precision,
      int rootDelay,
      int rootDispersion,
      int referenceId,
      long referenceTime,
      long originTime,
      long receiveTime,
      long transmitTime) {

    static PlainPacket decode(byte[] b) {
      return new PlainPacket(
          (b[0] & 0xff) >>> 6,
          b[0] >>> 3 & 7,
          b[0] & 7,
          b[1] & 0xff,
          b[2],
          b[3],
          int32(b, 4),
          int32(b, 8),
          int32(b, 12),
          int64(b, 16),
          int64(b, 24),
          int64(b, 32),
          int64(b, 40));
    }

    private static int int32(byte[] b, int at) {
      return (b[at] & 0xff) << 24
          | (b[at + 1] & 0xff) << 16
          | (b[at + 2] & 0xff) << 8
          | b[at + 3] & 0xff;
    }

    private static long int64(byte[] b, int at) {
      return (long) int32(b, at) << 32 | int32(b, at + 4) & 0xffff_ffffL;
    }
  }
}
