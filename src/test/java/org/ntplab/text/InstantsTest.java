package org.ntplab.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Instants writes exactly what java.time.format would, which inspect's golden output relies on. */
class InstantsTest {

  private static final DateTimeFormatter TIME_OF_DAY =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

  @Test
  void isoIsInstantToStringForEveryFractionAndEra() {
    for (Instant instant : instants()) {
      assertEquals(instant.toString(), Instants.iso(instant));
    }
  }

  @Test
  void nineDigitFormsAreThoseOfTheFormatterPattern() {
    for (Instant instant : instants()) {
      assertEquals(TIME_OF_DAY.format(instant), Instants.timeOfDay(instant), instant.toString());
      assertEquals(
          DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(instant)
              + "T"
              + TIME_OF_DAY.format(instant)
              + "Z",
          Instants.isoNanos(instant));
    }
  }

  @Test
  void wholeMinutesKeepTheirSeconds() {
    assertEquals("2024-07-24T18:33:00Z", Instants.iso(Instant.parse("2024-07-24T18:33:00Z")));
    assertEquals("1900-01-01T00:00:00Z", Instants.iso(Instant.parse("1900-01-01T00:00:00Z")));
  }

  /** Edge cases (whole seconds and minutes, each fraction width, outside 0000–9999) and randoms. */
  private static List<Instant> instants() {
    List<Instant> all = new ArrayList<>();
    long[] seconds = {
      0,
      -2_208_988_800L,
      2_085_978_496L,
      59,
      60,
      3600,
      86_399,
      -1,
      253_402_300_799L,
      253_402_300_800L,
      -62_167_219_200L,
      -62_167_219_201L
    };
    int[] nanos = {0, 1, 1_000, 1_000_000, 100_000_000, 999_999_999, 276_820_000, 276_000_000};
    for (long s : seconds) {
      for (int n : nanos) {
        all.add(Instant.ofEpochSecond(s, n));
      }
    }
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 20_000; i++) {
      long s = random.nextLong(-2_208_988_800L, 6_000_000_000L);
      int n =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      all.add(Instant.ofEpochSecond(i % 10 == 0 ? s - s % 60 : s, n));
    }
    return all;
  }
}
