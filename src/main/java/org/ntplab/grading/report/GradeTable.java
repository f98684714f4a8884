package org.ntplab.grading.report;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;

/**
 * The grade as a plain-text table: per lab, its exercises with points, a mark, and what went wrong
 * first; then the total. Plain text because it ends up in build logs and results.json.
 */
public final class GradeTable {

  private GradeTable() {}

  public static String render(GradeReport report) {
    StringBuilder out = new StringBuilder();
    String rule = "=".repeat(72);
    out.append(rule).append('\n').append("ntplab grade\n").append(rule).append('\n');
    // One column for every name, so that the points line up however long an exercise's name is.
    int width =
        report.results().stream()
            .mapToInt(r -> Math.max(r.name().length(), heading(r.lab()).length() - 5))
            .max()
            .orElse(0);
    byLab(report)
        .forEach(
            (lab, results) -> {
              out.append(
                  String.format(
                      "%-" + (width + 5) + "s%3d/%d%n",
                      heading(lab),
                      points(results),
                      maxPoints(results)));
              for (ExerciseResult r : results) {
                out.append(line(r, width));
              }
            });
    out.append(rule).append('\n');
    out.append(
        String.format(
            "total %d/%d%s%n",
            report.score(), report.maxScore(), report.fullMarks() ? ": full marks" : ""));
    return out.toString();
  }

  /** The results lab by lab, in lab order. */
  static Map<Lab, List<ExerciseResult>> byLab(GradeReport report) {
    return report.results().stream()
        .collect(Collectors.groupingBy(ExerciseResult::lab, TreeMap::new, Collectors.toList()));
  }

  static int points(List<ExerciseResult> results) {
    return results.stream().mapToInt(ExerciseResult::points).sum();
  }

  static int maxPoints(List<ExerciseResult> results) {
    return results.stream().mapToInt(ExerciseResult::maxPoints).sum();
  }

  /** ✓ passed, · not started, ✗ anything else. */
  static String mark(Outcome outcome) {
    return outcome.passed() ? "✓" : outcome instanceof Outcome.NotStarted ? "·" : "✗";
  }

  private static String line(ExerciseResult r, int width) {
    String line =
        String.format(
            "  %s %-" + width + "s %3d/%-3d",
            mark(r.outcome()),
            r.name(),
            r.points(),
            r.maxPoints());
    if (r.outcome() instanceof Outcome.NotStarted) {
      return line + " not started\n";
    } else if (!r.outcome().passed()) {
      return line.stripTrailing() + '\n' + indent(GradeReport.summary(r.outcome())) + '\n';
    }
    return line.stripTrailing() + '\n';
  }

  private static String heading(Lab lab) {
    return lab.id() + " " + lab.title() + " (labs/" + lab.folder() + ")";
  }

  private static String indent(String text) {
    return List.of(text.split("\n")).stream()
        .map(l -> "      " + l)
        .collect(Collectors.joining("\n"));
  }
}
