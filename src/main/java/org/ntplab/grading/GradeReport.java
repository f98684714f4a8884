package org.ntplab.grading;

import java.util.List;

/** Every graded exercise, in lab order, and the totals. */
public record GradeReport(List<ExerciseResult> results) {

  public GradeReport {
    results = List.copyOf(results);
  }

  public int score() {
    return results.stream().mapToInt(ExerciseResult::points).sum();
  }

  public int maxScore() {
    return results.stream().mapToInt(ExerciseResult::maxPoints).sum();
  }

  public boolean fullMarks() {
    return score() == maxScore();
  }

  /** One line per outcome: what a student reads first. */
  public static String summary(Outcome outcome) {
    if (outcome instanceof Outcome.Passed p) {
      return "passed on " + p.cases() + (p.cases() == 1 ? " case" : " cases");
    } else if (outcome instanceof Outcome.Failed f) {
      return "wrong on "
          + f.failedCases()
          + " of "
          + f.cases()
          + " cases; first: "
          + f.firstFailure();
    } else if (outcome instanceof Outcome.NotStarted n) {
      return "not started: " + n.message();
    } else if (outcome instanceof Outcome.Errored e) {
      return "error: " + e.message();
    } else if (outcome instanceof Outcome.TimedOut t) {
      return "timed out: " + t.message();
    }
    throw new IllegalArgumentException(String.valueOf(outcome));
  }
}
