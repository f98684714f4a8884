package org.ntplab.grading;

import java.util.Optional;

/**
 * An exercise and what became of it.
 *
 * @param split for an exercise with cases on hidden fixtures: how it did on the published ones and
 *     on the hidden ones apart, so a report can show the two to different eyes
 */
public record ExerciseResult(
    Lab lab, String name, int maxPoints, Outcome outcome, Optional<Split> split) {

  /**
   * What the exercise's cases on the workbench's fixtures and on the hidden fixtures each came to.
   */
  public record Split(Outcome published, Outcome hidden) {}

  public ExerciseResult(Lab lab, String name, int maxPoints, Outcome outcome) {
    this(lab, name, maxPoints, outcome, Optional.empty());
  }

  public int points() {
    return outcome.passed() ? maxPoints : 0;
  }
}
