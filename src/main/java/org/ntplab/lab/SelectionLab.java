package org.ntplab.lab;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lab 12: the selection algorithm (RFC 5905 §11.2.1), Marzullo's intersection of correctness
 * intervals as NTP refines it, in three steps each graded alone. Every method gets the same input:
 * the servers' intervals, a server being its index in the list. Implemented by {@code
 * org.ntplab.labs.selection.Selection}.
 */
public interface SelectionLab {

  /**
   * Step 1: the three endpoints of every interval (lowpoint θ − λ, midpoint θ, highpoint θ + λ)
   * sorted by edge; at equal edges lowpoint before midpoint before highpoint, and of one type the
   * lower server index first.
   */
  List<Endpoint> endpoints(List<Interval> intervals);

  /**
   * Step 2: the intersection [l, u] found with the fewest falsetickers f allowed (f = 0, 1, ...
   * while 2f &lt; m), or empty when no majority of the m servers agrees.
   */
  Optional<Intersection> intersection(List<Interval> intervals);

  /**
   * Step 3: the falsetickers, by index: the servers whose offset θ is outside the intersection, or
   * every server when there is none. Empty when all are truechimers.
   */
  Set<Integer> falsetickers(List<Interval> intervals);
}
