package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NtpTimestampTest {

  // Expected instants computed independently (Python datetime from 1900-01-01 plus seconds).
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "83aa7e80.00000000, 1970-01-01T00:00:00Z",
    "80000000.00000000, 1968-01-20T03:14:08Z",
    "eeacbd2e.61faa000, 2026-11-22T01:00:30.382730484Z",
    "ffffffff.00000000, 2036-02-07T06:28:15Z",
    "00000000.80000000, 2036-02-07T06:28:16.500Z",
    "00000001.00000000, 2036-02-07T06:28:17Z",
    "7fffffff.00000000, 2104-02-26T09:42:23Z",
    "7fffffff.ffffffff, 2104-02-26T09:42:24Z",
  })
  void convertsToInstantInTheRfc4330Window(String hex, String instant) {
    assertEquals(Instant.parse(instant), NtpTimestamp.parse(hex).instant().orElseThrow());
  }

  @Test
  void zeroMeansUnknown() {
    assertEquals(Optional.empty(), NtpTimestamp.ZERO.instant());
    assertTrue(NtpTimestamp.parse("00000000.00000000").isZero());
  }

  @Test
  void zeroIsStillAnInstantWhenAPivotIsGiven() {
    assertEquals(
        Instant.parse("2036-02-07T06:28:16Z"),
        NtpTimestamp.ZERO.toInstant(NtpTimestamp.DEFAULT_PIVOT));
    assertEquals(
        Instant.parse("1900-01-01T00:00:00Z"),
        NtpTimestamp.ZERO.toInstant(Instant.parse("1900-01-01T00:00:00Z")));
  }

  @ParameterizedTest(name = "{0} with pivot {1} -> {2}")
  @CsvSource({
    // The same bits mean different instants in different windows.
    "7fffffff.00000000, 1900-01-01T00:00:00Z, 1968-01-20T03:14:07Z",
    "7fffffff.00000000, 2000-01-01T00:00:00Z, 2104-02-26T09:42:23Z",
    "83aa7e80.00000000, 2100-01-01T00:00:00Z, 2106-02-07T06:28:16Z",
    "00000000.80000000, 1900-01-01T00:00:00Z, 1900-01-01T00:00:00.5Z",
    // The pivot itself is the first instant of its window.
    "e1000000.00000000, 2019-08-15T16:00:00Z, 2019-08-15T16:00:00Z",
    "e0ffffff.00000000, 2019-08-15T16:00:00Z, 2155-09-21T22:28:15Z",
  })
  void convertsAgainstAnyPivot(String hex, String pivot, String instant) {
    assertEquals(Instant.parse(instant), NtpTimestamp.parse(hex).toInstant(Instant.parse(pivot)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1968-01-20T03:14:08Z", "1969-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00.000000001Z",
        "2026-11-22T01:00:44.382316123Z", "2036-02-07T06:28:15.999999999Z",
            "2036-02-07T06:28:16.000000001Z",
        "2104-02-26T09:42:23.123456789Z"
      })
  void roundTripsInstantsToTheNanosecondAcrossEras(String text) {
    Instant instant = Instant.parse(text);
    assertEquals(instant, NtpTimestamp.from(instant).instant().orElseThrow());
  }

  @Test
  void fromInstantDropsTheEra() {
    assertEquals(
        NtpTimestamp.parse("00000001.00000000"),
        NtpTimestamp.from(Instant.parse("2036-02-07T06:28:17Z")));
    assertEquals(NtpTimestamp.parse("83aa7e80.00000000"), NtpTimestamp.from(Instant.EPOCH));
  }

  @Test
  void fromInstantRoundsTheFractionToNearest() {
    // 0.5 s is exactly 2^31; 1 ns is 4.29 units of 2^-32 s, rounded to 4; 0.999999999 s is
    // 4294967291.7 units.
    assertEquals(
        0x80000000L, NtpTimestamp.from(Instant.parse("1970-01-01T00:00:00.5Z")).fraction());
    assertEquals(4, NtpTimestamp.from(Instant.parse("1970-01-01T00:00:00.000000001Z")).fraction());
    assertEquals(
        0xffff_fffcL,
        NtpTimestamp.from(Instant.parse("1970-01-01T00:00:00.999999999Z")).fraction());
  }

  @Test
  void theClassicEpochConstantIsSeventyYearsOfSeconds() {
    assertEquals((70 * 365 + 17) * 86_400L, NtpTimestamp.SECONDS_1900_TO_1970);
    assertEquals(2_208_988_800L, NtpTimestamp.SECONDS_1900_TO_1970);
  }

  @Test
  void printsAndParsesSecondsDotFractionInHex() {
    NtpTimestamp t = NtpTimestamp.of(0xeeacbd2eL, 0x61faa000L);
    assertEquals("eeacbd2e.61faa000", t.toString());
    assertEquals(t, NtpTimestamp.parse("eeacbd2e.61faa000"));
    assertEquals(t, NtpTimestamp.parse("EEACBD2E61FAA000"));
    assertEquals(0xeeacbd2eL, t.seconds());
    assertEquals(0x61faa000L, t.fraction());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "eeacbd2e", "eeacbd2e.61faa00", "eeacbd2e-61faa000", "xxacbd2e.61faa000"})
  void rejectsTextThatIsNotATimestamp(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NtpTimestamp.parse(text));
    assertTrue(e.getMessage().startsWith("not an NTP timestamp"), e.getMessage());
  }

  @Test
  void differencesAreSignedAndWrapAcrossTheEraBoundary() {
    NtpTimestamp lastSecondOfEra0 = NtpTimestamp.parse("ffffffff.00000000");
    NtpTimestamp secondSecondOfEra1 = NtpTimestamp.parse("00000001.00000000");
    assertEquals(2_000_000_000L, secondSecondOfEra1.nanosSince(lastSecondOfEra0));
    assertEquals(-2_000_000_000L, lastSecondOfEra0.nanosSince(secondSecondOfEra1));
  }

  @Test
  void differencesKeepNanoseconds() {
    NtpTimestamp a = NtpTimestamp.from(Instant.parse("2026-11-22T01:00:44.000000001Z"));
    NtpTimestamp b = NtpTimestamp.from(Instant.parse("2026-11-22T01:00:44.000000004Z"));
    assertEquals(3, b.nanosSince(a));
    assertEquals(-3, a.nanosSince(b));
    assertEquals(
        -1_500_000_000L,
        NtpTimestamp.parse("00000001.00000000")
            .nanosSince(NtpTimestamp.parse("00000002.80000000")));
  }

  @Test
  void rejectsOutOfRangeParts() {
    assertThrows(IllegalArgumentException.class, () -> NtpTimestamp.of(1L << 32, 0));
    assertThrows(IllegalArgumentException.class, () -> NtpTimestamp.of(0, -1));
  }
}
