package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties of NtpTimestamp against Instant across eras. A 32.32 timestamp's unit, 2^-32 s, is
 * under a quarter of a nanosecond, so an instant in the pivot's window comes back exactly.
 */
class NtpTimestampPropertiesTest {

  private static final long ERA_SECONDS = 1L << 32;

  /** Any instant in the 2^32-second window starting at {@code pivot}, with the window's ends weighted. */
  private static Arbitrary<Instant> inWindow(Instant pivot) {
    Arbitrary<Long> nanosIntoWindow = Arbitraries.longs().between(0, ERA_SECONDS * 1_000_000_000L - 1);
    return nanosIntoWindow.map(pivot::plusNanos);
  }

  @Property
  void instantsOf1968To2104ComeBackExactlyWithTheDefaultPivot(@ForAll("defaultWindow") Instant instant) {
    assertEquals(instant, NtpTimestamp.from(instant).toInstant(NtpTimestamp.DEFAULT_PIVOT));
  }

  @Provide
  Arbitrary<Instant> defaultWindow() {
    // Both ends of the window and the 2036 rollover, besides anywhere in it.
    Instant rollover = Instant.parse("2036-02-07T06:28:16Z");
    Arbitrary<Instant> nearRollover = Arbitraries.longs().between(-5_000_000_000L, 5_000_000_000L)
        .map(rollover::plusNanos);
    Arbitrary<Instant> nearEnds = Arbitraries.longs().between(0, 5_000_000_000L).flatMap(n -> Arbitraries.of(
        NtpTimestamp.DEFAULT_PIVOT.plusNanos(n), NtpTimestamp.DEFAULT_PIVOT.plusSeconds(ERA_SECONDS).minusNanos(n + 1)));
    return Arbitraries.frequencyOf(Tuple.of(4, inWindow(NtpTimestamp.DEFAULT_PIVOT)),
        Tuple.of(1, nearRollover), Tuple.of(1, nearEnds));
  }

  @Property
  void instantsComeBackExactlyWithAnyPivot(@ForAll("pivotAndInstant") Tuple2<Instant, Instant> pivotAndInstant) {
    Instant pivot = pivotAndInstant.get1();
    Instant instant = pivotAndInstant.get2();
    assertEquals(instant, NtpTimestamp.from(instant).toInstant(pivot));
  }

  @Provide
  Arbitrary<Tuple2<Instant, Instant>> pivotAndInstant() {
    // Pivots from 1500 to 2500: eras -3 to 4, and the window of each crosses an era boundary.
    Arbitrary<Instant> pivots = Arbitraries.longs()
        .between(Instant.parse("1500-01-01T00:00:00Z").getEpochSecond(), Instant.parse("2500-01-01T00:00:00Z").getEpochSecond())
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
    return pivots.flatMap(p -> inWindow(p).map(i -> Tuple.of(p, i)));
  }

  @Property
  void everyTimestampComesBackFromItsInstantToTheNanosecondWhateverThePivot(
      @ForAll long bits, @ForAll @LongRange(min = -20_000_000_000L, max = 20_000_000_000L) long pivotSecond,
      @ForAll @IntRange(min = 0, max = 999_999_999) int pivotNano) {
    Instant pivot = Instant.ofEpochSecond(pivotSecond, pivotNano);
    Instant instant = new NtpTimestamp(bits).toInstant(pivot);
    // An Instant keeps nanoseconds, a timestamp quarter-nanoseconds: back within 2 units of 2^-32 s.
    long error = NtpTimestamp.from(instant).bits() - bits;
    assertTrue(Math.abs(error) <= 2, () -> new NtpTimestamp(bits) + " came back " + error + " units off");
    // The instant lies in the pivot's window, give or take the pivot's own rounding to 2^-32 s.
    assertTrue(!instant.isBefore(pivot.minusNanos(1)) && instant.isBefore(pivot.plusSeconds(ERA_SECONDS)),
        () -> instant + " outside the window of " + pivot);
  }
}
