package org.ntplab.grading.report;

import static org.ntplab.grading.report.Html.escape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.Failure;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;
import org.ntplab.grading.Rules;
import org.ntplab.io.AtomicFiles;

/**
 * The grade as one self-contained HTML page (report.html): the grade table, then each failing
 * exercise's first failing case with its packet as an annotated hexdump, the bytes the student got
 * wrong highlighted and named by field. Inline CSS, no script, nothing fetched. Every word that may
 * come from the student's code is escaped; a hidden fixture's case shows its field only.
 */
public final class HtmlReport {

  /** The class of a differing byte: a strong background, for the eye (and the screenshot test). */
  static final String DIFF_COLOUR = "#ffd000";

  private static final String STYLE =
      """
      body{font-family:sans-serif;margin:2em;max-width:70em;color:#222}
      table{border-collapse:collapse}td,th{padding:.2em .6em;text-align:left;vertical-align:top}
      tr.lab th{border-top:1px solid #999;padding-top:.6em}
      .pass{color:#070}.fail{color:#b00}.todo{color:#777}.pts{text-align:right;white-space:nowrap}
      pre{background:#f6f6f6;padding:.6em;overflow-x:auto;line-height:1.35}
      .diff{background:%s;color:#000;font-weight:bold}
      dt{font-weight:bold;float:left;clear:left;width:6em}dd{margin-left:7em;font-family:monospace;white-space:pre-wrap}
      """
          .formatted(DIFF_COLOUR);

  private HtmlReport() {}

  /**
   * The page; {@code labsHref} leads from the page to the labs folder graded (its README links).
   */
  public static String render(GradeReport report, String labsHref) {
    StringBuilder out =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .append("<title>ntplab grade ")
            .append(report.score())
            .append('/')
            .append(report.maxScore())
            .append("</title>\n<style>\n")
            .append(STYLE)
            .append("</style></head><body>\n")
            .append("<h1>ntplab grade: ")
            .append(report.score())
            .append('/')
            .append(report.maxScore())
            .append(report.fullMarks() ? ", full marks" : "")
            .append("</h1>\n");
    table(report, out);
    for (ExerciseResult r : report.results()) {
      if (r.outcome() instanceof Outcome.Failed f) {
        failed(r, f, labsHref, out);
      }
    }
    return out.append("</body></html>\n").toString();
  }

  /** Writes the page to {@code file}, its links leading to {@code labsDir}. */
  public static void write(GradeReport report, Path file, Path labsDir) throws IOException {
    AtomicFiles.writeString(file, render(report, href(file.toAbsolutePath().getParent(), labsDir)));
  }

  /**
   * The link from a page in folder {@code from} to the READMEs of the labs in {@code labsDir}, e.g.
   * {@code ../../labs}.
   */
  public static String href(Path from, Path labsDir) throws IOException {
    labsDir = Rules.readmes(labsDir);
    String href =
        from.toAbsolutePath()
            .normalize()
            .relativize(labsDir.toAbsolutePath().normalize())
            .toString()
            .replace('\\', '/');
    return href.isEmpty() ? "." : href;
  }

  private static void table(GradeReport report, StringBuilder out) {
    out.append("<table>\n");
    GradeTable.byLab(report)
        .forEach(
            (lab, results) -> {
              out.append("<tr class=\"lab\"><th colspan=\"2\">")
                  .append(escape(lab.id() + " " + lab.title()))
                  .append("</th><th class=\"pts\">")
                  .append(GradeTable.points(results))
                  .append('/')
                  .append(GradeTable.maxPoints(results))
                  .append("</th><th></th></tr>\n");
              for (ExerciseResult r : results) {
                String kind =
                    r.outcome().passed()
                        ? "pass"
                        : r.outcome() instanceof Outcome.NotStarted ? "todo" : "fail";
                out.append("<tr class=\"")
                    .append(kind)
                    .append("\"><td>")
                    .append(GradeTable.mark(r.outcome()))
                    .append("</td><td>")
                    .append(escape(r.name()))
                    .append("</td><td class=\"pts\">")
                    .append(r.points())
                    .append('/')
                    .append(r.maxPoints())
                    .append("</td><td>")
                    .append(status(r))
                    .append("</td></tr>\n");
              }
            });
    out.append("</table>\n");
  }

  /** One line for the table: a failure's details are further down, behind a link. */
  private static String status(ExerciseResult r) {
    if (r.outcome() instanceof Outcome.Failed f) {
      return "<a href=\"#"
          + anchor(r)
          + "\">wrong on "
          + f.failedCases()
          + " of "
          + f.cases()
          + " cases</a>";
    }
    return r.outcome().passed()
        ? escape(GradeReport.summary(r.outcome()))
        : "<pre>" + escape(GradeReport.summary(r.outcome())) + "</pre>";
  }

