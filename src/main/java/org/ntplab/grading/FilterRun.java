package org.ntplab.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.ntplab.lab.FilterOutput;
import org.ntplab.lab.FilterSample;
import org.ntplab.lab.PeerFilter;
import org.ntplab.mitigation.ClockFilter;
import org.ntplab.mitigation.Constants;
import org.ntplab.mitigation.PeerSample;
import org.ntplab.sync.Sample;

/**
 * One run of lab 11's filter: the steps fed to a new filter in order (samples, missed polls), the
 * poll exponent, and what the reference {@link ClockFilter} outputs after each step.
 *
 * @param label the series' id, and for a derived run the change, "(synthetic)"
 */
record FilterRun(String label, int pollExponent, List<Step> steps) {

  /**
   * The client's precision, 2^-20 s (about a microsecond, as a PC's clock reads): in each sample's
   * dispersion, and the least jitter.
   */
  static final double PRECISION = 0x1p-20;

  FilterRun {
    steps = List.copyOf(steps);
  }

  /** One call on the filter. */
  sealed interface Step {
    FilterOutput apply(PeerFilter filter);

    ClockFilter.Step reference(ClockFilter filter);

    /** The call as the student's code receives it. */
    String call();
  }

  /** A sample arrives. */
  record Add(FilterSample sample) implements Step {
    @Override
    public FilterOutput apply(PeerFilter filter) {
      return filter.add(sample);
    }

    @Override
    public ClockFilter.Step reference(ClockFilter filter) {
      return filter.add(
          new PeerSample(sample.offset(), sample.delay(), sample.dispersion(), sample.time()),
          sample.time());
    }

    @Override
    public String call() {
      return "add(new FilterSample("
          + sample.offset()
          + ", "
          + sample.delay()
          + ", "
          + sample.dispersion()
          + ", "
          + sample.time()
          + "))";
    }
  }

  /** A poll went unanswered. */
  record Miss(double now) implements Step {
    @Override
    public FilterOutput apply(PeerFilter filter) {
      return filter.miss(now);
    }

    @Override
    public ClockFilter.Step reference(ClockFilter filter) {
      return filter.miss(now);
    }

    @Override
    public String call() {
      return "miss(" + now + ")";
    }
  }

  /**
   * A series as samples: offset and delay from T1..T4, dispersion the server's precision plus ours
   * plus PHI × (T4 − T1), time T4 in seconds since the first T1; the poll exponent the nearest to
   * the median time between requests.
   */
  static FilterRun of(Corpus.Series series) {
    List<Corpus.Exchange> exchanges = series.exchanges();
    var zero = exchanges.get(0).t1();
    List<Step> steps = new ArrayList<>();
    List<Double> gaps = new ArrayList<>();
    for (int i = 0; i < exchanges.size(); i++) {
      Corpus.Exchange x = exchanges.get(i);
      Sample s = Sample.of(x.t1(), x.reply(), x.t4());
      double roundTrip = x.t4().nanosSince(x.t1()) / 1e9;
      double dispersion =
          Math.scalb(1.0, x.reply().precision()) + PRECISION + Constants.PHI * roundTrip;
      steps.add(
          new Add(
              new FilterSample(
                  s.offsetNanos() / 1e9,
                  s.delayNanos() / 1e9,
                  dispersion,
                  x.t4().nanosSince(zero) / 1e9)));
      if (i > 0) {
        gaps.add(x.t1().nanosSince(exchanges.get(i - 1).t1()) / 1e9);
      }
    }
    gaps.sort(null);
    double median = gaps.isEmpty() ? 1 : gaps.get(gaps.size() / 2);
    int poll = (int) Math.max(0, Math.min(17, Math.round(Math.log(median) / Math.log(2))));
    return new FilterRun(series.id(), poll, steps);
  }

  /** This run with each sample changed by {@code change} (its index among the samples, it). */
  FilterRun derived(String change, BiFunction<Integer, FilterSample, FilterSample> how) {
    List<Step> changed = new ArrayList<>();
    int i = 0;
    for (Step step : steps) {
      changed.add(step instanceof Add add ? new Add(how.apply(i++, add.sample())) : step);
    }
    return new FilterRun(label + ", " + change + " (synthetic)", pollExponent, changed);
  }

