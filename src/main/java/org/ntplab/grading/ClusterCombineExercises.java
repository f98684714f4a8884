package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.ntplab.lab.ClusterCombineLab;
import org.ntplab.lab.Clustered;
import org.ntplab.lab.Truechimer;
import org.ntplab.mitigation.Cluster;
import org.ntplab.mitigation.Combine;
import org.ntplab.mitigation.Constants;
import org.ntplab.mitigation.Selection;
import org.ntplab.mitigation.Survivor;

/**
 * Lab 13: the cluster and combine algorithms on the truechimers of every set of servers the
 * captures give ({@link ServerSets}) where the selection finds a majority, and on edges derived
 * from the first: one truechimer, peer jitters above the spread, equal selection jitters. The
 * cluster's three results are graded apart, and combine on the reference's survivors, so that each
 * step earns its points alone.
 */
final class ClusterCombineExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(
          13,
          "cluster-combine",
          "ClusterCombine",
          Lab.Exercises.of(ClusterCombineLab.class, ClusterCombineExercises::of));

  /** Two correct orders of summing differ in the last bits, far below a nanosecond. */
  private static final double TOLERANCE = 1e-12;

  private ClusterCombineExercises() {}

  static List<Exercise<ClusterCombineLab>> of(Corpus corpus) {
    List<ServerSets.ServerSet> sets = new ArrayList<>();
    for (ServerSets.ServerSet set : ServerSets.of(corpus)) {
      Selection.Result result = Selection.select(set.correctnessIntervals());
      List<ServerSets.Server> truechimers = new ArrayList<>();
      for (int i = 0; i < set.servers().size(); i++) {
        if (result.verdicts().get(i) instanceof Selection.Truechimer) {
          truechimers.add(set.servers().get(i));
        }
      }
      if (!truechimers.isEmpty()) {
        sets.add(new ServerSets.ServerSet(set.label(), truechimers));
      }
    }
    sets.addAll(edges(sets));
    List<Case<ClusterCombineLab>> discards = new ArrayList<>();
    List<Case<ClusterCombineLab>> ranks = new ArrayList<>();
    List<Case<ClusterCombineLab>> jitters = new ArrayList<>();
    List<Case<ClusterCombineLab>> offsets = new ArrayList<>();
    List<Case<ClusterCombineLab>> systemJitters = new ArrayList<>();
    for (ServerSets.ServerSet set : sets) {
      List<Survivor> survivors = set.servers().stream().map(ServerSets.Server::survivor).toList();
      List<Truechimer> input = set.servers().stream().map(ServerSets.Server::truechimer).toList();
      Cluster.Result cluster = Cluster.of(survivors);
      Clustered expected =
          new Clustered(
              indexes(survivors, cluster.survivors()),
              indexes(
                  survivors, cluster.outliers().stream().map(Cluster.Outlier::survivor).toList()),
              cluster.selectionJitter());
      String call = calls(set, "cluster");
      int n = survivors.size();
      boolean byJitter = cluster.selectionJitter() < minJitter(cluster.survivors());
      discards.add(
          clusterCase(
              set,
              "discarded",
              call + ".discarded()",
              expected.discarded(),
              input,
              Clustered::discarded,
              SelectionExercises.noted(Comparison.exact(), rounds(cluster)),
              Rules.union(
                  Rules.when(!expected.discarded().isEmpty(), "discard-largest"),
                  Rules.when(n > Constants.NMIN && !byJitter, "stop-at-nmin"),
                  Rules.when(n > Constants.NMIN && byJitter, "stop-below-peer-jitter"))));
      ranks.add(
          clusterCase(
              set,
              "survivors",
              call + ".survivors()",
              expected.survivors(),
              input,
              Clustered::survivors,
              Comparison.exact(),
              Rules.when(meritIsNotDistance(cluster.survivors()), "merit-order")));
      jitters.add(
          clusterCase(
              set,
              "selection jitter",
              call + ".selectionJitter()",
              expected.selectionJitter(),
              input,
              Clustered::selectionJitter,
              Comparison.close(TOLERANCE),
              Rules.when(cluster.survivors().size() > 1, "selection-jitter")));
      Combine.Combined combined = Combine.of(cluster);
      List<Truechimer> ranked =
          cluster.survivors().stream().map(s -> input.get(survivors.indexOf(s))).toList();
      boolean several = ranked.size() > 1;
      offsets.add(
          new Case<>(
              set.label(),
              "combined offset",
              "combinedOffset(" + truechimers(ranked) + ")",
              combined.offset(),
              lab -> lab.combinedOffset(ranked),
              SelectionExercises.noted(Comparison.close(TOLERANCE), weights(ranked)),
              Rules.when(several && distancesDiffer(ranked), "combine-weights")));
      double psiS = cluster.selectionJitter();
      systemJitters.add(
          new Case<>(
              set.label(),
              "system jitter",
              "systemJitter(" + truechimers(ranked) + ", " + psiS + ")",
              combined.jitter(),
              lab -> lab.systemJitter(ranked, psiS),
              Comparison.close(TOLERANCE),
              Rules.when(several, "system-jitter")));
    }
    return List.of(
        new Exercise<>(LAB, "1. cluster: the outliers, round by round", 5, discards),
        new Exercise<>(LAB, "2. cluster: the survivors, ranked", 4, ranks),
        new Exercise<>(LAB, "3. cluster: the selection jitter", 3, jitters),
        new Exercise<>(LAB, "4. combine: the offset", 5, offsets),
        new Exercise<>(LAB, "5. combine: the system jitter", 3, systemJitters));
  }

  private static Case<ClusterCombineLab> clusterCase(
      ServerSets.ServerSet set,
      String field,
      String call,
      Object expected,
      List<Truechimer> input,
      Function<Clustered, ?> part,
      Comparison comparison,
      java.util.Set<String> rules) {
    return new Case<>(
        set.label(),
        field,
        call,
        expected,
        lab -> {
          Clustered c = lab.cluster(input);
          return c == null ? null : part.apply(c);
        },
        comparison,
        rules);
  }

  /** The outliers' selection jitters, round by round, and the stop's. */
  private static String rounds(Cluster.Result cluster) {
    List<String> psi =
        cluster.outliers().stream().map(o -> String.valueOf(o.selectionJitter())).toList();
    return "largest ψ_s of each round that discarded: "
        + psi
        + ", then "
        + cluster.selectionJitter()
        + " against the smallest peer jitter "
        + minJitter(cluster.survivors())
        + " with "
        + cluster.survivors().size()
        + " left";
  }

  /** The weights 1/λ, in the survivors' order. */
  private static String weights(List<Truechimer> ranked) {
    return "the weights 1/λ are "
        + ranked.stream().map(t -> String.format("%.3f", 1 / t.rootDistance())).toList();
  }

  /** Where each of {@code some} is in {@code all}. */
  private static List<Integer> indexes(List<Survivor> all, List<Survivor> some) {
    return some.stream().map(all::indexOf).toList();
  }

  private static double minJitter(List<Survivor> survivors) {
    return survivors.stream().mapToDouble(Survivor::jitter).min().orElse(0);
  }

  /** Whether ranking by λ alone would put the survivors in another order than merit does. */
  private static boolean meritIsNotDistance(List<Survivor> byMerit) {
    List<Survivor> byDistance = new ArrayList<>(byMerit);
    byDistance.sort(Comparator.comparingDouble(Survivor::rootDistance));
    return !byDistance.equals(byMerit);
  }

  private static boolean distancesDiffer(List<Truechimer> ranked) {
    return ranked.stream().mapToDouble(Truechimer::rootDistance).distinct().count() > 1;
  }

  private static String calls(ServerSets.ServerSet set, String method) {
    return method
        + "("
        + truechimers(set.servers().stream().map(ServerSets.Server::truechimer).toList())
        + ")";
  }

  /**
   * {@code List.of(new Truechimer(θ, λ, ψ, stratum), ...)}: what a student can paste into a test.
   */
  private static String truechimers(List<Truechimer> list) {
    StringBuilder out = new StringBuilder("List.of(");
    for (Truechimer t : list) {
      out.append(out.length() == 8 ? "" : ", ")
          .append(
              "new Truechimer("
                  + t.offset()
                  + ", "
                  + t.rootDistance()
                  + ", "
                  + t.jitter()
                  + ", "
                  + t.stratum()
                  + ")");
    }
    return out.append(")").toString();
  }

  /**
   * Edges no capture holds, derived from the first set with more than NMIN truechimers, its offsets
   * rounded to 2^-20 s so that equal differences are exactly equal.
   */
  private static List<ServerSets.ServerSet> edges(List<ServerSets.ServerSet> real) {
    ServerSets.ServerSet from =
        real.stream().filter(s -> s.servers().size() > Constants.NMIN).findFirst().orElse(null);
    if (from == null) {
      return List.of();
    }
    List<ServerSets.Server> servers = from.servers();
    ServerSets.Server a = servers.get(0);
    List<ServerSets.ServerSet> edges = new ArrayList<>();
    edges.add(new ServerSets.ServerSet(a.name() + ", one truechimer (synthetic)", List.of(a)));
    List<ServerSets.Server> calm = new ArrayList<>();
    for (ServerSets.Server s : servers) {
      calm.add(new ServerSets.Server(s.name(), s.offset(), s.rootDistance(), 1.0, s.stratum()));
    }
    edges.add(
        new ServerSets.ServerSet(
            a.name() + ", every peer jitter 1 s, above the offsets' spread (synthetic)", calm));
    double t = ServerSets.exact(a.offset());
    double d = ServerSets.exact(a.rootDistance() / 8);
    List<ServerSets.Server> even = new ArrayList<>();
    double[] moves = {-d, 0, 0, d};
    for (int i = 0; i < moves.length; i++) {
      ServerSets.Server s = servers.get(i % servers.size());
      even.add(s.moved(s.name() + " #" + i, t + moves[i], s.rootDistance()));
    }
    edges.add(
        new ServerSets.ServerSet(
            a.name() + ", offsets θ − d, θ, θ, θ + d: two equal selection jitters (synthetic)",
            even));
    return edges;
  }
}
