package org.ntplab.text;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Instants in ISO-8601, UTC, written without {@code java.time.format}: initialising its formatters
 * is about 5% of a one-shot {@code inspect} (BENCHMARKS.md, "One query"), and the text is simple.
 */
public final class Instants {

  private Instants() {}

  /** What {@link Instant#toString()} writes: {@code 2024-07-24T18:33:17.276820Z}. */
  public static String iso(Instant instant) {
    LocalDateTime utc = utc(instant);
    if (utc == null) {
      return instant.toString();
    }
    // LocalDateTime leaves out zero seconds ("18:33"), Instant does not ("18:33:00").
    String text = utc.toString();
    return (utc.getSecond() == 0 && utc.getNano() == 0 ? text + ":00" : text) + "Z";
  }

  /** With all nine digits of the fraction: {@code 2024-07-24T18:33:17.276820000Z}. */
  public static String isoNanos(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC) + "T" + timeOfDay(instant) + "Z";
  }

  /** The time of day in UTC with all nine digits of the fraction: {@code 18:33:17.276820000}. */
  public static String timeOfDay(Instant instant) {
    LocalTime time = LocalTime.ofInstant(instant, ZoneOffset.UTC);
    return two(time.getHour())
        + ":"
        + two(time.getMinute())
        + ":"
        + two(time.getSecond())
        + "."
        + Integer.toString(1_000_000_000 + time.getNano()).substring(1);
  }

  /** The date and time in UTC; null for years outside 0000–9999, which are written otherwise. */
  private static LocalDateTime utc(Instant instant) {
    LocalDateTime utc =
        LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    return utc.getYear() < 0 || utc.getYear() > 9999 ? null : utc;
  }

  private static String two(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }
}
