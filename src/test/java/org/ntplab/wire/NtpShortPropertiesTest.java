package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.testing.Generated;

/**
 * Properties of NtpShort against Duration: 16.16 seconds keep a duration to half a unit, about 7.6
 * µs.
 */
class NtpShortPropertiesTest {

  /** 65536 s less 1 ns: the longest duration {@link NtpShort#from} takes. */
  private static final long MAX_NANOS = (1L << 16) * 1_000_000_000L - 1;

  @Generated.Property
  @MethodSource("shorts")
  void everyShortComesBackFromItsDuration(int bits) {
    assertEquals(new NtpShort(bits), NtpShort.from(new NtpShort(bits).toDuration()));
  }

  static Stream<Named<Integer>> shorts() {
    // Zero, the top value, the sign bit, and around a second and half a second.
    List<Integer> edges =
        List.of(
            0,
            1,
            -1,
            0xffff_fffe,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE,
            0x8000,
            0xffff,
            0x1_0000,
            0x1_0001);
    return Generated.cases(edges, Generated.Gen::anyInt);
  }

  @Generated.Property
  @MethodSource("shortDurations")
  void durationsComeBackWithinHalfAUnitOf16Dot16(Duration duration) {
    Duration back = NtpShort.from(duration).toDuration();
    // Half of 2^-16 s is 7629.39 ns; toDuration rounds to the nanosecond. Above the top value
    // (65535.99998 s) the nearest is the top value itself.
    Duration top = new NtpShort(0xffff_ffff).toDuration();
    Duration nearest = duration.compareTo(top) > 0 ? top : duration;
    assertTrue(
        back.minus(nearest).abs().toNanos() <= 7630, () -> duration + " came back as " + back);
  }

  static Stream<Named<Duration>> shortDurations() {
    // Zero; either side of half a unit (7629.39 ns), which rounds up to one unit; the top value
    // (65535.999984741 s) and either side of it; either side of 65536 s less half a unit, where
    // rounding would carry past 32 bits; and the longest duration.
    List<Long> edges =
        List.of(
            0L,
            1L,
            7_629L,
            7_630L,
            15_258L,
            15_259L,
            999_999_999L,
            1_000_000_000L,
            65_535_999_984_741L,
            65_535_999_984_742L,
            65_535_999_992_370L,
            65_535_999_992_371L,
            MAX_NANOS);
    return Generated.cases(
        edges.stream().map(Duration::ofNanos).toList(),
        g ->
            Duration.ofNanos(
                g.weighted(4, 1) == 0
                    ? g.longs(0, MAX_NANOS)
                    : g.longs(MAX_NANOS - 100_000, MAX_NANOS)));
  }
}
