package org.ntplab.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.ntplab.wire.NtpTimestamp;

/**
 * Identities of the on-wire offset and delay. Exchanges are built in 32.32 fixed point with
 * wrapping 64-bit sums from a T1 anywhere in any era, often just before the 2036 rollover, so many
 * straddle it.
 */
class SamplePropertiesTest {

  private static final long SECOND = 1L << 32;

  /** A physically possible exchange: the server's clock ahead by {@code offset}, non-negative legs and hold. */
  record Exchange(long t1, long offset, long out, long hold, long back) {

    Sample sample() {
      long t2 = t1 + out + offset;
      long t3 = t2 + hold;
      long t4 = t3 - offset + back;
      return new Sample(new NtpTimestamp(t1), new NtpTimestamp(t2), new NtpTimestamp(t3), new NtpTimestamp(t4));
    }
  }

  @Provide
  Arbitrary<Long> t1s() {
    // Era 0 ends when the 64 bits wrap to zero (2036-02-07T06:28:16Z).
    Arbitrary<Long> nearRollover = Arbitraries.longs().between(-100 * SECOND, 0);
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.longs()), Tuple.of(1, nearRollover));
  }

  @Provide
  Arbitrary<Exchange> exchanges() {
    // Offsets up to 34 years either way (RFC 5905 §6: differences are right within 68 years).
    Arbitrary<Long> offsets = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.longs().between(-SECOND * (1L << 30), SECOND * (1L << 30))),
        Tuple.of(2, Arbitraries.longs().between(-1000 * SECOND, 1000 * SECOND)));
    Arbitrary<Long> legs = Arbitraries.longs().between(0, 10 * SECOND);
    return Combinators.combine(t1s(), offsets, legs, legs, legs).as(Exchange::new);
  }

  @Property
  void theMirroredExchangeNegatesTheOffsetAndKeepsTheDelay(@ForAll("exchanges") Exchange exchange) {
    Sample s = exchange.sample();
    // The server's view of the same exchange: it sent at T3 and heard back at T4... as T1 and T2.
    Sample mirrored = new Sample(s.t3(), s.t4(), s.t1(), s.t2());
    // Halving truncates toward zero, so the two may differ by the 1 ns the halving drops.
    assertTrue(Math.abs(s.offsetNanos() + mirrored.offsetNanos()) <= 1,
        () -> s.offsetNanos() + " vs mirrored " + mirrored.offsetNanos());
    assertEquals(s.rawDelayNanos(), mirrored.rawDelayNanos());
  }

  @Property
  void shiftingTheServersTimestampsShiftsTheOffsetAndLeavesTheDelay(
      @ForAll("exchanges") Exchange exchange, @ForAll("shifts") long shift) {
    Sample s = exchange.sample();
    Sample shifted = new Sample(s.t1(), new NtpTimestamp(s.t2().bits() + shift),
        new NtpTimestamp(s.t3().bits() + shift), s.t4());
    // Shifts are whole multiples of 2^-9 s, exact in nanoseconds, so the identity is exact.
    assertEquals(s.offsetNanos() + shiftNanos(shift), shifted.offsetNanos());
    assertEquals(s.rawDelayNanos(), shifted.rawDelayNanos());
    assertEquals(s.delayNanos(), shifted.delayNanos());
  }

  @Provide
  Arbitrary<Long> shifts() {
    // Up to about ±17 years, in steps of 2^-9 s (1953125 ns).
    return Arbitraries.longs().between(-(1L << 38), 1L << 38).map(n -> n << 23);
  }

  private static long shiftNanos(long shift) {
    return (shift >> 23) * 1_953_125L;
  }

  @Property
  void theDelayOfAPossibleExchangeIsItsRoundTripLessTheHold(@ForAll("exchanges") Exchange exchange) {
    Sample s = exchange.sample();
    assertTrue(s.rawDelayNanos() >= 0, () -> "raw delay " + s.rawDelayNanos());
    long expected = nanos(exchange.out() + exchange.back());
    assertTrue(Math.abs(s.delayNanos() - expected) <= 1, () -> s.delayNanos() + " vs " + expected);
  }

  @Property
  void aSymmetricExchangeMeasuresTheTrueOffset(@ForAll("exchanges") Exchange exchange) {
    Exchange symmetric = new Exchange(exchange.t1(), exchange.offset(), exchange.out(), exchange.hold(), exchange.out());
    long expected = nanos(exchange.offset());
    long measured = symmetric.sample().offsetNanos();
    assertTrue(Math.abs(measured - expected) <= 1, () -> measured + " vs " + expected);
  }

  @Property
  void theDelayIsNeverNegative(@ForAll("t1s") long t1, @ForAll long t2, @ForAll long t3, @ForAll long t4) {
    Sample s = new Sample(new NtpTimestamp(t1), new NtpTimestamp(t2), new NtpTimestamp(t3), new NtpTimestamp(t4));
    assertTrue(s.delayNanos() >= 0);
    assertTrue(s.delay().compareTo(java.time.Duration.ZERO) >= 0);
  }

  /** Non-negative 32.32 seconds in nanoseconds, rounded. */
  private static long nanos(long fixed) {
    return java.math.BigDecimal.valueOf(fixed).multiply(java.math.BigDecimal.valueOf(1_000_000_000L))
        .divide(java.math.BigDecimal.valueOf(SECOND), java.math.RoundingMode.HALF_UP).longValueExact();
  }
}
