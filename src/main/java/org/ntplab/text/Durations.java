package org.ntplab.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Durations as people read them: three significant digits in the largest unit that keeps them at or
 * above 1 ({@code 14.9 ns}, {@code 17.1 ms}, {@code 64 s}, {@code 17.1 min}); a power of two is
 * written {@code 2^6 s = 64 s} when the decimal is exact and {@code 2^-26 s ≈ 14.9 ns} when not.
 */
public final class Durations {

  private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  /**
   * Unit ladder for {@link #text(BigDecimal)}: each unit is used from its size up to the next one.
   */
  private enum Unit {
    PS("ps", new BigDecimal("1E-12")),
    NS("ns", new BigDecimal("1E-9")),
    US("µs", new BigDecimal("1E-6")),
    MS("ms", new BigDecimal("1E-3")),
    S("s", BigDecimal.ONE),
    // Seconds stay seconds up to two minutes: "64 s" reads better than "1.07 min".
    MIN("min", BigDecimal.valueOf(60), BigDecimal.valueOf(120)),
    H("h", BigDecimal.valueOf(3600), BigDecimal.valueOf(7200)),
    D("d", BigDecimal.valueOf(86400), BigDecimal.valueOf(2 * 86400)),
    YEARS(
        "years",
        BigDecimal.valueOf(31_556_952),
        BigDecimal.valueOf(2L * 31_556_952)); // Gregorian year

    final String symbol;
    final BigDecimal seconds;
    final BigDecimal from;

    Unit(String symbol, BigDecimal seconds) {
      this(symbol, seconds, seconds);
    }

    Unit(String symbol, BigDecimal seconds, BigDecimal from) {
      this.symbol = symbol;
      this.seconds = seconds;
      this.from = from;
    }

    static Unit of(BigDecimal magnitude) {
      Unit chosen = PS;
      for (Unit unit : values()) {
        if (magnitude.compareTo(unit.from) >= 0) {
          chosen = unit;
        }
      }
      return chosen;
    }
  }

  private Durations() {}

  /** Three significant digits in a readable unit: {@code 17.1 ms}, {@code 36.8 s}, {@code 0 s}. */
  public static String text(Duration duration) {
    return text(seconds(duration));
  }

  /** {@link #text(Duration)} for exact decimal seconds, such as a 16.16 root delay's. */
  public static String text(BigDecimal seconds) {
    if (seconds.signum() == 0) {
      return "0 s";
    }
    Unit unit = Unit.of(seconds.abs());
    BigDecimal scaled = seconds.divide(unit.seconds, MathContext.DECIMAL64).round(THREE_DIGITS);
    return scaled.stripTrailingZeros().toPlainString() + " " + unit.symbol;
  }

  /**
   * A difference of clocks with its sign always shown: {@code +36.5 µs}, {@code -12.3 ms}, {@code 0
   * s}.
   */
  public static String signed(Duration duration) {
    return (duration.isNegative() || duration.isZero() ? "" : "+") + text(duration);
  }

  /** A duration as exact decimal seconds, to the nanosecond. */
  public static BigDecimal seconds(Duration duration) {
    return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
  }

  /** A power of two seconds, e.g. {@code 2^6 s = 64 s}, {@code 2^-26 s ≈ 14.9 ns}. */
  public static String powerOfTwo(int exponent) {
    BigDecimal seconds =
        exponent >= 0 ? TWO.pow(exponent) : BigDecimal.ONE.divide(TWO.pow(-exponent));
    String power = "2^" + exponent + " s";
    if (exponent <= -40) { // below a picosecond: only a garbage byte gets here
      return power + " < 1 ps";
    }
    if (exponent >= 0) {
      String whole = seconds.toPlainString() + " s";
      return seconds.compareTo(Unit.MIN.from) < 0
          ? power + " = " + whole
          : power + " = " + whole + " " + approximately(seconds);
    }
    return power + " " + approximately(seconds);
  }

  /** {@code = 62.5 ms} when three digits say it all, else {@code ≈ 14.9 ns}. */
  private static String approximately(BigDecimal seconds) {
    Unit unit = Unit.of(seconds.abs());
    BigDecimal exact = seconds.divide(unit.seconds, MathContext.DECIMAL128);
    boolean isExact = exact.compareTo(exact.round(THREE_DIGITS)) == 0;
    return (isExact ? "= " : "≈ ") + text(seconds);
  }
}
