package org.ntplab.grading;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** How a student's answer is compared with the reference: empty when they agree, else why not. */
@FunctionalInterface
public interface Comparison {

  Optional<String> mismatch(Object expected, Object actual);

  /** Equal values, each shown by {@code show} (e.g. as hex). */
  static Comparison exact(Function<Object, String> show) {
    return (expected, actual) ->
        Objects.equals(expected, actual)
            ? Optional.empty()
            : Optional.of(
                "expected "
                    + show.apply(expected)
                    + ", got "
                    + (actual == null ? "null" : show.apply(actual)));
  }

  static Comparison exact() {
    return exact(String::valueOf);
  }

  /** Unsigned 64-bit raw timestamps: shown as {@code 0xeeacbd2e_61faa000}. */
  static Comparison timestamp() {
    return exact(
        v ->
            v instanceof Long l
                ? String.format("0x%08x_%08x", l >>> 32, l & 0xffff_ffffL)
                : String.valueOf(v));
  }

  /** Unsigned 32-bit values held in a long: shown as {@code 0x0000001a (26)}. */
  static Comparison word() {
    return exact(v -> v instanceof Long l ? String.format("0x%08x (%d)", l, l) : String.valueOf(v));
  }

  /**
   * Strings, quoted and escaped, so that a trailing NUL or space, or any control character, shows.
   */
  static Comparison text() {
    return exact(v -> v instanceof String s ? quoted(s) : String.valueOf(v));
  }

  /**
   * {@code "GPS\0"}: Java's escapes for NUL, tab and newline, {@code \xNN} for other control
   * characters.
   */
  static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\0' -> out.append("\\0");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default ->
            out.append(
                c < 0x20 || c >= 0x7f && c <= 0x9f
                    ? String.format("\\x%02x", (int) c)
                    : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  /**
   * Longs, Durations or Instants within {@code tolerance} of each other: rounding to the nearest
   * nanosecond or 2^-32 s may differ by one unit between two correct methods.
   */
  static Comparison within(long tolerance) {
    return (expected, actual) -> {
      if (actual == null) {
        return Optional.of("expected " + expected + ", got null");
      }
      if (expected.getClass() != actual.getClass()) {
        return Optional.of(
            "expected "
                + expected
                + ", got "
                + actual
                + " ("
                + actual.getClass().getSimpleName()
                + ")");
      }
      long difference;
      if (expected instanceof Long e) {
        difference = e - (Long) actual;
      } else if (expected instanceof Duration e) {
        difference = safeNanos(e.minus((Duration) actual));
      } else if (expected instanceof Instant e) {
        difference = safeNanos(Duration.between((Instant) actual, e));
      } else {
        throw new IllegalArgumentException("cannot compare " + expected.getClass());
      }
      return Math.abs(difference) <= tolerance
          ? Optional.empty()
          : Optional.of(
              "expected "
                  + expected
                  + ", got "
                  + actual
                  + " (off by "
                  + describe(difference)
                  + ")");
    };
  }

  /** Doubles within {@code tolerance} of each other (what a double can hold of the value). */
  static Comparison close(double tolerance) {
    return (expected, actual) -> {
      if (!(actual instanceof Double a)) {
        return Optional.of("expected " + expected + ", got " + actual);
      }
      double e = (Double) expected;
      double off = Math.abs(e - a);
      return off <= tolerance
          ? Optional.empty()
          : Optional.of(String.format("expected %.7f, got %.7f (off by %.3g)", e, a, off));
    };
  }

  /** Bytes, with the differing ones in {@code [..]} so the eye finds them. */
  static Comparison bytes() {
    return (expected, actual) -> {
      byte[] e = (byte[]) expected;
      byte[] a = (byte[]) actual;
      if (a != null && Arrays.equals(e, a)) {
        return Optional.empty();
      }
      if (a == null) {
        return Optional.of("expected " + e.length + " bytes, got null");
      }
      return Optional.of(ByteDiff.describe(e, a));
    };
  }

  /**
   * A datagram to send or none: {@code Optional<byte[]>} against {@code Optional<byte[]>}, the
   * bytes compared as {@link #bytes()} does, naming the header field of the first difference.
   */
  static Comparison datagram() {
    return (expected, actual) -> {
      Optional<?> e = (Optional<?>) expected;
      if (!(actual instanceof Optional<?> a)) {
        return Optional.of(
            "expected "
                + (e.isEmpty() ? "Optional.empty() (drop)" : "a reply")
                + ", got "
                + actual);
      }
      if (e.isEmpty() || a.isEmpty()) {
        return e.isEmpty() == a.isEmpty()
            ? Optional.empty()
            : Optional.of(
                e.isEmpty()
                    ? "expected no reply (drop), got " + ((byte[]) a.get()).length + " bytes"
                    : "expected a reply of "
                        + ((byte[]) e.get()).length
                        + " bytes, got none (dropped)");
      }
      return packet().mismatch(e.get(), a.get());
    };
  }

  /** NTP packets: {@link #bytes()}, with the first difference named by its header field. */
  static Comparison packet() {
    return (expected, actual) ->
        bytes()
            .mismatch(expected, actual)
            .map(
                diff ->
                    actual == null
                        ? diff
                        : diff.replaceFirst(
                            "offset (\\d+)",
                            "offset $1 ("
                                + ByteDiff.field(
                                    ByteDiff.firstDifference((byte[]) expected, (byte[]) actual))
                                + ")"));
  }

  private static long safeNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
  }

  /**
   * {@code 500000 ns}, {@code 2h0.5s}; a difference of whole eras (give or take a second) says so.
   */
  private static String describe(long nanos) {
    long era = (1L << 32) * 1_000_000_000L; // one NTP era, 2^32 s, in nanoseconds
    long n = Math.abs(nanos);
    if (n >= era - 1_000_000_000L) {
      long eras = Math.round((double) n / era);
      long rest = n - eras * era;
      if (eras > 0 && Math.abs(rest) < 1_000_000_000L) {
        return (eras == 1 ? "one NTP era (2^32 s" : eras + " NTP eras (" + eras + " × 2^32 s")
            + (rest == 0 ? ")" : (rest > 0 ? " and " : " less ") + Math.abs(rest) + " ns)")
            + ": the era rule";
      }
    }
    return n < 1_000_000_000L
        ? n + " ns"
        : Duration.ofNanos(n).toString().substring(2).toLowerCase();
  }
}
