package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.ntplab.lab.Endpoint;
import org.ntplab.lab.EndpointType;
import org.ntplab.lab.Intersection;
import org.ntplab.lab.Interval;
import org.ntplab.lab.SelectionLab;
import org.ntplab.mitigation.CorrectnessInterval;

/**
 * Lab 12's hand-written students: a correct one written as a student would, each step a method a
 * mistake overrides, and the classic mistakes.
 */
final class SelectionStudents {

  private SelectionStudents() {}

  /** The selection algorithm step by step; each protected method is one rule of the README. */
  static class Selection implements SelectionLab {

    /** The reference's endpoints, sorted again by {@link #order}. */
    @Override
    public List<Endpoint> endpoints(List<Interval> intervals) {
      List<CorrectnessInterval> reference = new ArrayList<>();
      for (Interval v : intervals) {
        reference.add(new CorrectnessInterval("server", v.offset(), v.rootDistance()));
      }
      List<Endpoint> list = new ArrayList<>(SelectionExercises.endpoints(reference));
      Collections.shuffle(list, new Random(12));
      list.sort(order());
      return list;
    }

    /** By edge; at one edge LOW, MID, HIGH (the enum's order); then by server. */
    protected Comparator<Endpoint> order() {
      return Comparator.comparingDouble(Endpoint::edge)
          .thenComparing(Endpoint::type)
          .thenComparingInt(Endpoint::server);
    }

    @Override
    public Optional<Intersection> intersection(List<Interval> intervals) {
      List<Endpoint> up = endpoints(intervals);
      List<Endpoint> down = new ArrayList<>(up);
      Collections.reverse(down);
      int m = intervals.size();
      for (int f = 0; majority(f, m); f++) {
        int[] d = new int[1];
        Double l = scan(up, EndpointType.LOW, m - f, d);
        Double u = scan(down, EndpointType.HIGH, m - f, d);
        if (l != null && u != null && enough(d[0], f) && l < u) {
          return Optional.of(new Intersection(l, u));
        }
      }
      return Optional.empty();
    }

    /** Whether f falsetickers still leave a majority. */
    protected boolean majority(int f, int m) {
      return 2 * f < m;
    }

    /** Whether the midpoints passed, {@code d}, are few enough for {@code f}. */
    protected boolean enough(int d, int f) {
      return d <= f;
    }

    /** The count's change at {@code e}, in a scan where {@code opening} begins an interval. */
    protected int step(Endpoint e, EndpointType opening) {
      return e.type() == EndpointType.MID ? 0 : e.type() == opening ? 1 : -1;
    }

    private Double scan(List<Endpoint> list, EndpointType opening, int needed, int[] d) {
      int c = 0;
      for (Endpoint e : list) {
        c += step(e, opening);
        if (c >= needed) {
          return e.edge();
        }
        if (e.type() == EndpointType.MID) {
          d[0]++;
        }
      }
      return null;
    }

    @Override
    public Set<Integer> falsetickers(List<Interval> intervals) {
      Optional<Intersection> x = intersection(intervals);
      Set<Integer> liars = new TreeSet<>();
      for (int i = 0; i < intervals.size(); i++) {
        if (x.isEmpty() ? liarWithoutMajority() : !truechimer(intervals.get(i), x.get())) {
          liars.add(i);
        }
      }
      return liars;
    }

    /** Whether a server is a falseticker when no majority agrees. */
    protected boolean liarWithoutMajority() {
      return true;
    }

    protected boolean truechimer(Interval v, Intersection x) {
      return x.low() <= v.offset() && v.offset() <= x.high();
    }
  }
}
