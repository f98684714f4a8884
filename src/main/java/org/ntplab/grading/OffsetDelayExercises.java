package org.ntplab.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ntplab.lab.OffsetDelayLab;
import org.ntplab.sync.Sample;
import org.ntplab.wire.NtpTimestamp;

/**
 * Lab 4: offset and delay of every exchange with the client's T1 and T4, and a delay that must not
 * go below 0.
 */
final class OffsetDelayExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(
          4,
          "offset-delay",
          "OffsetDelay",
          Lab.Exercises.of(OffsetDelayLab.class, OffsetDelayExercises::of));

  /** Two correct orders of rounding may each lose half a nanosecond per difference. */
  private static final long TOLERANCE_NANOS = 2;

  /** One millisecond as a 32.32 fixed-point difference. */
  private static final long MILLISECOND = 0x0000_0000_0041_8937L;

  private OffsetDelayExercises() {}

  static List<Exercise<OffsetDelayLab>> of(Corpus corpus) {
    List<Case<OffsetDelayLab>> offsets = new ArrayList<>();
    List<Case<OffsetDelayLab>> delays = new ArrayList<>();
    for (Corpus.Exchange x : corpus.exchanges()) {
      Sample s = Sample.of(x.t1(), x.reply(), x.t4());
      long t1 = s.t1().bits();
      long t2 = s.t2().bits();
      long t3 = s.t3().bits();
      long t4 = s.t4().bits();
      String args = String.format("(0x%016xL, 0x%016xL, 0x%016xL, 0x%016xL)", t1, t2, t3, t4);
      Set<String> offsetRules =
          rules(t1, t2, t3, t4, Math.abs(s.offsetNanos()) > TOLERANCE_NANOS, "offset-formula");
      // The server's time (T3 - T2) must count against the round trip: with T2 = T3, + and - agree.
      Set<String> delayRules =
          rules(t1, t2, t3, t4, t2 != t3 && s.delayNanos() > 0, "delay-formula");
      offsets.add(
          new Case<>(
              x.label(),
              "offset",
              "offsetNanos" + args,
              s.offsetNanos(),
              lab -> lab.offsetNanos(t1, t2, t3, t4),
              Comparison.within(TOLERANCE_NANOS),
              offsetRules));
      delays.add(
          new Case<>(
              x.label(),
              "delay",
              "delayNanos" + args,
              s.delayNanos(),
              lab -> lab.delayNanos(t1, t2, t3, t4),
              Comparison.within(TOLERANCE_NANOS),
              delayRules));
    }
    // No capture has a delay of zero or below (T4 - T1 no more than T3 - T2, a server clock that
    // runs fast while it answers): made from the first exchange by moving T4, its delay then 0.
    corpus.exchanges().stream()
        .filter(x -> !x.label().startsWith("synthetic"))
        .findFirst()
        .ifPresent(
            x -> {
              Sample real = Sample.of(x.t1(), x.reply(), x.t4());
              long t1 = real.t1().bits();
              long t2 = real.t2().bits();
              long t3 = real.t3().bits();
              for (long past : new long[] {0, MILLISECOND, 0x0000_0001_0000_0000L}) {
                long t4 = t1 + (t3 - t2) - past;
                Sample s = new Sample(real.t1(), real.t2(), real.t3(), new NtpTimestamp(t4));
                String label =
                    x.label()
                        + ", T4 moved to "
                        + (past == 0
                            ? "T1 + (T3 - T2): delay exactly 0"
                            : "T1 + (T3 - T2) - "
                                + (past == MILLISECOND ? "1 ms" : "1 s")
                                + ": delay below 0")
                        + " (synthetic)";
                String args =
                    String.format("(0x%016xL, 0x%016xL, 0x%016xL, 0x%016xL)", t1, t2, t3, t4);
                delays.add(
                    new Case<>(
                        label,
                        "delay",
                        "delayNanos" + args,
                        s.delayNanos(),
                        lab -> lab.delayNanos(t1, t2, t3, t4),
                        Comparison.within(TOLERANCE_NANOS),
                        Rules.when(s.rawDelayNanos() < 0, "delay-clamped")));
              }
            });
    return List.of(
        new Exercise<>(LAB, "offset", 12, offsets), new Exercise<>(LAB, "delay", 13, delays));
  }

  /**
   * An exchange's rules: its formula's if {@code formula}, the era's if it crosses one, and
   * nanoseconds always.
   */
  private static Set<String> rules(
      long t1, long t2, long t3, long t4, boolean formula, String formulaRule) {
    return Rules.union(
        Set.of("nanoseconds"),
        Rules.when(formula, formulaRule),
        Rules.when(crossTheWrap(t1, t2, t3, t4), "era-wrapping"));
  }

  /**
   * Whether the era's end falls between the timestamps: some in its last quarter, some in the next
   * era's first.
   */
  private static boolean crossTheWrap(long... timestamps) {
    boolean late = false;
    boolean early = false;
    for (long t : timestamps) {
      late |= t >>> 62 == 3;
      early |= t >>> 62 == 0;
    }
    return late && early;
  }
}
