package org.ntplab.mitigation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The clock filter algorithm (RFC 5905 §10, Appendix A.5.2 {@code clock_filter}): an eight-stage
 * shift register of one peer's samples, and from it the peer's offset, delay, dispersion and
 * jitter. Immutable: {@link #add} gives the next filter and what it produced.
 *
 * <p>Each add shifts the sample in (the oldest falls out), sorts the stages by delay (ties: the
 * newer first) and takes the first, the least-delay sample, as the pick. Its dispersion ε is Σ ε_i
 * / 2^(i+1) over all eight sorted stages, each ε_i grown by PHI × its age; its jitter ψ is the RMS
 * of θ_0 − θ_j over the other valid stages, at least the system precision. The pick is output only
 * if it arrived after the last pick output (a sample is used once, and never one older than the
 * last used), and not if it is a popcorn spike: its offset differs from the last output's by more
 * than SGATE × ψ within two poll intervals of it.
 *
 * <p>Deviations from A.5.2, each a slip of the skeleton or a rule the text states and the skeleton
 * leaves out:
 *
 * <ul>
 *   <li>The register is really sorted by delay (the skeleton only says so in a comment) and shifted
 *       oldest-out (its loop copies stage 0 into every stage).
 *   <li>Weights are 2^(i+1) (its {@code 2 ^ (i + 1)} is C's exclusive or); jitter is divided by n −
 *       1 over the n valid stages as §10 says (it sums all eight and divides by nothing).
 *   <li>Dispersion grows by PHI × the stage's age, capped at MAXDISP (it adds the time since the
 *       last output again at every call); a stage whose dispersion reached MAXDISP counts as empty,
 *       as ntpd counts it.
 *   <li>"Not newer than the last used" holds always, as §10 says; the skeleton lets anything
 *       through until the system is first synchronized, which a filter on its own cannot know.
 *   <li>The spike suppressor starts once the peer's and the pick's dispersions are below MAXDIST
 *       (as ntpd does): the skeleton compares a first sample with an offset of zero and discards
 *       it.
 *   <li>An exit leaves the last output as it was, as §10 says; the skeleton has already overwritten
 *       offset, delay and jitter when it exits.
 * </ul>
 *
 * @param stages the register, newest first, always {@link Constants#NSTAGE} long
 * @param last the last output, if any
 * @param precision the system precision in seconds, the least jitter
 * @param pollExponent the poll exponent, whose interval the spike suppressor's window is counted in
 */
public record ClockFilter(
    List<PeerSample> stages, Optional<PeerEstimate> last, double precision, int pollExponent) {

  public ClockFilter {
    stages = List.copyOf(stages);
    if (stages.size() != Constants.NSTAGE) {
      throw new IllegalArgumentException("a clock filter has " + Constants.NSTAGE + " stages");
    }
    if (!(precision > 0)) {
      throw new IllegalArgumentException("precision must be above zero, not " + precision);
    }
  }

  /** An empty filter: every stage the dummy tuple, nothing output yet. */
  public static ClockFilter start(double precision, int pollExponent) {
    List<PeerSample> dummies = new ArrayList<>();
    for (int i = 0; i < Constants.NSTAGE; i++) {
      dummies.add(PeerSample.dummy(0));
    }
    return new ClockFilter(dummies, Optional.empty(), precision, pollExponent);
  }

  /** What the filter produced from one add. */
  public sealed interface Outcome {}

  /** A new output: the peer's variables are now {@code estimate}. */
  public record Update(PeerEstimate estimate) implements Outcome {}

  /** No new output; the peer's variables stay as they were. */
  public record NoUpdate(Reason reason, String detail) implements Outcome {}

  /** Why an add produced nothing new. */
  public enum Reason {
    /** Every stage is empty. */
    NO_SAMPLE,
    /** The least-delay sample is not newer than the last one used. */
    NOT_NEWER,
    /** The least-delay sample's offset jumped by more than SGATE × jitter: a popcorn spike. */
    POPCORN_SPIKE
  }

  /** The next filter and what it produced. */
  public record Step(ClockFilter filter, Outcome outcome) {}

  /** Shifts {@code sample} in and filters at {@code now} (seconds, the sample's clock). */
  public Step add(PeerSample sample, double now) {
    return shiftIn(sample, now);
  }

  /**
   * Shifts the dummy tuple in: what the poll process does when three polls in a row went unanswered
   * (§10), so that a silent peer's dispersion grows.
   */
  public Step miss(double now) {
    return shiftIn(PeerSample.dummy(now), now);
  }

  private Step shiftIn(PeerSample sample, double now) {
    List<PeerSample> shifted = new ArrayList<>(Constants.NSTAGE);
    shifted.add(sample);
    shifted.addAll(stages.subList(0, Constants.NSTAGE - 1));
    ClockFilter next = new ClockFilter(shifted, last, precision, pollExponent);
    Outcome outcome = next.filter(now);
    if (outcome instanceof Update update) {
      next = new ClockFilter(shifted, Optional.of(update.estimate()), precision, pollExponent);
    }
    return new Step(next, outcome);
  }

  private Outcome filter(double now) {
    // List.sort is stable and the stages are newest first: of equal delays the newer comes first.
    List<PeerSample> sorted = new ArrayList<>(stages);
    sorted.sort(Comparator.comparingDouble(PeerSample::delay));
    List<PeerSample> valid =
        sorted.stream().filter(s -> s.dispersionAt(now) < Constants.MAXDISP).toList();
    if (valid.isEmpty()) {
      return new NoUpdate(Reason.NO_SAMPLE, "every stage of the filter is empty");
    }
    // An aged-out stage counts as empty even where its delay sorts it first.
    PeerSample pick = valid.get(0);
    double dispersion = 0;
    for (int i = 0; i < sorted.size(); i++) {
      dispersion += sorted.get(i).dispersionAt(now) / Math.scalb(1.0, i + 1);
    }
    double jitter = Math.max(precision, rms(pick.offset(), valid));
    if (last.isPresent()) {
      PeerEstimate used = last.get();
      if (pick.time() <= used.time()) {
        return new NoUpdate(
            Reason.NOT_NEWER,
            "the least-delay sample (t="
                + pick.time()
                + ") is not newer than the last used (t="
                + used.time()
                + ")");
      }
      double jump = Math.abs(pick.offset() - used.offset());
      boolean settled =
          dispersion < Constants.MAXDIST && pick.dispersionAt(now) < Constants.MAXDIST;
      boolean soon = pick.time() - used.time() < 2 * Constants.pollSeconds(pollExponent);
      if (settled && soon && jump > Constants.SGATE * jitter) {
        return new NoUpdate(
            Reason.POPCORN_SPIKE,
            "offset jumped "
                + jump
                + " s, more than "
                + Constants.SGATE
                + " × jitter "
                + jitter
                + " s");
      }
    }
    return new Update(
        new PeerEstimate(pick.offset(), pick.delay(), dispersion, jitter, pick.time()));
  }

  /** √(Σ (θ_0 − θ_j)² / (n − 1)) over the valid stages but the first; zero for one stage. */
  private static double rms(double first, List<PeerSample> valid) {
    if (valid.size() < 2) {
      return 0;
    }
    double sum = 0;
    for (PeerSample s : valid.subList(1, valid.size())) {
      sum += (first - s.offset()) * (first - s.offset());
    }
    return Math.sqrt(sum / (valid.size() - 1));
  }
}