  private static void failed(
      ExerciseResult r, Outcome.Failed f, String labsHref, StringBuilder out) {
    Lab lab = r.lab();
    out.append("<section id=\"")
        .append(anchor(r))
        .append("\">\n<h2>")
        .append(escape(r.name()))
        .append("</h2>\n")
        .append("<p>Wrong on ")
        .append(f.failedCases())
        .append(" of ")
        .append(f.cases())
        .append(" cases; the first is below. The rules: <a href=\"")
        .append(escape(labsHref + "/" + lab.folder() + "/README.md"))
        .append("\">labs/")
        .append(lab.folder())
        .append("/README.md</a>.</p>\n");
    f.first()
        .filter(x -> !x.rules().isEmpty())
        .ifPresent(
            x -> {
              // GitHub's and most renderers' anchor for the README's rules heading.
              String rules =
                  labsHref
                      + "/"
                      + lab.folder()
                      + "/README.md#"
                      + Rules.HEADING
                          .replaceFirst("^#+ ", "")
                          .toLowerCase(java.util.Locale.ROOT)
                          .replace(' ', '-');
              out.append("<p>The rule")
                  .append(x.rules().size() == 1 ? "" : "s")
                  .append(" this case checks: ");
              for (int i = 0; i < x.rules().size(); i++) {
                out.append(i == 0 ? "" : ", ")
                    .append("<a href=\"")
                    .append(escape(rules))
                    .append("\"><code>")
                    .append(escape(x.rules().get(i)))
                    .append("</code></a>");
              }
              out.append(".</p>\n");
            });
    Optional<Failure> first = f.first();
    if (first.isEmpty()) {
      out.append("<pre>").append(escape(f.firstFailure())).append("</pre>\n</section>\n");
      return;
    }
    Failure failure = first.get();
    if (failure.hidden()) {
      out.append("<p>").append(escape(failure.text())).append("</p>\n</section>\n");
      return;
    }
    out.append("<dl>\n");
    entry("fixture", failure.fixture().isEmpty() ? "none" : failure.fixture(), out);
    entry("field", failure.field(), out);
    entry("call", failure.call(), out);
    if (failure.student().isPresent()) {
      // Both answers are bytes: the dumps below show them; of the comparison's words, its sentence.
      entry("why", failure.mismatch().lines().findFirst().orElse(""), out);
    } else {
      entry("expected", failure.expected(), out);
      entry("got", failure.got(), out);
      entry("why", failure.mismatch(), out);
    }
    out.append("</dl>\n");
    bytes(failure, out);
    out.append("</section>\n");
  }

  private static void entry(String term, String text, StringBuilder out) {
    out.append("<dt>").append(term).append("</dt><dd>").append(escape(text)).append("</dd>\n");
  }

  /**
   * The packet, annotated, with the bytes the student got wrong highlighted and listed by field.
   */
  private static void bytes(Failure failure, StringBuilder out) {
    if (failure.packet().isEmpty()) {
      return;
    }
    byte[] packet = failure.packet().get();
    List<Integer> differing = failure.differingOffsets();
    Set<Integer> marked = new HashSet<>(differing);
    out.append("<h3>")
        .append(failure.student().isPresent() ? "The reference's bytes" : "The packet")
        .append(" (")
        .append(packet.length)
        .append(" bytes)</h3>\n<pre>")
        .append(HtmlHexdump.annotated(packet, marked))
        .append("</pre>\n");
    if (failure.student().isEmpty()) {
      return;
    }
    byte[] student = failure.student().get();
    out.append("<h3>Your bytes (")
        .append(student.length)
        .append(")</h3>\n<pre>")
        .append(HtmlHexdump.raw(student, marked))
        .append("</pre>\n");
    out.append(
        "<table class=\"bytes\"><tr><th>offset</th><th>field</th><th>expected</th><th>got</th></tr>\n");
    for (int offset : differing) {
      out.append("<tr><td>")
          .append(offset)
          .append("</td><td>")
          .append(escape(Failure.fieldAt(offset)))
          .append("</td><td>")
          .append(hex(packet, offset))
          .append("</td><td>")
          .append(hex(student, offset))
          .append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  private static String hex(byte[] bytes, int offset) {
    return offset < bytes.length ? String.format("%02x", bytes[offset]) : "(none)";
  }

  private static String anchor(ExerciseResult r) {
    return r.name().replaceAll("[^A-Za-z0-9]+", "-");
  }
}
