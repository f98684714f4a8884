package org.ntplab.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntplab.mitigation.Selection.Endpoint;
import org.ntplab.mitigation.Selection.Falseticker;
import org.ntplab.mitigation.Selection.Majority;
import org.ntplab.mitigation.Selection.NoMajority;
import org.ntplab.mitigation.Selection.Type;
import org.ntplab.mitigation.Selection.Why;

/** The selection algorithm (RFC 5905 §11.2.1) on hand-checked tables. */
class SelectionTest {

  private static final double EPS = 1e-12;

  private static CorrectnessInterval at(String name, double offset, double distance) {
    return new CorrectnessInterval(name, offset, distance);
  }

  private static List<String> names(List<CorrectnessInterval> intervals) {
    return intervals.stream().map(CorrectnessInterval::name).toList();
  }

  @Test
  void oneLiarOfFourIsAFalseticker() {
    List<CorrectnessInterval> servers =
        List.of(at("a", 0, 0.1), at("b", 0.05, 0.1), at("c", -0.02, 0.1), at("d", 1.0, 0.1));
    // Sorted: −.12L(c) −.10L(a) −.05L(b) −.02M 0M .05M .08H(c) .10H(a) .15H(b) .9L(d) 1M 1.1H.
    // f = 0: c never reaches 4. f = 1: up, c reaches 3 at −.05: l = −.05, no midpoint passed;
    // down: 1.1H c=1, 1M d=1, .9L c=0, .15H 1, .10H 2, .08H 3: u = .08. d = 1 ≤ f, l < u.
    Majority m = assertInstanceOf(Majority.class, Selection.select(servers));

    assertEquals(-0.05, m.low(), EPS);
    assertEquals(0.08, m.high(), EPS);
    assertEquals(1, m.falsetickers());
    assertEquals(List.of("a", "b", "c"), names(m.truechimers()));
    Falseticker d = assertInstanceOf(Falseticker.class, m.verdicts().get(3));
    assertEquals(Why.OUTSIDE_INTERSECTION, d.why());
  }

  @Test
  void allAgreeingNeedNoFalsetickers() {
    // [−.1, .1], [−.05, .15], [−.08, .12]: l = −.05 (the third lowpoint), u = .1 (the third
    // highpoint from the top), every midpoint inside: f = 0.
    Majority m =
        assertInstanceOf(
            Majority.class,
            Selection.select(List.of(at("a", 0, 0.1), at("b", 0.05, 0.1), at("c", 0.02, 0.1))));

    assertEquals(-0.05, m.low(), EPS);
    assertEquals(0.1, m.high(), EPS);
    assertEquals(0, m.falsetickers());
    assertEquals(3, m.truechimers().size());
  }

  @Test
  void oneServerIsItsOwnMajority() {
    Majority m = assertInstanceOf(Majority.class, Selection.select(List.of(at("a", 0.3, 0.02))));

    assertEquals(0.28, m.low(), EPS);
    assertEquals(0.32, m.high(), EPS);
    assertEquals(List.of("a"), names(m.truechimers()));
  }

  @Test
  void exactlyHalfFalseIsNoMajority() {
    // Two pairs that do not meet: f = 1 needs 3 intervals over one point; f = 2 is not < 4 / 2.
    var result =
        Selection.select(
            List.of(at("a", 0, 0.1), at("b", 0.01, 0.1), at("c", 1, 0.1), at("d", 1.01, 0.1)));

    NoMajority none = assertInstanceOf(NoMajority.class, result);
    assertTrue(
        none.verdicts().stream()
            .allMatch(v -> v instanceof Falseticker f && f.why() == Why.NO_MAJORITY));
    assertTrue(none.truechimers().isEmpty());
  }

  @Test
  void twoServersThatDisagreeAreNoMajority() {
    assertInstanceOf(NoMajority.class, Selection.select(List.of(at("a", 0, 0.1), at("b", 1, 0.1))));
  }

  @Test
  void allFalseIsNoMajority() {
    assertInstanceOf(
        NoMajority.class,
        Selection.select(List.of(at("a", 0, 0.1), at("b", 1, 0.1), at("c", 2, 0.1))));
  }

  @Test
  void noServersIsNoMajority() {
    assertInstanceOf(NoMajority.class, Selection.select(List.of()));
  }

  @Test
  void atEqualEdgesLowpointsComeBeforeMidpointsBeforeHighpoints() {
    // a is [−1, 1], b is [1, 3] and c is a point at 1: three tuples at edge 1.
    List<Endpoint> order =
        Selection.endpoints(List.of(at("a", 0, 1), at("b", 2, 1), at("c", 1, 0)));

    List<Endpoint> atOne = order.stream().filter(e -> e.edge() == 1).toList();
    assertEquals(
        List.of(Type.LOW, Type.LOW, Type.MID, Type.HIGH, Type.HIGH),
        atOne.stream().map(Endpoint::type).toList());
    assertEquals(List.of(1, 2, 2, 0, 2), atOne.stream().map(Endpoint::candidate).toList());
  }

  @Test
  void intervalsThatTouchShareThePointTheyTouchAt() {
    // a [−1, 1], b [0, 2], c [1, 3]: at f = 0 the three meet at 1 only (closed intervals), so the
    // upward scan reaches 3 there, but a's midpoint 0 lies below: d = 1 > 0. At f = 1: l = 0 (b's
    // lowpoint, c = 2), u = 2 (b's highpoint from the top, c = 2), no midpoint outside.
    Majority m =
        assertInstanceOf(
            Majority.class, Selection.select(List.of(at("a", 0, 1), at("b", 1, 1), at("c", 2, 1))));

    assertEquals(0, m.low(), EPS);
    assertEquals(2, m.high(), EPS);
    assertEquals(1, m.falsetickers());
    assertEquals(3, m.truechimers().size());
  }

  @Test
  void aLiarWithinTheOthersBoundsIsNotDetected() {
    // d is 80 ms off, but its interval overlaps the others' intersection and its midpoint is in it.
    Majority m =
        assertInstanceOf(
            Majority.class,
            Selection.select(
                List.of(
                    at("a", 0, 0.1), at("b", 0.01, 0.1), at("c", -0.01, 0.1), at("d", 0.08, 0.1))));

    assertEquals(4, m.truechimers().size());
  }

  @Test
  void aMidpointOutsideTheIntersectionMakesAFalseticker() {
    // Three narrow intervals around 0 and a wide one centred at .5 that covers them: all four
    // meet in [−.01, .01], but d's midpoint is outside it, so f = 0 fails (d = 1); at f = 1 the
    // scans find [−.01, .01] again with d = 1 ≤ 1, and d is the falseticker.
    Majority m =
        assertInstanceOf(
            Majority.class,
            Selection.select(
                List.of(at("a", 0, 0.01), at("b", 0, 0.01), at("c", 0, 0.01), at("d", 0.5, 0.6))));

    assertEquals(1, m.falsetickers());
    assertEquals(List.of("a", "b", "c"), names(m.truechimers()));
  }
}
