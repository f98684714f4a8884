package org.ntplab.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntplab.mitigation.Combine.Combined;

/** The cluster (RFC 5905 §11.2.2) and combine (§11.2.3) algorithms on hand-checked tables. */
class ClusterCombineTest {

  private static final double EPS = 1e-9;

  private static Survivor s(String name, double offset, double jitter, int stratum, double lambda) {
    return new Survivor(name, offset, jitter, stratum, lambda);
  }

  private static List<String> names(List<Survivor> list) {
    return list.stream().map(Survivor::name).toList();
  }

  @Test
  void discardsTheOutliersDownToNmin() {
    Cluster.Result r =
        Cluster.of(
            List.of(
                s("a", 0, 0.001, 1, 0.010),
                s("b", 0.001, 0.001, 1, 0.015),
                s("c", -0.001, 0.001, 1, 0.020),
                s("d", 0.002, 0.001, 1, 0.030),
                s("e", 0.050, 0.001, 1, 0.012)));

    // Round 1, n = 5: e's ψ_s = √((.05² + .049² + .051² + .048²) / 4) = √(.009806 / 4) = .049513,
    // the largest, and above the least peer jitter .001: e goes.
    // Round 2, n = 4: c and d both have ψ_s = √((1 + 4 + 9)e-6 / 3) = .0021602; of the two d has
    // the worse merit (λ .030): d goes. n = 3 = NMIN: stop.
    assertEquals(List.of("e", "d"), r.outliers().stream().map(o -> o.survivor().name()).toList());
    assertEquals(0.0495126, r.outliers().get(0).selectionJitter(), 1e-7);
    assertEquals(List.of("a", "b", "c"), names(r.survivors()));
    assertEquals("a", r.systemPeer().name());
    // The last round's largest ψ_s: b and c, √((1 + 4)e-6 / 2) = .0015811.
    assertEquals(0.0015811, r.selectionJitter(), 1e-7);
  }

  @Test
  void stopsWhenDiscardingCannotBeatThePeersOwnJitter() {
    Cluster.Result r =
        Cluster.of(
            List.of(
                s("a", 0, 0.01, 1, 0.1),
                s("b", 0.0001, 0.01, 1, 0.1),
                s("c", 0.0002, 0.01, 1, 0.1),
                s("d", 0.0003, 0.01, 1, 0.1),
                s("e", 0.0004, 0.01, 1, 0.1)));

    // The largest ψ_s (a's or e's, √((1 + 4 + 9 + 16)e-8 / 4) = .000274) is below .01.
    assertEquals(5, r.survivors().size());
    assertEquals(0, r.outliers().size());
  }

  @Test
  void stratumComesBeforeDistanceInTheRanking() {
    Cluster.Result r =
        Cluster.of(List.of(s("near", 0, 0.001, 2, 0.001), s("far", 0.001, 0.001, 1, 0.5)));

    // Merit: near 2 × 1 + .001 = 2.001, far 1 × 1 + .5 = 1.5.
    assertEquals(List.of("far", "near"), names(r.survivors()));
  }

  @Test
  void oneSurvivorIsTheSystemPeer() {
    Cluster.Result r = Cluster.of(List.of(s("a", 0.2, 0.001, 1, 0.05)));

    assertEquals("a", r.systemPeer().name());
    assertEquals(0, r.selectionJitter());
    Combined c = Combine.of(r);
    assertEquals(0.2, c.offset(), EPS);
    assertEquals(0, c.jitter(), EPS);
  }

  @Test
  void combineWeighsByTheInverseOfRootDistance() {
    Cluster.Result r =
        new Cluster.Result(
            List.of(s("a", 0.010, 0.001, 1, 0.1), s("b", 0.020, 0.001, 1, 0.2)), List.of(), 0.003);

    Combined c = Combine.of(r);
    // Weights 1/.1 = 10 and 1/.2 = 5: THETA = (10 × .010 + 5 × .020) / 15 = .0133333 (weighting by
    // λ itself would give (.1 × .010 + .2 × .020) / .3 = .0166667).
    assertEquals(0.0133333333, c.offset(), EPS);
    // PSI_p = √(5 × (.020 − .010)² / 15) = √(3.3333e-5) = .0057735
    assertEquals(0.0057735027, c.peerJitter(), EPS);
    // PSI = √(.003² + .0057735²) = √(4.23333e-5) = .0065064
    assertEquals(0.003, c.selectionJitter(), EPS);
    assertEquals(0.0065064071, c.jitter(), EPS);
  }
}
