package org.ntplab.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as people type them: plain seconds ({@code 2.5}, {@code -0.75}) or with a unit ({@code
 * 2.5s}, {@code 500ms}, {@code 250us}, {@code 1m}, {@code 1h}), to the nanosecond.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern DURATION =
      Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*(ns|us|µs|ms|s|m|min|h)?");

  @Override
  public Duration convert(String text) {
    return parse(text);
  }

  public static Duration parse(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a duration (examples: 2.5, -0.75, 2.5s, 500ms, 250us, 1m)");
    }
    BigDecimal nanosPerUnit =
        switch (m.group(2) == null ? "s" : m.group(2)) {
          case "ns" -> BigDecimal.ONE;
          case "us", "µs" -> BigDecimal.valueOf(1_000);
          case "ms" -> BigDecimal.valueOf(1_000_000);
          case "m", "min" -> BigDecimal.valueOf(60_000_000_000L);
          case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
          default -> BigDecimal.valueOf(1_000_000_000L);
        };
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPerUnit);
    if (nanos.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new CommandLine.TypeConversionException("'" + text + "' is too long a duration");
    }
    if (nanos.stripTrailingZeros().scale() > 0) {
      throw new CommandLine.TypeConversionException("'" + text + "' is finer than a nanosecond");
    }
    return Duration.ofNanos(nanos.longValueExact());
  }
}
