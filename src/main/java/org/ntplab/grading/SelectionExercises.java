package org.ntplab.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ntplab.lab.Endpoint;
import org.ntplab.lab.EndpointType;
import org.ntplab.lab.Intersection;
import org.ntplab.lab.Interval;
import org.ntplab.lab.SelectionLab;
import org.ntplab.mitigation.CorrectnessInterval;
import org.ntplab.mitigation.Selection;

/**
 * Lab 12: the selection algorithm on every set of servers the captures give ({@link ServerSets}),
 * and on edges derived from the first: one server, touching intervals, ties at an edge, all false,
 * exactly half false, a liar whose interval reaches into the others'. Each step graded alone.
 */
final class SelectionExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(
          12,
          "selection",
          "Selection",
          Lab.Exercises.of(SelectionLab.class, SelectionExercises::of));

  private SelectionExercises() {}

  static List<Exercise<SelectionLab>> of(Corpus corpus) {
    List<ServerSets.ServerSet> sets = new ArrayList<>(ServerSets.of(corpus));
    sets.addAll(edges(sets));
    List<Case<SelectionLab>> endpoints = new ArrayList<>();
    List<Case<SelectionLab>> intersections = new ArrayList<>();
    List<Case<SelectionLab>> falsetickers = new ArrayList<>();
    for (ServerSets.ServerSet set : sets) {
      List<Interval> input = set.intervals();
      List<Endpoint> sorted = endpoints(set.correctnessIntervals());
      Selection.Result result = Selection.select(set.correctnessIntervals());
      endpoints.add(
          new Case<>(
              set.label(),
              "endpoints",
              set.call("endpoints"),
              sorted,
              lab -> lab.endpoints(List.copyOf(input)),
              SelectionExercises::firstDifference,
              Rules.union(
                  Rules.when(input.size() > 1, "sort-by-edge"),
                  Rules.when(tiesAcrossTypes(sorted), "ties-low-mid-high"))));
      intersections.add(
          new Case<>(
              set.label(),
              "intersection",
              set.call("intersection"),
              intersection(result),
              lab -> lab.intersection(List.copyOf(input)),
              noted(Comparison.exact(), howFound(result, input.size())),
              Rules.union(
                  Rules.when(result instanceof Selection.Majority, "count-endpoints"),
                  Rules.when(
                      input.size() % 2 == 0 && result instanceof Selection.NoMajority, "majority"),
                  Rules.when(
                      !(result instanceof Selection.Majority m) || m.falsetickers() > 0,
                      "midpoints-outside"))));
      falsetickers.add(
          new Case<>(
              set.label(),
              "falsetickers",
              set.call("falsetickers"),
              falsetickers(result),
              lab -> lab.falsetickers(List.copyOf(input)),
              noted(Comparison.exact(), howFound(result, input.size())),
              Rules.union(
                  Rules.when(overlappingLiar(result), "truechimer-midpoint"),
                  Rules.when(result instanceof Selection.NoMajority, "no-majority-all-false"))));
    }
    return List.of(
        new Exercise<>(LAB, "1. the endpoints, sorted", 6, endpoints),
        new Exercise<>(LAB, "2. the intersection", 8, intersections),
        new Exercise<>(LAB, "3. the falsetickers", 6, falsetickers));
  }

  /** The reference's sorted endpoints, as the lab's records. */
  static List<Endpoint> endpoints(List<CorrectnessInterval> intervals) {
    return Selection.endpoints(intervals).stream()
        .map(e -> new Endpoint(e.candidate(), EndpointType.valueOf(e.type().name()), e.edge()))
        .toList();
  }

  static Optional<Intersection> intersection(Selection.Result result) {
    return result instanceof Selection.Majority m
        ? Optional.of(new Intersection(m.low(), m.high()))
        : Optional.empty();
  }

  /** The falsetickers' indexes, in order. */
  static Set<Integer> falsetickers(Selection.Result result) {
    Set<Integer> indexes = new TreeSet<>();
    for (int i = 0; i < result.verdicts().size(); i++) {
      if (result.verdicts().get(i) instanceof Selection.Falseticker) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  /**
   * {@code comparison}, its mismatch followed by {@code note}: what the reference found, and how.
   */
  static Comparison noted(Comparison comparison, String note) {
    return (expected, actual) -> comparison.mismatch(expected, actual).map(m -> m + "; " + note);
  }

  /** How the reference came to its answer: with how many falsetickers allowed, or why none. */
  private static String howFound(Selection.Result result, int m) {
    return result instanceof Selection.Majority found
        ? "the reference found [l, u] with f = "
            + found.falsetickers()
            + " of m = "
            + m
            + " allowed to be false"
        : "no f with 2f < m = " + m + " leaves a majority that agrees";
  }

  /** Whether two endpoints of different types share an edge: where the order at a tie tells. */
  private static boolean tiesAcrossTypes(List<Endpoint> sorted) {
    for (int i = 1; i < sorted.size(); i++) {
      Endpoint a = sorted.get(i - 1);
      Endpoint b = sorted.get(i);
      if (a.edge() == b.edge() && a.type() != b.type()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a falseticker's interval reaches into the intersection though its midpoint is out. */
  private static boolean overlappingLiar(Selection.Result result) {
    if (!(result instanceof Selection.Majority m)) {
      return false;
    }
    return m.verdicts().stream()
        .filter(Selection.Falseticker.class::isInstance)
        .map(Selection.Verdict::interval)
        .anyMatch(c -> c.low() <= m.high() && c.high() >= m.low());
  }

  /** Lists of endpoints: the first position that differs, not two lists of 21 to compare by eye. */
  private static Optional<String> firstDifference(Object expected, Object actual) {
    List<?> e = (List<?>) expected;
    if (!(actual instanceof List<?> a)) {
      return Optional.of("expected " + e.size() + " endpoints, got " + actual);
    }
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      if (!e.get(i).equals(a.get(i))) {
        return Optional.of("at position " + i + ": expected " + e.get(i) + ", got " + a.get(i));
      }
    }
    return e.size() == a.size()
        ? Optional.empty()
        : Optional.of("expected " + e.size() + " endpoints, got " + a.size());
  }

  /**
   * Edges no capture holds, derived from the first set's first server A (θ, λ), rounded to 2^-20 s
   * so that the edges made from it meet exactly.
   */
  private static List<ServerSets.ServerSet> edges(List<ServerSets.ServerSet> real) {
    if (real.isEmpty()) {
      return List.of();
    }
    ServerSets.Server a = real.get(0).servers().get(0);
    double t = ServerSets.exact(a.offset());
    double l = ServerSets.exact(a.rootDistance());
    List<ServerSets.ServerSet> edges = new ArrayList<>();
    edges.add(edge(a, "one server", t, l));
    edges.add(
        edge(a, "two intervals touching, a third across the touch", t, l, t + 2 * l, l, t + l, l));
    edges.add(edge(a, "a midpoint on a highpoint, a lowpoint on a midpoint", t, l, t + l, l, t, l));
    edges.add(edge(a, "all false: three intervals apart", t, l, t + 3 * l, l, t + 6 * l, l));
    edges.add(
        edge(
            a,
            "exactly half false: two pairs apart",
            t,
            l,
            t + l / 2,
            l,
            t + 4 * l,
            l,
            t + 4.5 * l,
            l));
    edges.add(
        edge(
            a,
            "a liar reaching into the others' intervals",
            t,
            l,
            t + l / 4,
            l,
            t - l / 4,
            l,
            t + 1.5 * l,
            l));
    return edges;
  }

  /** A set of servers moved to (θ, λ) pairs, named for {@code from}. */
  private static ServerSets.ServerSet edge(ServerSets.Server from, String what, double... pairs) {
    List<ServerSets.Server> servers = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      servers.add(from.moved(from.name() + " #" + (i / 2), pairs[i], pairs[i + 1]));
    }
    return new ServerSets.ServerSet(from.name() + ", " + what + " (synthetic)", servers);
  }
}
