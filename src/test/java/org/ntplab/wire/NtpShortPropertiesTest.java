package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Properties of NtpShort against Duration: 16.16 seconds keep a duration to half a unit, about 7.6 µs. */
class NtpShortPropertiesTest {

  @Property
  void everyShortComesBackFromItsDuration(@ForAll int bits) {
    assertEquals(new NtpShort(bits), NtpShort.from(new NtpShort(bits).toDuration()));
  }

  @Property
  void durationsComeBackWithinHalfAUnitOf16Dot16(@ForAll("shortDurations") Duration duration) {
    Duration back = NtpShort.from(duration).toDuration();
    // Half of 2^-16 s is 7629.39 ns; toDuration rounds to the nanosecond. Above the top value
    // (65535.99998 s) the nearest is the top value itself.
    Duration top = new NtpShort(0xffff_ffff).toDuration();
    Duration nearest = duration.compareTo(top) > 0 ? top : duration;
    assertTrue(back.minus(nearest).abs().toNanos() <= 7630, () -> duration + " came back as " + back);
  }

  @Provide
  Arbitrary<Duration> shortDurations() {
    long max = (1L << 16) * 1_000_000_000L - 1;
    Arbitrary<Long> anywhere = Arbitraries.longs().between(0, max);
    Arbitrary<Long> nearTheTop = Arbitraries.longs().between(max - 100_000, max);
    return Arbitraries.frequencyOf(Tuple.of(4, anywhere), Tuple.of(1, nearTheTop)).map(Duration::ofNanos);
  }
}
