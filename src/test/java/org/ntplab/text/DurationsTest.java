package org.ntplab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ntplab.wire.NtpShort;

class DurationsTest {

  @Test
  void powersOfTwoSayWhetherTheDecimalIsExact() {
    assertEquals("2^6 s = 64 s", Durations.powerOfTwo(6));
    assertEquals("2^0 s = 1 s", Durations.powerOfTwo(0));
    assertEquals("2^-1 s = 500 ms", Durations.powerOfTwo(-1));
    assertEquals("2^-4 s = 62.5 ms", Durations.powerOfTwo(-4));
    assertEquals("2^-26 s ≈ 14.9 ns", Durations.powerOfTwo(-26));
    assertEquals("2^-20 s ≈ 954 ns", Durations.powerOfTwo(-20));
    assertEquals("2^10 s = 1024 s ≈ 17.1 min", Durations.powerOfTwo(10));
    assertEquals("2^17 s = 131072 s ≈ 36.4 h", Durations.powerOfTwo(17));
    // Clients often send precision 32 (0x20) meaning "not set": it still reads as what it says.
    assertEquals("2^32 s = 4294967296 s ≈ 136 years", Durations.powerOfTwo(32));
    assertEquals("2^-128 s < 1 ps", Durations.powerOfTwo(-128));
  }

  @Test
  void clockDifferencesAlwaysShowTheirSign() {
    assertEquals("+36.5 µs", Durations.signed(Duration.ofNanos(36_481)));
    assertEquals("-12.3 ms", Durations.signed(Duration.ofNanos(-12_345_678)));
    assertEquals("0 s", Durations.signed(Duration.ZERO));
  }

  @Test
  void durationsHaveThreeSignificantDigitsInTheLargestFittingUnit() {
    assertEquals("17.1 ms", Durations.text(new NtpShort(0x045f).seconds()));
    assertEquals("732 µs", Durations.text(new NtpShort(0x0030).seconds()));
    assertEquals("15.3 µs", Durations.text(new NtpShort(1).seconds()));
    assertEquals("0 s", Durations.text(BigDecimal.ZERO));
    assertEquals("36.8 s", Durations.text(new BigDecimal("36.760773")));
    assertEquals("-2.15 µs", Durations.text(new BigDecimal("-0.000002146")));
    assertEquals("1.52 ms", Durations.text(Duration.ofNanos(1_523_456)));
  }
}
