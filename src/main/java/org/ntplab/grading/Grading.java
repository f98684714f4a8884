package org.ntplab.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Grades the student's labs, found on the class path by their conventional class names. */
public final class Grading {

  private Grading() {}

  public static GradeReport run(Set<Lab> labs, Corpus corpus, Duration timeLimit) {
    List<ExerciseResult> results = new ArrayList<>();
    try (Grader grader = new Grader(timeLimit)) {
      for (Lab lab : Lab.values()) {
        if (labs.contains(lab)) {
          results.addAll(grade(grader, lab, lab.exercises(), corpus));
        }
      }
    }
    return new GradeReport(results);
  }

  private static <S> List<ExerciseResult> grade(Grader grader, Lab lab, Lab.Exercises<S> exercises, Corpus corpus) {
    return grader.grade(exercises.of().apply(corpus), exercises.student().apply(lab));
  }
}
