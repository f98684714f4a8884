package org.ntplab.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.ntplab.fixture.FixtureException;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.Exercise;
import org.ntplab.grading.Grading;
import org.ntplab.grading.Lab;

/** What each lab is worth. */
final class LabPoints {

  private LabPoints() {}

  /** Points per lab, as the grader counts them over {@code workbench}'s fixtures. */
  static Map<Lab, Integer> of(Path workbench) throws IOException {
    Corpus corpus;
    try {
      corpus = Corpus.load(workbench.resolve("fixtures"));
    } catch (FixtureException e) {
      throw new IOException(e.getMessage(), e);
    }
    Map<Lab, Integer> points = new TreeMap<>();
    for (Lab lab : Lab.all()) {
      points.put(lab, Grading.exercises(lab, corpus).stream().mapToInt(Exercise::points).sum());
    }
    return points;
  }

  /** What a student edits in {@code lab}: its class's file, or lab 0's script. */
  static String file(Lab lab) {
    String implementation = lab.implementation();
    return lab.isScript()
        ? implementation
        : implementation.substring(implementation.lastIndexOf('.') + 1) + ".java";
  }
}
