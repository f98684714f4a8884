package org.ntplab.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Grades the student's labs, found on the class path by their conventional class names, in this
 * JVM. {@link ForkedGrading} runs this in a child JVM, so that student code cannot end the run.
 */
public final class Grading {

  private Grading() {}

  public static GradeReport run(Set<Lab> labs, Corpus corpus, Duration timeLimit) {
    List<ExerciseResult> results = new ArrayList<>();
    try (Grader grader = new Grader(timeLimit)) {
      for (Lab lab : Lab.values()) {
        if (labs.contains(lab)) {
          results.addAll(grade(grader, lab, corpus, name -> true, Grader.Listener.NONE));
        }
      }
    }
    return new GradeReport(results);
  }

  /** The lab's exercises over the corpus; no student code runs. */
  static List<? extends Exercise<?>> exercises(Lab lab, Corpus corpus) {
    return lab.exercises().of().apply(corpus);
  }

  /** Grades the lab's exercises whose names {@code include} accepts. */
  static List<ExerciseResult> grade(Grader grader, Lab lab, Corpus corpus, Predicate<String> include,
      Grader.Listener listener) {
    return grade(grader, lab, lab.exercises(), corpus, include, listener);
  }

  private static <S> List<ExerciseResult> grade(Grader grader, Lab lab, Lab.Exercises<S> exercises, Corpus corpus,
      Predicate<String> include, Grader.Listener listener) {
    List<Exercise<S>> chosen = exercises.of().apply(corpus).stream().filter(e -> include.test(e.name())).toList();
    if (chosen.isEmpty()) {
      return List.of(); // nothing left to ask: do not run the student's constructor for nothing
    }
    return grader.grade(chosen, exercises.student().apply(lab), listener);
  }
}
