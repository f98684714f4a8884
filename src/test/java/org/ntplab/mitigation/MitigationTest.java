package org.ntplab.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntplab.mitigation.Mitigation.Row;
import org.ntplab.mitigation.Mitigation.Synchronized;
import org.ntplab.mitigation.Mitigation.Unsynchronized;

/** The mitigation in one call: tally codes as ntpq prints them. */
class MitigationTest {

  private static Candidate server(String name, int stratum, double offset, double jitter) {
    // λ = max(.005, .010 + .010) / 2 + .001 + .001 + jitter = .012 + jitter at now = t.
    return new Candidate(
        name, stratum, false, 0.010, 0.001, new PeerEstimate(offset, 0.010, 0.001, jitter, 100));
  }

  private static String tallies(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    rows.forEach(r -> b.append(r.tally().code()));
    return b.toString();
  }

  @Test
  void fiveServersOneLiarOneUnfit() {
    List<Candidate> servers =
        List.of(
            server("a", 1, 0.001, 0.001),
            server("b", 2, 0.002, 0.001),
            server("liar", 1, 0.500, 0.001),
            server("c", 2, 0.000, 0.001),
            server("d", 16, 0.001, 0.001),
            server("e", 3, 0.003, 0.001));

    Synchronized s = assertInstanceOf(Synchronized.class, Mitigation.run(servers, 100, 6));

    // a has the best merit (stratum 1): the system peer. The liar is outside the others'
    // intersection. Of the four truechimers, c and e tie for the largest selection jitter,
    // √((.001² + .002² + .003²) / 3) = .0022, above the least peer jitter .001; e, at stratum 3,
    // ranks lower and is discarded, leaving NMIN = 3.
    assertEquals("*+x+ -", tallies(s.rows()));
    assertEquals("a", s.cluster().systemPeer().name());
    assertEquals(1, s.selection().falsetickers());
  }

  @Test
  void exactlyHalfFalseLeavesTheClockAlone() {
    List<Candidate> servers =
        List.of(
            server("a", 1, 0, 0.001),
            server("b", 1, 0.001, 0.001),
            server("c", 1, 1, 0.001),
            server("d", 1, 1.001, 0.001));

    Unsynchronized u = assertInstanceOf(Unsynchronized.class, Mitigation.run(servers, 100, 6));

    assertEquals("xxxx", tallies(u.rows()));
  }

  @Test
  void noFitServerLeavesTheClockAlone() {
    Unsynchronized u =
        assertInstanceOf(
            Unsynchronized.class, Mitigation.run(List.of(server("a", 16, 0, 0.001)), 100, 6));

    assertEquals(" ", tallies(u.rows()));
  }

  @Test
  void twoServersOfOneNameAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Mitigation.run(List.of(server("a", 1, 0, 0.001), server("a", 1, 0, 0.001)), 100, 6));
  }
}
