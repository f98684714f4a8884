package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.testing.Generated;
import org.ntplab.testing.Generated.Gen;

/**
 * Properties of NtpTimestamp against Instant across eras. A 32.32 timestamp's unit, 2^-32 s, is
 * under a quarter of a nanosecond, so an instant in the pivot's window comes back exactly.
 */
class NtpTimestampPropertiesTest {

  private static final long ERA_SECONDS = 1L << 32;
  private static final Instant ROLLOVER = Instant.parse("2036-02-07T06:28:16Z");
  private static final Instant ERA_0 = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant LAST_IN_DEFAULT_WINDOW =
      NtpTimestamp.DEFAULT_PIVOT.plusSeconds(ERA_SECONDS).minusNanos(1);

  /** Any instant in the 2^32-second window starting at {@code pivot}. */
  private static Instant inWindow(Gen g, Instant pivot) {
    return pivot.plusNanos(g.longs(0, ERA_SECONDS * 1_000_000_000L - 1));
  }

  @Generated.Property
  @MethodSource("defaultWindow")
  void instantsOf1968To2104ComeBackExactlyWithTheDefaultPivot(Instant instant) {
    assertEquals(instant, NtpTimestamp.from(instant).toInstant(NtpTimestamp.DEFAULT_PIVOT));
  }

  static Stream<Named<Instant>> defaultWindow() {
    // Both ends of the window and the 2036 rollover, a nanosecond either side, and a last
    // nanosecond of a second (its fraction rounds to 2^32 - 1 units, not into the next second).
    List<Instant> edges =
        List.of(
            NtpTimestamp.DEFAULT_PIVOT,
            NtpTimestamp.DEFAULT_PIVOT.plusNanos(1),
            LAST_IN_DEFAULT_WINDOW,
            LAST_IN_DEFAULT_WINDOW.minusNanos(1),
            ROLLOVER.minusNanos(1),
            ROLLOVER,
            ROLLOVER.plusNanos(1),
            Instant.EPOCH,
            Instant.EPOCH.minusNanos(1),
            Instant.parse("2000-01-01T00:00:00.999999999Z"));
    return Generated.cases(
        edges,
        g ->
            switch (g.weighted(4, 1, 1)) {
              case 0 -> inWindow(g, NtpTimestamp.DEFAULT_PIVOT);
              case 1 -> ROLLOVER.plusNanos(g.longs(-5_000_000_000L, 5_000_000_000L));
              default -> {
                long n = g.longs(0, 5_000_000_000L);
                yield g.coin()
                    ? NtpTimestamp.DEFAULT_PIVOT.plusNanos(n)
                    : LAST_IN_DEFAULT_WINDOW.minusNanos(n);
              }
            });
  }

  record PivotAndInstant(Instant pivot, Instant instant) {}

  @Generated.Property
  @MethodSource("pivotAndInstant")
  void instantsComeBackExactlyWithAnyPivot(PivotAndInstant c) {
    assertEquals(c.instant(), NtpTimestamp.from(c.instant()).toInstant(c.pivot()));
  }

