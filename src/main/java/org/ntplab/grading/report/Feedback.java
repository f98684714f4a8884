package org.ntplab.grading.report;

import java.util.Map;
import java.util.TreeMap;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;

/**
 * One student's grade as Markdown, to hand out: the total, the points per lab, then each lost
 * exercise with what went wrong first. Failures on hidden fixtures read as the report has them
 * (redacted unless the instructor chose to show them), so the file is safe to give the student.
 */
public final class Feedback {

  private Feedback() {}

  public static String markdown(String student, GradeReport report) {
    StringBuilder md = new StringBuilder("# ntplab grade: ").append(title(student)).append("\n\n");
    md.append("**Total: ")
        .append(report.score())
        .append('/')
        .append(report.maxScore())
        .append(report.fullMarks() ? "** (full marks)" : "**")
        .append("\n\n| Lab | Points |\n|---|---|\n");
    Map<Lab, int[]> labs = new TreeMap<>();
    for (ExerciseResult r : report.results()) {
      int[] points = labs.computeIfAbsent(r.lab(), lab -> new int[2]);
      points[0] += r.points();
      points[1] += r.maxPoints();
    }
    labs.forEach(
        (lab, p) ->
            md.append("| ")
                .append(lab.id())
                .append(' ')
                .append(lab.title())
                .append(" | ")
                .append(p[0])
                .append('/')
                .append(p[1])
                .append(" |\n"));
    boolean heading = false;
    for (ExerciseResult r : report.results()) {
      if (r.outcome().passed()) {
        continue;
      }
      if (!heading) {
        md.append("\n## What lost points\n");
        heading = true;
      }
      md.append("\n### ").append(r.name()).append(" (0/").append(r.maxPoints()).append(")\n\n");
      String why =
          r.outcome() instanceof Outcome.NotStarted
              ? "not started"
              : GradeReport.summary(r.outcome());
      md.append(fence(why))
          .append("```text\n")
          .append(why)
          .append("\n")
          .append(fence(why))
          .append("```\n");
    }
    return md.toString();
  }

  /** For a hand-in that could not be graded: why, in the student's words as far as can be. */
  public static String markdown(String student, String problem) {
    return "# ntplab grade: "
        + title(student)
        + "\n\n**Not graded.**\n\n```text\n"
        + problem.replace("```", "'''")
        + "\n```\n";
  }

  /** A hand-in's name as a heading: its first line, Markdown's and HTML's marks taken as text. */
  private static String title(String student) {
    return student.lines().findFirst().orElse("").replaceAll("([\\\\`*_\\[\\]#<>!|])", "\\\\$1");
  }

  /** Backticks to lengthen the fence by, so that a message holding ``` cannot close it early. */
  private static String fence(String text) {
    int longest = 0;
    int run = 0;
    for (char c : text.toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest >= 3 ? "`".repeat(longest - 2) : "";
  }
}
