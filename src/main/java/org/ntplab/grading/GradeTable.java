package org.ntplab.grading;

import java.util.List;
import java.util.stream.Collectors;

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
    var byLab = report.results().stream()
        .collect(Collectors.groupingBy(ExerciseResult::lab, java.util.TreeMap::new, Collectors.toList()));
    byLab.forEach((lab, results) -> {
      int score = results.stream().mapToInt(ExerciseResult::points).sum();
      int max = results.stream().mapToInt(ExerciseResult::maxPoints).sum();
      out.append(String.format("%s %s (labs/%s)%s%3d/%d%n", lab.id(), lab.title(), lab.folder(),
          " ".repeat(Math.max(1, 58 - lab.id().length() - lab.title().length() - lab.folder().length() - 8)), score, max));
      for (ExerciseResult r : results) {
        out.append(line(r));
      }
    });
    out.append(rule).append('\n');
    out.append(String.format("total %d/%d%s%n", report.score(), report.maxScore(),
        report.fullMarks() ? ": full marks" : ""));
    return out.toString();
  }

  private static String line(ExerciseResult r) {
    String mark = r.outcome().passed() ? "✓" : r.outcome() instanceof Outcome.NotStarted ? "·" : "✗";
    StringBuilder line = new StringBuilder(String.format("  %s %-44s %2d/%-2d", mark, r.name(), r.points(), r.maxPoints()));
    if (r.outcome() instanceof Outcome.NotStarted) {
      line.append("  not started");
    } else if (!r.outcome().passed()) {
      line.append('\n').append(indent(GradeReport.summary(r.outcome())));
    }
    return line.append('\n').toString();
  }

  private static String indent(String text) {
    return List.of(text.split("\n")).stream().map(l -> "      " + l).collect(Collectors.joining("\n"));
  }
}
