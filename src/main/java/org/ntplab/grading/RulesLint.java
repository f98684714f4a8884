package org.ntplab.grading;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Does a fixture collection exercise every rule the labs state? Builds each lab's cases over the
 * collection, as grading would, and holds them against the rules of its README ({@link Rules}).
 */
public final class RulesLint {

  private RulesLint() {}

  /** Something the lint found. */
  public sealed interface Finding {

    /** One line for a terminal. */
    String describe();

    /** A stated rule that no case of the collection would catch broken. */
    record Uncovered(Rules.Rule rule) implements Finding {
      @Override
      public String describe() {
        return rule.lab().id()
            + " `"
            + rule.id()
            + "`: no case ("
            + rule.where()
            + ": "
            + rule.text()
            + ")";
      }
    }

    /**
     * A case that names a rule its lab's README does not state: a typo, or a rule the README lost.
     */
    record Unstated(Lab lab, String rule, String exercise, String fixture, Path readme)
        implements Finding {
      @Override
      public String describe() {
        return lab.id()
            + " `"
            + rule
            + "`: named by "
            + exercise
            + (fixture.isEmpty() ? "" : " on " + fixture)
            + ", but "
            + readme
            + " does not state it";
      }
    }

    /** The lab's cases could not be built from this collection at all. */
    record Unbuilt(Lab lab, String why) implements Finding {
      @Override
      public String describe() {
        return lab.id() + ": no cases (" + why + ")";
      }
    }
  }

  /**
   * Every finding for {@code labs} (each lab's README under {@code readmes}) over {@code corpus}.
   */
  public static List<Finding> lint(Path readmes, Corpus corpus, Set<Lab> labs) throws IOException {
    List<Finding> findings = new ArrayList<>();
    for (Lab lab : new TreeSet<>(labs)) {
      findings.addAll(lint(readmes, corpus, lab));
    }
    return findings;
  }

  private record Naming(String exercise, String fixture) {}

  private static List<Finding> lint(Path readmes, Corpus corpus, Lab lab) throws IOException {
    List<Rules.Rule> stated = Rules.stated(readmes, lab);
    Map<String, Naming> named = new LinkedHashMap<>(); // each rule, where it is first named
    try {
      for (Exercise<?> e : Grading.exercises(lab, corpus)) {
        for (Case<?> c : e.cases()) {
          c.rules().forEach(r -> named.putIfAbsent(r, new Naming(e.name(), c.fixture())));
        }
      }
    } catch (RuntimeException e) {
      return List.of(new Finding.Unbuilt(lab, e.getMessage()));
    }
    List<Finding> findings = new ArrayList<>();
    for (Rules.Rule rule : stated) {
      if (!named.containsKey(rule.id())) {
        findings.add(new Finding.Uncovered(rule));
      }
    }
    Set<String> ids = stated.stream().map(Rules.Rule::id).collect(Collectors.toSet());
    named.forEach(
        (rule, where) -> {
          if (!ids.contains(rule)) {
            findings.add(
                new Finding.Unstated(
                    lab, rule, where.exercise(), where.fixture(), Rules.readme(readmes, lab)));
          }
        });
    return findings;
  }
}
