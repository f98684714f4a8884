package org.ntplab.grading;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.ntplab.grading.student.JshScript;
import org.ntplab.grading.student.WarmupAnswers;

/**
 * Grades the labs compiled onto this JVM's test class path (solutions/ with -Psolutions) in this
 * JVM, with no student process: for the workbench's tests and benchmarks of the exercises only. A
 * grade anyone relies on comes from {@link org.ntplab.grading.harness.Harness}, which never loads
 * students' classes here.
 */
public final class LocalGrading {

  private LocalGrading() {}

  public static GradeReport run(Set<Lab> labs, Corpus corpus, Duration timeLimit) {
    List<ExerciseResult> results = new ArrayList<>();
    try (Grader grader = new Grader(timeLimit)) {
      for (Lab lab : new TreeSet<>(labs)) {
        results.addAll(grade(grader, lab, lab.exercises(), corpus));
      }
    }
    return new GradeReport(results);
  }

  private static <S> List<ExerciseResult> grade(
      Grader grader, Lab lab, Lab.Exercises<S> exercises, Corpus corpus) {
    return grader.grade(exercises.of().apply(corpus), factory(lab, exercises.contract()));
  }

  /** The lab's class from the class path, or lab 0's script from {@code ntplab.labs.dir}. */
  static <S> Callable<S> factory(Lab lab, Class<S> contract) {
    if (lab.isScript()) {
      Path script =
          Path.of(
              System.getProperty("ntplab.labs.dir", "solutions"),
              lab.folder(),
              lab.implementation());
      Callable<?> answers = WarmupAnswers.factory(script, JshScript.Limits.DEFAULT);
      return () -> contract.cast(answers.call());
    }
    return () ->
        contract.cast(Class.forName(lab.implementation()).getDeclaredConstructor().newInstance());
  }
}
