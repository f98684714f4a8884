package org.ntplab.grading;

import java.util.List;
import org.ntplab.lab.EchoLab;

/**
 * Lab 99's exercises, declared as a real lab's are and listed nowhere: {@link ThrowawayLabTest}
 * shows that this class and a folder under {@code labs/} are all a lab needs.
 */
final class EchoExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(99, "echo", "Echo", Lab.Exercises.of(EchoLab.class, EchoExercises::of));

  static final int POINTS = 3;

  private EchoExercises() {}

  static List<Exercise<EchoLab>> of(Corpus corpus) {
    List<Case<EchoLab>> cases =
        List.of("hello", "stratum 16").stream()
            .map(
                said ->
                    new Case<EchoLab>(
                        "",
                        "echo",
                        "echo(\"" + said + "\")",
                        said,
                        lab -> lab.echo(said),
                        Comparison.text()))
            .toList();
    return List.of(new Exercise<>(LAB, "says it back", POINTS, cases));
  }
}
