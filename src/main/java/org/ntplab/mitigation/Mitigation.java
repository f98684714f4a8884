package org.ntplab.mitigation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The system process's mitigation in one call (RFC 5905 §11.2, Figure 24): the fitness tests, the
 * {@link Selection}, the {@link Cluster} and {@link Combine}, with each server's tally code as
 * {@code ntpq -p} prints it. The clock {@link Discipline} is the caller's next step.
 */
public final class Mitigation {

  private Mitigation() {}

  /** ntpq's tally codes for the outcome of one server. */
  public enum Tally {
    /** The system peer, the first survivor of the cluster algorithm. */
    SYSTEM_PEER('*'),
    /** A survivor, combined with the system peer. */
    CANDIDATE('+'),
    /** A truechimer the cluster algorithm discarded. */
    OUTLIER('-'),
    /** Cast off by the selection algorithm. */
    FALSETICKER('x'),
    /** Not fit to take part: unsynchronized, stratum 16, or too far. */
    UNFIT(' ');

    private final char code;

    Tally(char code) {
      this.code = code;
    }

    /** The character ntpq prints before the server's name. */
    public char code() {
      return code;
    }
  }

  /** One server's outcome: its root distance λ, tally and, but for survivors, why. */
  public record Row(Candidate candidate, double rootDistance, Tally tally, Optional<String> why) {}

  /** What the mitigation found, a row per candidate in input order. */
  public sealed interface Result {
    List<Row> rows();
  }

  /** A system peer and a combined offset to discipline the clock with. */
  public record Synchronized(
      List<Row> rows,
      Selection.Majority selection,
      Cluster.Result cluster,
      Combine.Combined combined)
      implements Result {
    public Synchronized {
      rows = List.copyOf(rows);
    }
  }

  /** Nothing to discipline the clock with, and why. */
  public record Unsynchronized(List<Row> rows, Optional<Selection.Result> selection, String why)
      implements Result {
    public Unsynchronized {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Mitigates among {@code candidates}, whose names must differ, at {@code now} and poll {@code
   * poll}.
   */
  public static Result run(List<Candidate> candidates, double now, int poll) {
    Set<String> names = new HashSet<>();
    for (Candidate c : candidates) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("two candidates are named " + c.name());
      }
    }
    Row[] rows = new Row[candidates.size()];
    List<Integer> fit = new ArrayList<>();
    List<CorrectnessInterval> intervals = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      double lambda = RootDistance.of(c, now);
      Optional<RootDistance.Unfit> unfit = RootDistance.unfit(c, now, poll);
      if (unfit.isPresent()) {
        rows[i] = new Row(c, lambda, Tally.UNFIT, Optional.of(unfit.get().meaning()));
      } else {
        fit.add(i);
        intervals.add(new CorrectnessInterval(c.name(), c.offset(), lambda));
      }
    }
    Selection.Result selection = Selection.select(intervals);
    List<Survivor> truechimers = new ArrayList<>();
    for (int k = 0; k < fit.size(); k++) {
      int i = fit.get(k);
      Candidate c = candidates.get(i);
      double lambda = intervals.get(k).rootDistance();
      if (selection.verdicts().get(k) instanceof Selection.Falseticker f) {
        rows[i] = new Row(c, lambda, Tally.FALSETICKER, Optional.of(f.why().meaning()));
      } else {
        truechimers.add(new Survivor(c.name(), c.offset(), c.jitter(), c.stratum(), lambda));
      }
    }
    if (!(selection instanceof Selection.Majority majority)
        || truechimers.size() < Constants.CMIN) {
      String why =
          fit.isEmpty()
              ? "no server is fit to synchronize to"
              : "no majority of the servers agrees";
      return new Unsynchronized(List.of(rows), Optional.of(selection), why);
    }
    Cluster.Result cluster = Cluster.of(truechimers);
    for (Cluster.Outlier o : cluster.outliers()) {
      set(
          rows,
          candidates,
          o.survivor(),
          Tally.OUTLIER,
          Optional.of("outlier: selection jitter " + o.selectionJitter() + " s"));
    }
    List<Survivor> survivors = cluster.survivors();
    for (int s = 0; s < survivors.size(); s++) {
      set(
          rows,
          candidates,
          survivors.get(s),
          s == 0 ? Tally.SYSTEM_PEER : Tally.CANDIDATE,
          Optional.empty());
    }
    return new Synchronized(List.of(rows), majority, cluster, Combine.of(cluster));
  }

  private static void set(
      Row[] rows, List<Candidate> candidates, Survivor s, Tally tally, Optional<String> why) {
    for (int i = 0; i < candidates.size(); i++) {
      if (candidates.get(i).name().equals(s.name())) {
        rows[i] = new Row(candidates.get(i), s.rootDistance(), tally, why);
      }
    }
  }
}
