package org.ntplab.grading.report;

import java.util.List;
import java.util.Optional;
import org.ntplab.grading.Failure;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Outcome;

/**
 * A failed test's output in Markdown for Gradescope ({@code output_format: "md"}), for a first
 * failure that is a byte diff: the summary line, the diff in a code block with the differing bytes
 * in {@code [..]}, then a table of the differing bytes by field. Any other outcome stays text.
 */
final class GradescopeMarkdown {

  private GradescopeMarkdown() {}

  /** The Markdown for {@code outcome}, if it is a failure on bytes. */
  static Optional<String> of(Outcome outcome) {
    if (!(outcome instanceof Outcome.Failed f)
        || f.first().isEmpty()
        || f.first().get().student().isEmpty()) {
      return Optional.empty();
    }
    Failure failure = f.first().get();
    // The text summary's first line is the sentence; under it, ByteDiff's hex rows (hex and
    // brackets only).
    String[] lines = GradeReport.summary(outcome).split("\n", 2);
    StringBuilder md = new StringBuilder(escape(lines[0])).append("\n\n");
    if (lines.length > 1) {
      md.append("```\n").append(lines[1]).append("\n```\n\n");
    }
    md.append("| offset | field | expected | got |\n|---:|---|---|---|\n");
    byte[] expected = failure.packet().orElseThrow();
    byte[] got = failure.student().get();
    List<Integer> differing = failure.differingOffsets();
    for (int offset : differing) {
      md.append("| ")
          .append(offset)
          .append(" | ")
          .append(Failure.fieldAt(offset))
          .append(" | ")
          .append(hex(expected, offset))
          .append(" | ")
          .append(hex(got, offset))
          .append(" |\n");
    }
    return Optional.of(md.toString());
  }

  private static String hex(byte[] bytes, int offset) {
    return offset < bytes.length ? String.format("`%02x`", bytes[offset]) : "(none)";
  }

  /**
   * Every character that can start inline markup backslash-escaped (emphasis, code, links, images,
   * raw HTML, entities, table cells): CommonMark then shows it as itself. The sentence begins with
   * "wrong on", so no block markup can start it.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if ("\\`*_[]<>&!|~#".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
