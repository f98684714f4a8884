package org.ntplab.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntplab.mitigation.Candidate;
import org.ntplab.mitigation.Combine;
import org.ntplab.mitigation.CorrectnessInterval;
import org.ntplab.mitigation.Discipline;
import org.ntplab.mitigation.Mitigation;
import org.ntplab.mitigation.Mitigation.Tally;
import org.ntplab.mitigation.Selection;

/**
 * The decision over a {@link Survey}, pure: the reachability test (left to the caller by {@link
 * org.ntplab.mitigation.RootDistance}), then {@link Mitigation#run} over the servers that answered,
 * then what the clock {@link Discipline} would do with the combined offset.
 */
public final class Sources {

  private Sources() {}

  /**
   * One server's line: its polling, tally and the reason for it (none for {@code *} and {@code +}),
   * and, if it took part, its correctness interval [θ − λ, θ + λ].
   */
  public record Row(
      Polled peer, Tally tally, Optional<String> why, Optional<CorrectnessInterval> interval) {}

  /** What the servers came to. */
  public sealed interface Decision {
    List<Row> rows();
  }

  /**
   * A majority agreed: the intersection [low, high] found with {@code falsetickers} allowed, the
   * combined offset and jitter, the system peer, and the discipline's action on that offset.
   */
  public record Synchronized(
      List<Row> rows,
      Selection.Majority intersection,
      Combine.Combined combined,
      String systemPeer,
      Discipline.Action action)
      implements Decision {
    public Synchronized {
      rows = List.copyOf(rows);
    }
  }

  /** Nothing to set the clock by, and why. */
  public record Unsynchronized(List<Row> rows, String why) implements Decision {
    public Unsynchronized {
      rows = List.copyOf(rows);
    }
  }

  /** Decides over {@code survey}. */
  public static Decision decide(Survey survey) {
    List<Candidate> candidates = new ArrayList<>();
    for (Polled p : survey.peers()) {
      if (p.reachable()) {
        Claim c = p.claim().orElseThrow();
        candidates.add(
            new Candidate(
                p.name(),
                c.stratum(),
                c.unsynchronized(),
                c.rootDelay(),
                c.rootDispersion(),
                p.estimate().orElseThrow()));
      }
    }
    Mitigation.Result result = Mitigation.run(candidates, survey.now(), survey.pollExponent());
    List<Row> rows = new ArrayList<>();
    int k = 0;
    for (Polled p : survey.peers()) {
      if (!p.reachable()) {
        rows.add(new Row(p, Tally.UNFIT, Optional.of(unreachable(p)), Optional.empty()));
        continue;
      }
      Mitigation.Row r = result.rows().get(k++);
      rows.add(
          new Row(
              p,
              r.tally(),
              r.why(),
              Optional.of(
                  new CorrectnessInterval(p.name(), r.candidate().offset(), r.rootDistance()))));
    }
    if (result instanceof Mitigation.Synchronized s) {
      double theta = s.combined().offset();
      Discipline.Action action =
          Discipline.withFrequency(0, survey.precision()).update(theta, survey.now()).action();
      return new Synchronized(
          rows, s.selection(), s.combined(), s.cluster().systemPeer().name(), action);
    }
    String why =
        candidates.isEmpty() ? "no server answered" : ((Mitigation.Unsynchronized) result).why();
    return new Unsynchronized(rows, why);
  }

  private static String unreachable(Polled p) {
    String last = p.silence().map(s -> " (last: " + s + ")").orElse("");
    return p.estimate().isEmpty()
        ? "never answered" + last
        : "unreachable: no reply to the last "
            + Math.min(p.polls(), Polled.REACH_BITS)
            + " polls"
            + last;
  }
}
