package org.ntplab.bench;

import java.net.DatagramPacket;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.TimeStamp;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding the captured reply back to its 48 bytes: ntplab, and Commons Net setting the same
 * fields.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncodeBench {

  private NtpPacket packet;
  private NtpV3Impl commonsNet;
  private TimeStamp reference;
  private TimeStamp origin;
  private TimeStamp receive;
  private TimeStamp transmit;

  @Setup
  public void load() {
    byte[] bytes = Captured.reply(Captured.REPLY);
    packet = NtpCodec.decodePacket(bytes);
    commonsNet = new NtpV3Impl();
    reference = new TimeStamp(packet.referenceTime().bits());
    origin = new TimeStamp(packet.originTime().bits());
    receive = new TimeStamp(packet.receiveTime().bits());
    transmit = new TimeStamp(packet.transmitTime().bits());
  }

  @Benchmark
  public byte[] encodeNtplab() {
    return NtpCodec.encode(packet);
  }

  /** Commons Net writes into the message's own buffer; its datagram wraps that buffer. */
  @Benchmark
  public DatagramPacket encodeCommonsNet() {
    NtpV3Impl m = commonsNet;
    NtpPacket p = packet;
    m.setLeapIndicator(p.leap().code());
    m.setVersion(p.version());
    m.setMode(p.mode().code());
    m.setStratum(p.stratum());
    m.setPoll(p.poll());
    m.setPrecision(p.precision());
    m.setRootDelay(p.rootDelay().bits());
    m.setRootDispersion(p.rootDispersion().bits());
    m.setReferenceId(p.referenceId().bits());
    m.setReferenceTime(reference);
    m.setOriginateTimeStamp(origin);
    m.setReceiveTimeStamp(receive);
    m.setTransmitTime(transmit);
    return m.getDatagramPacket();
  }
}
