package org.ntplab.grading;

/** An exercise and what became of it. */
public record ExerciseResult(Lab lab, String name, int maxPoints, Outcome outcome) {

  public int points() {
    return outcome.passed() ? maxPoints : 0;
  }
}
