package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NtpShortTest {

  @ParameterizedTest(name = "{0} = {1} s")
  @CsvSource({
    "0000001a, 0.000396728515625",
    "00010000, 1",
    "00008000, 0.5",
    "00000000, 0",
    "27cf0000, 10191",
    "000027cf, 0.1555023193359375",
    "ffffffff, 65535.9999847412109375",
  })
  void decimalSecondsAreExact(String hex, String seconds) {
    NtpShort value = new NtpShort(Integer.parseUnsignedInt(hex, 16));
    assertEquals(
        0,
        new BigDecimal(seconds).compareTo(value.seconds()),
        () -> value.seconds().toPlainString());
  }

  @Test
  void isUnsigned() {
    NtpShort top = new NtpShort(0x8000_0000);
    assertEquals(32768, top.wholeSeconds());
    assertEquals(Duration.ofSeconds(32768), top.toDuration());
  }

  @Test
  void convertsToAndFromDurationsToTheNearestUnit() {
    assertEquals(Duration.ofNanos(396_729), new NtpShort(0x1a).toDuration());
    assertEquals(new NtpShort(0x1a), NtpShort.from(Duration.ofNanos(396_729)));
    assertEquals(new NtpShort(0x0001_8000), NtpShort.from(Duration.ofMillis(1500)));
    assertEquals("0001.8000", new NtpShort(0x0001_8000).toString());
  }

  @Test
  void aDurationJustBelow65536SecondsIsTheTopValueNotZero() {
    // Found by NtpShortPropertiesTest: rounding up carried past 32 bits and wrapped to 0000.0000.
    assertEquals(new NtpShort(0xffff_ffff), NtpShort.from(Duration.ofSeconds(65535, 999_992_371)));
    assertEquals(new NtpShort(0xffff_ffff), NtpShort.from(Duration.ofSeconds(65535, 999_999_999)));
  }

  @Test
  void rejectsDurationsItCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> NtpShort.from(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> NtpShort.from(Duration.ofSeconds(65536)));
  }
}
