package org.ntplab.labs.selection;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ntplab.lab.Endpoint;
import org.ntplab.lab.Intersection;
import org.ntplab.lab.Interval;
import org.ntplab.lab.SelectionLab;

/** Lab 12: the selection algorithm. Read README.md beside this file, then replace each throw. */
public class Selection implements SelectionLab {

  @Override
  public List<Endpoint> endpoints(List<Interval> intervals) {
    throw new UnsupportedOperationException("Lab 12: implement endpoints(intervals): each interval's"
        + " lowpoint θ − λ, midpoint θ and highpoint θ + λ, sorted by edge, at equal edges LOW, MID, HIGH");
  }

  @Override
  public Optional<Intersection> intersection(List<Interval> intervals) {
    throw new UnsupportedOperationException("Lab 12: implement intersection(intervals): scan the sorted"
        + " endpoints up and down for f = 0, 1, ... while 2f < m; [l, u] or empty when no majority agrees");
  }

  @Override
  public Set<Integer> falsetickers(List<Interval> intervals) {
    throw new UnsupportedOperationException("Lab 12: implement falsetickers(intervals): the indexes of the"
        + " servers whose offset is outside the intersection, or of every server when there is none");
  }
}
