package org.ntplab.grading;

import static org.ntplab.grading.MistakesTest.row;

import java.util.Comparator;
import java.util.List;
import org.ntplab.lab.Endpoint;
import org.ntplab.lab.EndpointType;
import org.ntplab.lab.Intersection;
import org.ntplab.lab.Interval;
import org.ntplab.lab.Truechimer;

/** {@link MistakesTest}'s rows for labs 12 and 13: the selection, cluster and combine. */
final class MitigationMistakes {

  private MitigationMistakes() {}

  static List<MistakesTest.Mistake<?>> rows() {
    Lab selection = Lab.of(12);
    Lab cluster = Lab.of(13);
    return List.of(
        row(
            "the endpoints left as made: server by server, each LOW, MID, HIGH",
            selection,
            "sort-by-edge",
            new SelectionStudents.Selection() {
              @Override
              protected Comparator<Endpoint> order() {
                return Comparator.comparingInt(Endpoint::server).thenComparing(Endpoint::type);
              }
            },
            "1. the endpoints, sorted",
            "field endpoints: endpoints(List.of(new Interval("),
        row(
            "midpoints sorted after highpoints at equal edges",
            selection,
            "ties-low-mid-high",
            new SelectionStudents.Selection() {
              @Override
              protected Comparator<Endpoint> order() {
                List<EndpointType> wrong =
                    List.of(EndpointType.LOW, EndpointType.HIGH, EndpointType.MID);
                return Comparator.comparingDouble(Endpoint::edge)
                    .thenComparing(e -> wrong.indexOf(e.type()));
              }
            },
            "1. the endpoints, sorted",
            "expected Endpoint[server="),
        row(
            "the intersection counting endpoints the wrong way round: up at highpoints going up",
            selection,
            "count-endpoints",
            new SelectionStudents.Selection() {
              @Override
              protected int step(Endpoint e, EndpointType opening) {
                return -super.step(e, opening);
              }
            },
            "2. the intersection",
            "field intersection: intersection(List.of(new Interval("),
        row(
            "the majority rule with ≥: f up to m / 2 (2f ≤ m)",
            selection,
            "majority",
            new SelectionStudents.Selection() {
              @Override
              protected boolean majority(int f, int m) {
                return 2 * f <= m;
              }
            },
            "2. the intersection",
            "expected Optional.empty"),
        row(
            "the midpoints outside [l, u] never counted",
            selection,
            "midpoints-outside",
            new SelectionStudents.Selection() {
              @Override
              protected boolean enough(int d, int f) {
                return true;
              }
            },
            "2. the intersection",
            "expected Optional[Intersection[low="),
        row(
            "truechimers by interval overlap instead of midpoint",
            selection,
            "truechimer-midpoint",
            new SelectionStudents.Selection() {
              @Override
              protected boolean truechimer(Interval v, Intersection x) {
                return v.offset() - v.rootDistance() <= x.high()
                    && v.offset() + v.rootDistance() >= x.low();
              }
            },
            "3. the falsetickers",
            "field falsetickers: falsetickers(List.of(new Interval("),
        row(
            "nobody a falseticker when no majority agrees",
            selection,
            "no-majority-all-false",
            new SelectionStudents.Selection() {
              @Override
              protected boolean liarWithoutMajority() {
                return false;
              }
            },
            "3. the falsetickers",
            "got []"),
        row(
            "survivors ranked by root distance alone, the stratum forgotten",
            cluster,
            "merit-order",
            new ClusterCombineStudents.ClusterCombine() {
              @Override
              protected double rank(Truechimer t) {
                return t.rootDistance();
              }
            },
            "2. cluster: the survivors, ranked",
            "field survivors: cluster(List.of(new Truechimer("),
        row(
            "the selection jitter divided by n, not n − 1",
            cluster,
            "selection-jitter",
            new ClusterCombineStudents.ClusterCombine() {
              @Override
              protected double selectionJitter(List<Truechimer> all, List<Integer> list, int s) {
                double psi = super.selectionJitter(all, list, s);
                return psi * Math.sqrt((list.size() - 1) / (double) list.size());
              }
            },
            "3. cluster: the selection jitter",
            "field selection jitter: cluster("),
        row(
            "the cluster discarding the smallest selection jitter",
            cluster,
            "discard-largest",
            new ClusterCombineStudents.ClusterCombine() {
              @Override
              protected int worst(double[] psi) {
                int best = 0;
                for (int k = 0; k < psi.length; k++) {
                  best = psi[k] < psi[best] ? k : best;
                }
                return best;
              }
            },
            "1. cluster: the outliers, round by round",
            "field discarded: cluster("),
        row(
            "the cluster stopping below NMIN: n < 3, one discard too many",
            cluster,
            "stop-at-nmin",
            new ClusterCombineStudents.ClusterCombine() {
              @Override
              protected boolean stopBySize(int n) {
                return n < NMIN;
              }
            },
            "1. cluster: the outliers, round by round",
            "field discarded: cluster("),
        row(
            "the cluster never stopping for the peer jitter",
            cluster,
            "stop-below-peer-jitter",
            new ClusterCombineStudents.ClusterCombine() {
              @Override
              protected boolean stopByJitter(double maxSelectionJitter, double minPeerJitter) {
                return false;
              }
            },
            "1. cluster: the outliers, round by round",
            "every peer jitter 1 s"),
        row(
            "combine weighting by distance instead of its inverse",
            cluster,
            "combine-weights",
            new ClusterCombineStudents.ClusterCombine() {
              @Override
              protected double weight(Truechimer t) {
                return t.rootDistance();
              }
            },
            "4. combine: the offset",
            "field combined offset: combinedOffset(List.of(new Truechimer("),
        row(
            "the peer jitter measured from the combined offset, not the system peer's",
            cluster,
            "system-jitter",
            new ClusterCombineStudents.ClusterCombine() {
              @Override
              protected double center(List<Truechimer> survivors) {
                return combinedOffset(survivors);
              }
            },
            "5. combine: the system jitter",
            "field system jitter: systemJitter(List.of(new Truechimer("));
  }
}
