package org.ntplab.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.testing.Generated;
import org.ntplab.testing.Generated.Gen;
import org.ntplab.wire.NtpTimestamp;

/**
 * Identities of the on-wire offset and delay. Exchanges are built in 32.32 fixed point with
 * wrapping 64-bit sums from a T1 anywhere in any era, often just before the 2036 rollover, so many
 * straddle it.
 */
class SamplePropertiesTest {

  private static final long SECOND = 1L << 32;

  /** 34 years either way (RFC 5905 §6: differences are right within 68 years). */
  private static final long MAX_OFFSET = SECOND * (1L << 30);

  private static final long MAX_LEG = 10 * SECOND;

  /** About ±17 years, in steps of 2^-9 s (1953125 ns). */
  private static final long MAX_SHIFT_STEPS = 1L << 38;

  /**
   * A physically possible exchange: the server's clock ahead by {@code offset}, non-negative legs
   * and hold.
   */
  record Exchange(long t1, long offset, long out, long hold, long back) {

    Sample sample() {
      long t2 = t1 + out + offset;
      long t3 = t2 + hold;
      long t4 = t3 - offset + back;
      return new Sample(
          new NtpTimestamp(t1), new NtpTimestamp(t2), new NtpTimestamp(t3), new NtpTimestamp(t4));
    }
  }

  /**
   * Era 0 ends when the 64 bits wrap to zero (2036-02-07T06:28:16Z): half the T1s are within 100 s
   * before it.
   */
  private static long t1(Gen g) {
    return g.coin() ? g.anyLong() : g.longs(-100 * SECOND, 0);
  }

  private static final long[] T1_EDGES = {0, -1, -100 * SECOND, Long.MIN_VALUE, Long.MAX_VALUE};

  /** Out, hold and back: none, all the longest, only out the longest, only back the longest. */
  private static final long[][] LEG_EDGES = {
    {0, 0, 0}, {MAX_LEG, MAX_LEG, MAX_LEG}, {MAX_LEG, 0, 0}, {0, 0, MAX_LEG}
  };

  /** Every combination of edge T1s, offsets (none, the largest either way, ±1000 s) and legs. */
  private static final List<Exchange> EDGE_EXCHANGES =
      Generated.combinations(
              T1_EDGES,
              new long[] {0, MAX_OFFSET, -MAX_OFFSET, 1000 * SECOND, -1000 * SECOND},
              new long[] {0, 1, 2, 3})
          .stream()
          .map(
              v -> {
                long[] legs = LEG_EDGES[(int) v[2]];
                return new Exchange(v[0], v[1], legs[0], legs[1], legs[2]);
              })
          .toList();

  static Stream<Named<Exchange>> exchanges() {
    return Generated.cases(EDGE_EXCHANGES, SamplePropertiesTest::exchange);
  }

  private static Exchange exchange(Gen g) {
    long offset =
        g.weighted(1, 2) == 0
            ? g.longs(-MAX_OFFSET, MAX_OFFSET)
            : g.longs(-1000 * SECOND, 1000 * SECOND);
    return new Exchange(
        t1(g), offset, g.longs(0, MAX_LEG), g.longs(0, MAX_LEG), g.longs(0, MAX_LEG));
  }

  @Generated.Property
  @MethodSource("exchanges")
  void theMirroredExchangeNegatesTheOffsetAndKeepsTheDelay(Exchange exchange) {
    Sample s = exchange.sample();
    // The server's view of the same exchange: it sent at T3 and heard back at T4... as T1 and T2.
    Sample mirrored = new Sample(s.t3(), s.t4(), s.t1(), s.t2());
    // Halving truncates toward zero, so the two may differ by the 1 ns the halving drops.
    assertTrue(
        Math.abs(s.offsetNanos() + mirrored.offsetNanos()) <= 1,
        () -> s.offsetNanos() + " vs mirrored " + mirrored.offsetNanos());
    assertEquals(s.rawDelayNanos(), mirrored.rawDelayNanos());
  }

  record Shifted(Exchange exchange, long shift) {}

