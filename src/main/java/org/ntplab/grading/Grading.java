package org.ntplab.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ntplab.lab.DecodeLab;
import org.ntplab.lab.EncodeLab;
import org.ntplab.lab.OffsetDelayLab;
import org.ntplab.lab.TimestampLab;

/** Grades the student's labs, found on the class path by their conventional class names. */
public final class Grading {

  private Grading() {}

  public static GradeReport run(Set<Lab> labs, Corpus corpus, Duration timeLimit) {
    List<ExerciseResult> results = new ArrayList<>();
    try (Grader grader = new Grader(timeLimit)) {
      for (Lab lab : Lab.values()) {
        if (!labs.contains(lab)) {
          continue;
        }
        results.addAll(switch (lab) {
          case TIMESTAMPS -> grader.grade(Exercises.timestamps(corpus),
              StudentCode.factory(lab, TimestampLab.class));
          case DECODE -> grader.grade(Exercises.decode(corpus), StudentCode.factory(lab, DecodeLab.class));
          case ENCODE -> grader.grade(Exercises.encode(corpus), StudentCode.factory(lab, EncodeLab.class));
          case OFFSET_DELAY -> grader.grade(Exercises.offsetDelay(corpus),
              StudentCode.factory(lab, OffsetDelayLab.class));
        });
      }
    }
    return new GradeReport(results);
  }
}
