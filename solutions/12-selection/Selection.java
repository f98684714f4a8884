package org.ntplab.labs.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ntplab.lab.Endpoint;
import org.ntplab.lab.EndpointType;
import org.ntplab.lab.Intersection;
import org.ntplab.lab.Interval;
import org.ntplab.lab.SelectionLab;

/** Lab 12, solved: sort the endpoints, scan them from both ends, judge each server by its midpoint. */
public class Selection implements SelectionLab {

  @Override
  public List<Endpoint> endpoints(List<Interval> intervals) {
    List<Endpoint> list = new ArrayList<>();
    for (int i = 0; i < intervals.size(); i++) {
      Interval v = intervals.get(i);
      list.add(new Endpoint(i, EndpointType.LOW, v.offset() - v.rootDistance()));
      list.add(new Endpoint(i, EndpointType.MID, v.offset()));
      list.add(new Endpoint(i, EndpointType.HIGH, v.offset() + v.rootDistance()));
    }
    // Closed intervals: at one edge an interval that begins there must count before one that ends.
    list.sort(
        Comparator.comparingDouble(Endpoint::edge)
            .thenComparing(Endpoint::type)
            .thenComparingInt(Endpoint::server));
    return list;
  }

  @Override
  public Optional<Intersection> intersection(List<Interval> intervals) {
    List<Endpoint> sorted = endpoints(intervals);
    int m = intervals.size();
    List<Endpoint> downward = new ArrayList<>(sorted);
    Collections.reverse(downward);
    for (int f = 0; 2 * f < m; f++) {
      Scan up = scan(sorted, EndpointType.LOW, m - f);
      Scan down = scan(downward, EndpointType.HIGH, m - f);
      boolean reached = up != null && down != null;
      if (reached && up.midpoints() + down.midpoints() <= f && up.edge() < down.edge()) {
        return Optional.of(new Intersection(up.edge(), down.edge()));
      }
    }
    return Optional.empty();
  }

  /** Where a scan reached the count it needed, and how many midpoints it passed on the way. */
  private record Scan(double edge, int midpoints) {}

  /**
   * Walks {@code list}: +1 at each {@code opening} endpoint, -1 at the other end; null if the count
   * never reaches {@code needed}. Upward a lowpoint opens an interval, downward a highpoint does.
   */
  private static Scan scan(List<Endpoint> list, EndpointType opening, int needed) {
    int c = 0;
    int d = 0;
    for (Endpoint e : list) {
      if (e.type() == EndpointType.MID) {
        d++;
        continue; // a midpoint neither opens nor closes, so cannot make c reach needed
      }
      c += e.type() == opening ? 1 : -1;
      if (c >= needed) {
        return new Scan(e.edge(), d);
      }
    }
    return null;
  }

  @Override
  public Set<Integer> falsetickers(List<Interval> intervals) {
    Optional<Intersection> found = intersection(intervals);
    Set<Integer> liars = new TreeSet<>();
    for (int i = 0; i < intervals.size(); i++) {
      double theta = intervals.get(i).offset();
      if (found.isEmpty() || theta < found.get().low() || theta > found.get().high()) {
        liars.add(i);
      }
    }
    return liars;
  }
}