  @Generated.Property
  @MethodSource("shiftedExchanges")
  void shiftingTheServersTimestampsShiftsTheOffsetAndLeavesTheDelay(Shifted c) {
    Sample s = c.exchange().sample();
    long shift = c.shift();
    Sample shifted =
        new Sample(
            s.t1(),
            new NtpTimestamp(s.t2().bits() + shift),
            new NtpTimestamp(s.t3().bits() + shift),
            s.t4());
    // Shifts are whole multiples of 2^-9 s, exact in nanoseconds, so the identity is exact.
    assertEquals(s.offsetNanos() + shiftNanos(shift), shifted.offsetNanos());
    assertEquals(s.rawDelayNanos(), shifted.rawDelayNanos());
    assertEquals(s.delayNanos(), shifted.delayNanos());
  }

  static Stream<Named<Shifted>> shiftedExchanges() {
    // The edge exchanges, each shifted by none, the smallest step or the most either way: the
    // shift turns with the legs (the innermost of the combinations) and again with each T1 and
    // offset, so that every legs-and-offset pair meets every shift.
    long[] steps = {0, 1, -MAX_SHIFT_STEPS, MAX_SHIFT_STEPS};
    List<Shifted> edges =
        IntStream.range(0, EDGE_EXCHANGES.size())
            .mapToObj(
                i ->
                    new Shifted(
                        EDGE_EXCHANGES.get(i),
                        steps[(i + i / LEG_EDGES.length) % steps.length] << 23))
            .toList();
    return Generated.cases(
        edges, g -> new Shifted(exchange(g), g.longs(-MAX_SHIFT_STEPS, MAX_SHIFT_STEPS) << 23));
  }

  private static long shiftNanos(long shift) {
    return (shift >> 23) * 1_953_125L;
  }

  @Generated.Property
  @MethodSource("exchanges")
  void theDelayOfAPossibleExchangeIsItsRoundTripLessTheHold(Exchange exchange) {
    Sample s = exchange.sample();
    assertTrue(s.rawDelayNanos() >= 0, () -> "raw delay " + s.rawDelayNanos());
    long expected = nanos(exchange.out() + exchange.back());
    assertTrue(Math.abs(s.delayNanos() - expected) <= 1, () -> s.delayNanos() + " vs " + expected);
  }

  @Generated.Property
  @MethodSource("exchanges")
  void aSymmetricExchangeMeasuresTheTrueOffset(Exchange exchange) {
    Exchange symmetric =
        new Exchange(
            exchange.t1(), exchange.offset(), exchange.out(), exchange.hold(), exchange.out());
    long expected = nanos(exchange.offset());
    long measured = symmetric.sample().offsetNanos();
    assertTrue(Math.abs(measured - expected) <= 1, () -> measured + " vs " + expected);
  }

  record Timestamps(long t1, long t2, long t3, long t4) {}

  @Generated.Property
  @MethodSource("anyTimestamps")
  void theDelayIsNeverNegative(Timestamps t) {
    Sample s =
        new Sample(
            new NtpTimestamp(t.t1()),
            new NtpTimestamp(t.t2()),
            new NtpTimestamp(t.t3()),
            new NtpTimestamp(t.t4()));
    assertTrue(s.delayNanos() >= 0);
    assertTrue(s.delay().compareTo(Duration.ZERO) >= 0);
  }

  static Stream<Named<Timestamps>> anyTimestamps() {
    // Every combination of edge T1s with T2..T4 each zero, the most negative or the most positive.
    long[] extremes = {0, Long.MIN_VALUE, Long.MAX_VALUE};
    List<Timestamps> edges =
        Generated.combinations(T1_EDGES, extremes, extremes, extremes).stream()
            .map(v -> new Timestamps(v[0], v[1], v[2], v[3]))
            .toList();
    return Generated.cases(
        edges, g -> new Timestamps(t1(g), g.anyLong(), g.anyLong(), g.anyLong()));
  }

  /** Non-negative 32.32 seconds in nanoseconds, rounded. */
  private static long nanos(long fixed) {
    return BigDecimal.valueOf(fixed)
        .multiply(BigDecimal.valueOf(1_000_000_000L))
        .divide(BigDecimal.valueOf(SECOND), RoundingMode.HALF_UP)
        .longValueExact();
  }
}