  static Stream<Named<PivotAndInstant>> pivotAndInstant() {
    // Pivots from 1500 to 2500: eras -3 to 4, and the window of each crosses an era boundary.
    Instant first = Instant.parse("1500-01-01T00:00:00Z");
    Instant last = Instant.parse("2500-01-01T00:00:00Z");
    // Edges: the first and last pivot, windows that start at, end at or straddle an era boundary
    // (1900, 2036), and pivots that are not a whole number of 2^-32 s.
    Instant ragged = Instant.parse("1999-12-31T23:59:59.999999999Z");
    List<PivotAndInstant> edges =
        List.of(
            new PivotAndInstant(first, first),
            new PivotAndInstant(first, first.plusSeconds(ERA_SECONDS).minusNanos(1)),
            new PivotAndInstant(last, last),
            new PivotAndInstant(last, last.plusSeconds(ERA_SECONDS).minusNanos(1)),
            new PivotAndInstant(ERA_0, ERA_0),
            new PivotAndInstant(ERA_0, ROLLOVER.minusNanos(1)),
            new PivotAndInstant(ERA_0.minusSeconds(1), ERA_0.minusNanos(1)),
            new PivotAndInstant(ERA_0.minusSeconds(1), ERA_0),
            new PivotAndInstant(ROLLOVER, ROLLOVER),
            new PivotAndInstant(ROLLOVER.minusNanos(1), ROLLOVER),
            new PivotAndInstant(ROLLOVER.minusSeconds(ERA_SECONDS / 2), ROLLOVER.minusNanos(1)),
            new PivotAndInstant(ROLLOVER.minusSeconds(ERA_SECONDS / 2), ROLLOVER),
            new PivotAndInstant(ragged, ragged),
            new PivotAndInstant(ragged, ragged.plusNanos(1)),
            new PivotAndInstant(ragged, ragged.plusSeconds(ERA_SECONDS).minusNanos(1)));
    return Generated.cases(
        edges,
        g -> {
          Instant pivot =
              Instant.ofEpochSecond(
                  g.longs(first.getEpochSecond(), last.getEpochSecond()), g.ints(0, 999_999_999));
          return new PivotAndInstant(pivot, inWindow(g, pivot));
        });
  }

  record BitsAndPivot(long bits, long pivotSecond, int pivotNano) {

    @Override
    public String toString() {
      return new NtpTimestamp(bits)
          + " with pivot "
          + Instant.ofEpochSecond(pivotSecond, pivotNano);
    }
  }

  @Generated.Property
  @MethodSource("bitsAndPivot")
  void everyTimestampComesBackFromItsInstantToTheNanosecondWhateverThePivot(BitsAndPivot c) {
    long bits = c.bits();
    Instant pivot = Instant.ofEpochSecond(c.pivotSecond(), c.pivotNano());
    Instant instant = new NtpTimestamp(bits).toInstant(pivot);
    // An Instant keeps nanoseconds, a timestamp quarter-nanoseconds: back within 2 units of 2^-32
    // s.
    long error = NtpTimestamp.from(instant).bits() - bits;
    assertTrue(
        Math.abs(error) <= 2, () -> new NtpTimestamp(bits) + " came back " + error + " units off");
    // The instant lies in the pivot's window, give or take rounding: the pivot's own to 2^-32 s
    // at the start, and the instant's to the nanosecond at the end (the window's last 2^-32 s,
    // 7fffffff.ffffffff with the default pivot, is nearest the window's end itself).
    assertTrue(
        !instant.isBefore(pivot.minusNanos(1)) && !instant.isAfter(pivot.plusSeconds(ERA_SECONDS)),
        () -> instant + " outside the window of " + pivot);
  }

  static Stream<Named<BitsAndPivot>> bitsAndPivot() {
    long range = 20_000_000_000L;
    // Every combination of: zero, one unit, the last fraction of second 0, the sign bit either
    // side, all ones; the ends of the pivot range, 1970, 1968 and the 2036 rollover; whole and
    // ragged pivots.
    List<BitsAndPivot> edges =
        Generated.combinations(
                new long[] {0, 1, 0xffff_ffffL, Long.MAX_VALUE, Long.MIN_VALUE, -1},
                new long[] {
                  -range,
                  0,
                  NtpTimestamp.DEFAULT_PIVOT.getEpochSecond(),
                  ROLLOVER.getEpochSecond(),
                  range
                },
                new long[] {0, 999_999_999})
            .stream()
            .map(v -> new BitsAndPivot(v[0], v[1], (int) v[2]))
            .toList();
    return Generated.cases(
        edges, g -> new BitsAndPivot(g.anyLong(), g.longs(-range, range), g.ints(0, 999_999_999)));
  }
}
