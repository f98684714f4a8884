package org.ntplab.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ntplab.lab.ClockFilterLab;
import org.ntplab.lab.FilterOutput;
import org.ntplab.lab.FilterSample;
import org.ntplab.lab.PeerFilter;
import org.ntplab.mitigation.ClockFilter;
import org.ntplab.mitigation.Constants;

/**
 * Lab 11: the clock filter, fed every series of samples the fixtures hold, one sample at a time,
 * and read after each; and edge cases derived from named series: a popcorn spike, equal delays, a
 * sample of least delay that stays picked, missed polls. The reference is {@link ClockFilter}.
 */
final class ClockFilterExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(
          11,
          "clock-filter",
          "ClockFilter",
          Lab.Exercises.of(ClockFilterLab.class, ClockFilterExercises::of));

  /** Two correct orders of adding the same terms differ by far less than a nanosecond. */
  private static final double TOLERANCE = 1e-9;

  private ClockFilterExercises() {}

  static List<Exercise<ClockFilterLab>> of(Corpus corpus) {
    List<Case<ClockFilterLab>> real = new ArrayList<>();
    for (Corpus.Series s : corpus.series()) {
      real.add(toCase(FilterRun.of(s)));
    }
    List<Case<ClockFilterLab>> spikes = new ArrayList<>();
    List<Case<ClockFilterLab>> ties = new ArrayList<>();
    List<Case<ClockFilterLab>> misses = new ArrayList<>();
    base(corpus, "series-chrony", 2 * Constants.NSTAGE)
        .ifPresent(
            run -> {
              // The jitter the suppressor weighs a jump against includes the pick's own
              // distance from the others, so a lone fast outlier goes through; polled as a
              // burst (samples 2 s apart, poll interval 64 s), the jump back once it has left the
              // register comes within two poll intervals and is the spike.
              int k = 6;
              double least = run.leastDelay();
              spikes.add(
                  toCase(
                      run.derived(
                              "exchange "
                                  + (k + 1)
                                  + " the fastest and 100 ms off, polled as a burst at poll 6",
                              (i, s) -> i == k ? sample(s, s.offset() + 0.1, least / 2) : s)
                          .withPoll(6)));
              misses.add(toCase(run.withMisses(run.steps().size() / 2, 3)));
            });
    base(corpus, "series-ntpsec", 2)
        .ifPresent(
            run -> {
              double delay = ((FilterRun.Add) run.steps().get(0)).sample().delay();
              ties.add(
                  toCase(
                      run.derived(
                          "every delay the first's", (i, s) -> sample(s, s.offset(), delay))));
            });
    base(corpus, "series-openntpd", 3)
        .ifPresent(
            run ->
                ties.add(
                    toCase(
                        run.derived(
                            "exchange 3's delay a tenth of what it was",
                            (i, s) -> i == 2 ? sample(s, s.offset(), s.delay() / 10) : s))));
    base(corpus, "series-serve-loss", Constants.NSTAGE)
        .ifPresent(run -> misses.add(toCase(run.silentAfter(8))));
    return List.of(
        new Exercise<>(LAB, "samples from real servers", 12, real),
        new Exercise<>(LAB, "a popcorn spike", 4, spikes),
        new Exercise<>(LAB, "equal delays, and a least delay that stays", 4, ties),
        new Exercise<>(LAB, "missed polls", 5, misses));
  }

  /**
   * The series whose id starts with {@code id}, as a run; else the first of any; either with at
   * least {@code exchanges}, which the change derived from it needs.
   */
  private static Optional<FilterRun> base(Corpus corpus, String id, int exchanges) {
    List<Corpus.Series> enough =
        corpus.series().stream().filter(s -> s.exchanges().size() >= exchanges).toList();
    return enough.stream()
        .filter(s -> s.id().startsWith(id))
        .findFirst()
        .or(() -> enough.stream().findFirst())
        .map(FilterRun::of);
  }

  private static FilterSample sample(FilterSample s, double offset, double delay) {
    return new FilterSample(offset, delay, s.dispersion(), s.time());
  }

  private static Case<ClockFilterLab> toCase(FilterRun run) {
    List<FilterOutput> expected = run.reference();
    return new Case<>(
        run.label(),
        "outputs",
        "newFilter(" + FilterRun.PRECISION + ", " + run.pollExponent() + "), then each step",
        expected,
        lab -> answers(lab, run),
        (e, a) -> FilterRun.mismatch(run, expected, a, TOLERANCE),
        rules(run, expected));
  }

  /** The student's outputs, one per step; an empty list if no filter came. */
  private static List<FilterOutput> answers(ClockFilterLab lab, FilterRun run) {
    PeerFilter filter = lab.newFilter(FilterRun.PRECISION, run.pollExponent());
    List<FilterOutput> outputs = new ArrayList<>();
    if (filter != null) {
      for (FilterRun.Step step : run.steps()) {
        outputs.add(step.apply(filter));
      }
    }
    return outputs;
  }

  /** The rules a run would catch broken, from what the reference did on it. */
  private static Set<String> rules(FilterRun run, List<FilterOutput> outputs) {
    double latest = Double.NEGATIVE_INFINITY;
    boolean olderPick = false;
    for (int i = 0; i < outputs.size(); i++) {
      if (run.steps().get(i) instanceof FilterRun.Add add) {
        latest = add.sample().time();
      }
      olderPick |= outputs.get(i) instanceof FilterOutput.Update u && u.time() < latest;
    }
    return Rules.union(
        Set.of("dispersion-growth", "dispersion-sum", "jitter-rms"),
        Rules.when(run.steps().size() > Constants.NSTAGE, "shift-register"),
        Rules.when(olderPick, "least-delay"),
        Rules.when(has(outputs, FilterOutput.Reason.NOT_NEWER), "not-older"),
        Rules.when(has(outputs, FilterOutput.Reason.POPCORN_SPIKE), "popcorn-spike"),
        Rules.when(
            run.steps().stream().anyMatch(s -> s instanceof FilterRun.Miss), "empty-stages"));
  }

  private static boolean has(List<FilterOutput> outputs, FilterOutput.Reason reason) {
    return outputs.contains(new FilterOutput.NoUpdate(reason));
  }
}
