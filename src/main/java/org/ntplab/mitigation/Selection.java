package org.ntplab.mitigation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The selection algorithm (RFC 5905 §11.2.1, the first half of Appendix A.5.5.1 {@code
 * clock_select}): Marzullo's intersection of correctness intervals as NTP refines it, which parts
 * the candidates into truechimers and falsetickers.
 *
 * <p><b>The endpoints.</b> Each interval gives three tuples: its lowpoint θ − λ (type −1), midpoint
 * θ (type 0) and highpoint θ + λ (type +1). They are sorted by edge and, at equal edges, lowpoint
 * before midpoint before highpoint ("order the lowpoint, midpoint, and highpoint ... from lowest to
 * highest", step 2): the intervals are closed, so two that touch share the point they touch at.
 *
 * <p><b>The scans,</b> for f = 0, 1, ... while 2f &lt; m (m candidates, f falsetickers allowed):
 * upward from the lowest edge, c goes up by one at every lowpoint (an interval begins) and down by
 * one at every highpoint (one ends); the first lowpoint at which c reaches m − f is l. Downward
 * from the highest edge, c goes up at every highpoint and down at every lowpoint; the first
 * highpoint at which c reaches m − f is u. Both scans count in d the midpoints they pass before
 * stopping: midpoints outside [l, u]. Counting the other way round (up at highpoints on the way up)
 * finds the gaps between intervals instead of their intersection. Success when d ≤ f and l &lt; u:
 * the truechimers are the candidates whose midpoint θ lies in [l, u], the others falsetickers. If f
 * reaches m / 2 there is no majority clique, and no candidate may be trusted.
 *
 * <p>Deviations from A.5.5.1: the threshold is m − f as step 3 says (the skeleton's {@code n -
 * found} counts tuples and midpoints, and cannot be reached); the loop runs while 2f &lt; m (the
 * skeleton's n counts three tuples per candidate); a scan that never reaches m − f fails that round
 * (the skeleton keeps the previous round's edge); truechimers are chosen by their midpoints alone
 * (the skeleton tests every tuple's edge, adding a candidate up to three times). Success is d ≤ f
 * as in the skeleton ({@code found > allow}), where step 5's prose says d = f: with d &lt; f the
 * prose goes on to larger f, where the wider interval leaves d the same or smaller, never equal to
 * f, and so rejects a clique the skeleton accepts.
 */
public final class Selection {

  private Selection() {}

  /** Which end of a correctness interval a tuple is, with the sign the scans count it by. */
  public enum Type {
    LOW(-1),
    MID(0),
    HIGH(+1);

    private final int sign;

    Type(int sign) {
      this.sign = sign;
    }

    /** −1, 0 or +1, the skeleton's {@code type}. */
    public int sign() {
      return sign;
    }
  }

  /** One tuple (p, type, edge) of the chime list; {@code candidate} indexes the input list. */
  public record Endpoint(int candidate, Type type, double edge) {}

  /**
   * The endpoints of {@code intervals} in scan order: by edge, then lowpoint, midpoint, highpoint.
   */
  public static List<Endpoint> endpoints(List<CorrectnessInterval> intervals) {
    List<Endpoint> list = new ArrayList<>(3 * intervals.size());
    for (int i = 0; i < intervals.size(); i++) {
      CorrectnessInterval c = intervals.get(i);
      list.add(new Endpoint(i, Type.LOW, c.low()));
      list.add(new Endpoint(i, Type.MID, c.offset()));
      list.add(new Endpoint(i, Type.HIGH, c.high()));
    }
    list.sort(
        Comparator.comparingDouble(Endpoint::edge)
            .thenComparing(Endpoint::type)
            .thenComparingInt(Endpoint::candidate));
    return list;
  }

  /** A candidate's part in the outcome. */
  public sealed interface Verdict {
    CorrectnessInterval interval();
  }

  /** Its midpoint lies in the intersection: presumed correct. */
  public record Truechimer(CorrectnessInterval interval) implements Verdict {}

  /** Not presumed correct, and why. */
  public record Falseticker(CorrectnessInterval interval, Why why) implements Verdict {}

  /** Why a candidate is a falseticker. */
  public enum Why {
    /** A majority agrees on an intersection, and this candidate's offset is outside it. */
    OUTSIDE_INTERSECTION("its offset is outside the intersection of the majority"),
    /** No intersection is shared by more than half of the candidates: none can be trusted. */
    NO_MAJORITY("no majority of the servers agrees");

    private final String meaning;

    Why(String meaning) {
      this.meaning = meaning;
    }

    /** One line for a person. */
    public String meaning() {
      return meaning;
    }
  }

  /** What the selection found, a verdict for each candidate in input order. */
  public sealed interface Result {
    List<Verdict> verdicts();

    /** The truechimers, in input order. */
    default List<CorrectnessInterval> truechimers() {
      return verdicts().stream()
          .filter(Truechimer.class::isInstance)
          .map(Verdict::interval)
          .toList();
    }
  }

  /** A majority clique: the intersection [low, high], found with {@code falsetickers} allowed. */
  public record Majority(double low, double high, int falsetickers, List<Verdict> verdicts)
      implements Result {
    public Majority {
      verdicts = List.copyOf(verdicts);
    }
  }

  /** No majority clique (or no candidates): every candidate is a falseticker. */
  public record NoMajority(List<Verdict> verdicts) implements Result {
    public NoMajority {
      verdicts = List.copyOf(verdicts);
    }
  }

  /** Selects among {@code intervals}. */
  public static Result select(List<CorrectnessInterval> intervals) {
    List<Endpoint> chime = endpoints(intervals);
    int m = intervals.size();
    for (int f = 0; 2 * f < m; f++) {
      Scan up = scan(chime, m - f, false);
      Scan down = scan(chime, m - f, true);
      if (!up.reached() || !down.reached() || up.midpoints() + down.midpoints() > f) {
        continue;
      }
      if (up.edge() < down.edge()) {
        return majority(intervals, up.edge(), down.edge(), f);
      }
    }
    List<Verdict> none = new ArrayList<>();
    for (CorrectnessInterval c : intervals) {
      none.add(new Falseticker(c, Why.NO_MAJORITY));
    }
    return new NoMajority(none);
  }

  /** Where a scan stopped and how many midpoints it passed; not {@code reached}: it never did. */
  private record Scan(boolean reached, double edge, int midpoints) {}

  private static Scan scan(List<Endpoint> chime, int needed, boolean downward) {
    int c = 0;
    int d = 0;
    for (int k = 0; k < chime.size(); k++) {
      Endpoint e = chime.get(downward ? chime.size() - 1 - k : k);
      // Upward a lowpoint (−1) opens an interval; downward a highpoint (+1) does.
      c += downward ? e.type().sign() : -e.type().sign();
      if (c >= needed) {
        return new Scan(true, e.edge(), d);
      }
      if (e.type() == Type.MID) {
        d++;
      }
    }
    return new Scan(false, Double.NaN, d);
  }

  private static Majority majority(
      List<CorrectnessInterval> intervals, double low, double high, int f) {
    List<Verdict> verdicts = new ArrayList<>();
    for (CorrectnessInterval c : intervals) {
      boolean inside = low <= c.offset() && c.offset() <= high;
      verdicts.add(inside ? new Truechimer(c) : new Falseticker(c, Why.OUTSIDE_INTERSECTION));
    }
    return new Majority(low, high, f, verdicts);
  }
}
