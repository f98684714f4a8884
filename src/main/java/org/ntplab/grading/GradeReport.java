package org.ntplab.grading;

import java.util.List;

/**
 * Every graded exercise, in lab order, and the totals.
 *
 * @param cutByWallClock whether a limit on the wall clock cut the grading short ({@link
 *     Grader#cutByWallClock}): then a grade decided while other work shared the machine may be that
 *     work's doing
 */
public record GradeReport(List<ExerciseResult> results, boolean cutByWallClock) {

  public GradeReport {
    results = List.copyOf(results);
  }

  /** A report no limit on the wall clock cut short, or one read back where that is not kept. */
  public GradeReport(List<ExerciseResult> results) {
    this(results, false);
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
