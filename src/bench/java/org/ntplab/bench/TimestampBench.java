package org.ntplab.bench;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpTimestamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** NtpTimestamp to Instant and back, on the captured reply's transmit timestamp. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimestampBench {

  private NtpTimestamp timestamp;
  private Instant instant;

  @Setup
  public void load() {
    timestamp = NtpCodec.decodePacket(Captured.reply(Captured.REPLY)).transmitTime();
    instant = timestamp.toInstant(NtpTimestamp.DEFAULT_PIVOT);
  }

  @Benchmark
  public Instant timestampToInstant() {
    return timestamp.toInstant(NtpTimestamp.DEFAULT_PIVOT);
  }

  @Benchmark
  public NtpTimestamp timestampFromInstant() {
    return NtpTimestamp.from(instant);
  }
}
