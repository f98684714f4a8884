package org.ntplab.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.testing.Captures;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

class SampleTest {

  static NtpTimestamp at(String instant) {
    return NtpTimestamp.from(Instant.parse(instant));
  }

  @Test
  void offsetAndDelayOfTheTextbookExchange() {
    // Server 1 s ahead; 10 ms each way; 1 ms in the server.
    Sample s =
        new Sample(
            at("2026-01-01T00:00:00Z"),
            at("2026-01-01T00:00:01.010Z"),
            at("2026-01-01T00:00:01.011Z"),
            at("2026-01-01T00:00:00.021Z"));
    assertEquals(1_000_000_000L, s.offsetNanos());
    assertEquals(20_000_000L, s.delayNanos());
  }

  @Test
  void asymmetricPathsShowAsHalfTheDifferenceInOffset() {
    // True offset 0; 30 ms out, 10 ms back: the on-wire method reports +10 ms.
    Sample s =
        new Sample(
            at("2026-01-01T00:00:00Z"),
            at("2026-01-01T00:00:00.030Z"),
            at("2026-01-01T00:00:00.030Z"),
            at("2026-01-01T00:00:00.040Z"));
    assertEquals(10_000_000L, s.offsetNanos());
    assertEquals(40_000_000L, s.delayNanos());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // T1 and T4 in era 0, T2 and T3 in era 1, and the other way round.
    "client before rollover, 2036-02-07T06:28:15.900Z, 2036-02-07T06:28:16.400Z, 2036-02-07T06:28:16.401Z, 2036-02-07T06:28:15.921Z, 490000000, 20000000",
    "server before rollover, 2036-02-07T06:28:16.100Z, 2036-02-07T06:28:15.600Z, 2036-02-07T06:28:15.601Z, 2036-02-07T06:28:16.121Z, -510000000, 20000000",
    "far apart in one era, 2000-01-01T00:00:00Z, 2030-01-01T00:00:00Z, 2030-01-01T00:00:00Z, 2000-01-01T00:00:00Z, 946771200000000000, 0",
  })
  void offsetsAreRightAcrossTheEraBoundary(
      String name, String t1, String t2, String t3, String t4, long offset, long delay) {
    Sample s = new Sample(at(t1), at(t2), at(t3), at(t4));
    assertEquals(offset, s.offsetNanos());
    assertEquals(delay, s.delayNanos());
  }

  @Test
  void keepsNanosecondsThatDoubleSecondsSince1900WouldLose() {
    // 3.9e9 s since 1900 in a double has a resolution of about 0.5 µs; these differ by 1 ns.
    Sample s =
        new Sample(
            at("2026-01-01T00:00:00.000000001Z"),
            at("2026-01-01T00:00:00.000000003Z"),
            at("2026-01-01T00:00:00.000000003Z"),
            at("2026-01-01T00:00:00.000000003Z"));
    assertEquals(1, s.offsetNanos());
    assertEquals(2, s.delayNanos());
  }

  @Test
  void delayIsNeverBelowZeroButTheRawValueIsKept() {
    Sample s =
        new Sample(
            at("2026-01-01T00:00:00Z"),
            at("2026-01-01T00:00:00Z"),
            at("2026-01-01T00:00:01Z"),
            at("2026-01-01T00:00:00.5Z"));
    assertEquals(0, s.delayNanos());
    assertEquals(-500_000_000L, s.rawDelayNanos());
  }

  @Test
  void theBestSampleHasTheLeastDelay() {
    Sample slow =
        new Sample(
            at("2026-01-01T00:00:00Z"),
            at("2026-01-01T00:00:00.050Z"),
            at("2026-01-01T00:00:00.050Z"),
            at("2026-01-01T00:00:00.100Z"));
    Sample fast =
        new Sample(
            at("2026-01-01T00:00:01Z"),
            at("2026-01-01T00:00:01.002Z"),
            at("2026-01-01T00:00:01.002Z"),
            at("2026-01-01T00:00:01.004Z"));
    assertEquals(fast, Sample.best(List.of(slow, fast, slow)).orElseThrow());
    assertTrue(Sample.best(List.of()).isEmpty());
  }

  static Stream<Captures.Pair> capturedPairs() {
    return Captures.pairs().stream();
  }

  /** Every captured exchange: our offset and delay against the ones computed independently. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("capturedPairs")
  void agreesWithTheCapturesOwnArithmetic(Captures.Pair pair) {
    Map<String, Captures.Packet> packets = PACKETS;
    NtpPacket reply =
        NtpCodec.decodePacket(
            packets
                .get(pair.folder() + "/" + pair.sourceFile() + "#" + pair.replyFrame())
                .payload());
    Sample s = Sample.of(unix(pair.t1Pcap()), reply, unix(pair.t4Pcap()));
    // The tables' values went through doubles of Unix seconds: about 0.2 µs of rounding.
    assertEquals(pair.offsetSeconds() * 1e9, s.offsetNanos(), 1000, "offset");
    assertEquals(pair.delaySeconds() * 1e9, s.rawDelayNanos(), 1000, "delay");
  }

  private static final Map<String, Captures.Packet> PACKETS =
      Captures.packets().stream()
          .collect(Collectors.toMap(Captures.Packet::name, Function.identity(), (a, b) -> a));

  private static NtpTimestamp unix(String seconds) {
    BigDecimal s = new BigDecimal(seconds);
    long whole = s.longValue();
    return NtpTimestamp.from(
        Instant.ofEpochSecond(
            whole, s.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue()));
  }
}
