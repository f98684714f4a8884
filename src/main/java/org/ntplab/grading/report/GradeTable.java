package org.ntplab.grading.report;

import java.util.List;
import java.util.stream.Collectors;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;

/**
 * The grade as a plain-text table: per lab, its exercises with points, a mark, and what went
 * wrong first; then the total. Plain text because it ends up in build logs and results.json.
 */
public final class GradeTable {

  private GradeTable() {}

  public static String render(GradeReport report) {
    StringBuilder out = new StringBuilder();
    String rule = "=".repeat(72);
    out.append(rule).append('\n').append("ntplab grade\n").append(rule).append('\n');
    // One column for every name, so that the points line up however long an exercise's name is.
    int width = report.results().stream()
        .mapToInt(r -> Math.max(r.name().length(), heading(r.lab()).length() - 5)).max().orElse(0);
    var byLab = report.results().stream()
        .collect(Collectors.groupingBy(ExerciseResult::lab, java.util.TreeMap::new, Collectors.toList()));
    byLab.forEach((lab, results) -> {
      int score = results.stream().mapToInt(ExerciseResult::points).sum();
      int max = results.stream().mapToInt(ExerciseResult::maxPoints).sum();
      out.append(String.format("%-" + (width + 5) + "s%3d/%d%n", heading(lab), score, max));
      for (ExerciseResult r : results) {
        out.append(line(r, width));
      }
    });
    out.append(rule).append('\n');
    out.append(String.format("total %d/%d%s%n", report.score(), report.maxScore(),
        report.fullMarks() ? ": full marks" : ""));
    return out.toString();
  }

  private static String line(ExerciseResult r, int width) {
    String mark = r.outcome().passed() ? "✓" : r.outcome() instanceof Outcome.NotStarted ? "·" : "✗";
    String line = String.format("  %s %-" + width + "s %3d/%-3d", mark, r.name(), r.points(), r.maxPoints());
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
    return List.of(text.split("\n")).stream().map(l -> "      " + l).collect(Collectors.joining("\n"));
  }
}
