package org.ntplab.grading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ntplab.lab.TimestampLab;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;

/** Lab 1: every timestamp, 16.16 value and log2 exponent in the fixtures, plus the edges. */
final class TimestampExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(
          1,
          "timestamps",
          "Timestamps",
          Lab.Exercises.of(TimestampLab.class, TimestampExercises::of));

  /**
   * A fraction whose nanoseconds end in exactly .5: 2^22 × 10^9 = 2^31 × 1 953 125, an odd number
   * of halves of 2^32, so 2^22 / 2^32 s = 976 562.5 ns.
   */
  static final long HALF_A_NANOSECOND = 1L << 22;

  /** Edges a capture rarely holds: the era boundaries and the ends of the fraction. */
  private static final long[] EDGE_TIMESTAMPS = {
    0x80000000_00000000L,
    0xffffffff_ffffffffL,
    0x00000000_00000000L,
    0x7fffffff_ffffffffL,
    0x00000000_80000000L,
    0xdcf25be6_7e9a9fc9L,
    // Fractions that round up to the next nanosecond (3 is 0.698 ns), one exactly halfway
    // between two (which rounds up), and the largest (999 999 999.77 ns, rounded to a second).
    0x00000000_00000003L,
    HALF_A_NANOSECOND,
    0x00000000_ffffffffL
  };

  private TimestampExercises() {}

  static List<Exercise<TimestampLab>> of(Corpus corpus) {
    Map<String, NtpTimestamp> timestamps = new LinkedHashMap<>();
    Map<String, Long> shorts = new LinkedHashMap<>();
    Map<String, Integer> exponents = new LinkedHashMap<>();
    for (Corpus.TimePacket p : corpus.packets()) {
      var k = p.packet();
      put(timestamps, p.label(), "referenceTime", k.referenceTime());
      put(timestamps, p.label(), "originTime", k.originTime());
      put(timestamps, p.label(), "receiveTime", k.receiveTime());
      put(timestamps, p.label(), "transmitTime", k.transmitTime());
      shorts.put(p.label() + "\0rootDelay", Integer.toUnsignedLong(k.rootDelay().bits()));
      shorts.put(p.label() + "\0rootDispersion", Integer.toUnsignedLong(k.rootDispersion().bits()));
      exponents.put(p.label() + "\0poll", k.poll());
      exponents.put(p.label() + "\0precision", k.precision());
    }
    for (Corpus.Exchange x : corpus.exchanges()) {
      put(timestamps, x.label(), "t1", x.t1());
      put(timestamps, x.label(), "t4", x.t4());
    }
    for (long edge : EDGE_TIMESTAMPS) {
      timestamps.put("edge\0" + new NtpTimestamp(edge), new NtpTimestamp(edge));
    }
    for (long edge : new long[] {0, 1, 0x0000001a, 0x00010000, 0x0000ffff, 0xffffffffL}) {
      shorts.put(String.format("edge\0%08x", edge), edge);
    }
    for (int edge : new int[] {0, 1, -1, -6, -20, -29, -32, 17, 31}) {
      exponents.put("edge\0" + edge, edge);
    }

    List<Case<TimestampLab>> instants = new ArrayList<>();
    List<Case<TimestampLab>> toNanos = new ArrayList<>();
    List<Case<TimestampLab>> toFraction = new ArrayList<>();
    timestamps.forEach(
        (key, t) -> {
          String[] where = key.split("\0");
          long s = t.seconds();
          long f = t.fraction();
          // Era 1 (top bit clear) is where a reading that ignores the era goes wrong.
          instants.add(
              new Case<>(
                  where[0],
                  where[1],
                  String.format("toInstant(0x%08x, 0x%08x)", s, f),
                  t.toInstant(NtpTimestamp.DEFAULT_PIVOT),
                  lab -> lab.toInstant(s, f),
                  Comparison.within(1),
                  s >>> 31 == 0 ? Set.of("epoch-1900", "era-rule") : Set.of("epoch-1900")));
          long nanos = new NtpTimestamp(f).nanosSince(NtpTimestamp.ZERO);
          // Exact: the README asks for the nearest nanosecond, and truncating is off by one on half
          // of them.
          toNanos.add(
              new Case<>(
                  where[0],
                  where[1],
                  String.format("fractionToNanos(0x%08x)", f),
                  nanos,
                  lab -> lab.fractionToNanos(f),
                  Comparison.exact(),
                  Rules.when(roundsUp(f), "fraction-rounded")));
          if (nanos < 1_000_000_000L) {
            long fraction = NtpTimestamp.from(Instant.ofEpochSecond(0, nanos)).fraction();
            toFraction.add(
                new Case<>(
                    where[0],
                    where[1],
                    "nanosToFraction(" + nanos + ")",
                    fraction,
                    lab -> lab.nanosToFraction(nanos),
                    Comparison.within(1),
                    Rules.when(nanos > 0, "nanos-to-fraction")));
          }
        });
    List<Case<TimestampLab>> durations = new ArrayList<>();
    shorts.forEach(
        (key, bits) -> {
          String[] where = key.split("\0");
          durations.add(
              new Case<>(
                  where[0],
                  where.length > 1 && !where[0].equals("edge") ? where[1] : "16.16",
                  String.format("shortToDuration(0x%08x)", bits),
                  new NtpShort((int) (long) bits).toDuration(),
                  lab -> lab.shortToDuration(bits),
                  Comparison.within(1),
                  Rules.when(bits >>> 31 == 1, "short-unsigned")));
        });
    List<Case<TimestampLab>> powers = new ArrayList<>();
    exponents.forEach(
        (key, e) -> {
          String[] where = key.split("\0");
          if (e >= -40 && e <= 40) {
            powers.add(
                new Case<>(
                    where[0],
                    where[0].equals("edge") ? "log2" : where[1],
                    "log2ToDuration(" + e + ")",
                    log2(e),
                    lab -> lab.log2ToDuration(e),
                    Comparison.within(1),
                    Rules.when(e < 0, "log2-negative")));
          }
        });
    return List.of(
        new Exercise<>(LAB, "toInstant (era rule)", 6, instants),
        new Exercise<>(LAB, "fraction to nanoseconds", 4, toNanos),
        new Exercise<>(LAB, "nanoseconds to fraction", 3, toFraction),
        new Exercise<>(LAB, "16.16 to Duration", 4, durations),
        new Exercise<>(LAB, "log2 seconds to Duration", 3, powers));
  }

  private static void put(
      Map<String, NtpTimestamp> into, String label, String field, NtpTimestamp t) {
    if (!t.isZero()) {
      into.put(label + "\0" + field, t);
    }
  }

  /** Whether {@code fraction}'s nanoseconds round up: truncating them is then one short. */
  private static boolean roundsUp(long fraction) {
    return (fraction * 1_000_000_000L & 0xffff_ffffL) >= 1L << 31;
  }

  /** 2^exponent seconds, rounded to the nearest nanosecond. */
  static Duration log2(int exponent) {
    BigDecimal seconds =
        exponent >= 0
            ? BigDecimal.valueOf(2).pow(exponent)
            : BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(-exponent));
    BigDecimal nanos = seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP);
    return Duration.ofNanos(nanos.longValueExact());
  }
}