  /** This run with {@code n} polls missed, evenly spaced, between steps {@code at} − 1 and at. */
  FilterRun withMisses(int at, int n) {
    double from = time(steps.get(at - 1));
    double to = time(steps.get(at));
    List<Step> changed = new ArrayList<>(steps.subList(0, at));
    for (int k = 1; k <= n; k++) {
      changed.add(new Miss(from + (to - from) * k / (n + 1)));
    }
    changed.addAll(steps.subList(at, steps.size()));
    return new FilterRun(
        label + ", " + n + " polls missed before exchange " + (at + 1) + " (synthetic)",
        pollExponent,
        changed);
  }

  /** The first {@code n} steps, then a poll interval apart, eight polls missed: a silent peer. */
  FilterRun silentAfter(int n) {
    List<Step> changed = new ArrayList<>(steps.subList(0, n));
    double last = time(steps.get(n - 1));
    for (int k = 1; k <= Constants.NSTAGE; k++) {
      changed.add(new Miss(last + k * Constants.pollSeconds(pollExponent)));
    }
    return new FilterRun(
        label + ", silent after exchange " + n + " (synthetic)", pollExponent, changed);
  }

  /** This run at another poll exponent. */
  FilterRun withPoll(int exponent) {
    return new FilterRun(label, exponent, steps);
  }

  /** The least delay of the run's samples. */
  double leastDelay() {
    return steps.stream()
        .filter(s -> s instanceof Add)
        .mapToDouble(s -> ((Add) s).sample().delay())
        .min()
        .orElse(0);
  }

  private static double time(Step step) {
    return step instanceof Add add ? add.sample().time() : ((Miss) step).now();
  }

  /** The reference's output after each step. */
  List<FilterOutput> reference() {
    ClockFilter filter = ClockFilter.start(PRECISION, pollExponent);
    List<FilterOutput> outputs = new ArrayList<>();
    for (Step step : steps) {
      ClockFilter.Step next = step.reference(filter);
      filter = next.filter();
      if (next.outcome() instanceof ClockFilter.Update u) {
        var estimate = u.estimate();
        outputs.add(
            new FilterOutput.Update(
                estimate.offset(),
                estimate.delay(),
                estimate.dispersion(),
                estimate.jitter(),
                estimate.time()));
      } else {
        var reason = ((ClockFilter.NoUpdate) next.outcome()).reason();
        outputs.add(new FilterOutput.NoUpdate(FilterOutput.Reason.valueOf(reason.name())));
      }
    }
    return outputs;
  }

  /** The first step whose output differs, with the call and both outputs; empty if none does. */
  static Optional<String> mismatch(
      FilterRun run, List<FilterOutput> expected, Object actual, double tolerance) {
    if (!(actual instanceof List<?> got) || got.size() != expected.size()) {
      return Optional.of(
          "expected "
              + expected.size()
              + " outputs, one per step, got "
              + (actual instanceof List<?> l ? l.size() : "no filter"));
    }
    for (int i = 0; i < expected.size(); i++) {
      FilterOutput e = expected.get(i);
      Object a = got.get(i);
      if (!same(e, a, tolerance)) {
        return Optional.of(
            "step "
                + (i + 1)
                + " of "
                + expected.size()
                + ", "
                + run.steps().get(i).call()
                + ": expected "
                + shown(e)
                + ", got "
                + (a instanceof FilterOutput o ? shown(o) : String.valueOf(a)));
      }
    }
    return Optional.empty();
  }

  private static boolean same(FilterOutput e, Object a, double tolerance) {
    if (e instanceof FilterOutput.Update u && a instanceof FilterOutput.Update v) {
      return Math.abs(u.offset() - v.offset()) <= tolerance
          && Math.abs(u.delay() - v.delay()) <= tolerance
          && Math.abs(u.dispersion() - v.dispersion()) <= tolerance
          && Math.abs(u.jitter() - v.jitter()) <= tolerance
          && Math.abs(u.time() - v.time()) <= tolerance;
    }
    return e.equals(a);
  }

  /** {@code Update(offset 0.000012345 s, ...)} or {@code NoUpdate(NOT_NEWER)}. */
  private static String shown(FilterOutput output) {
    if (output instanceof FilterOutput.Update u) {
      return String.format(
          "Update(offset %.9f s, delay %.9f s, dispersion %.9f s, jitter %.9f s, time %.6f s)",
          u.offset(), u.delay(), u.dispersion(), u.jitter(), u.time());
    }
    return "NoUpdate(" + ((FilterOutput.NoUpdate) output).reason() + ")";
  }
}
