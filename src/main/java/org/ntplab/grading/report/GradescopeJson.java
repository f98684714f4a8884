package org.ntplab.grading.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Outcome;
import org.ntplab.io.AtomicFiles;

/**
 * The report in Gradescope's autograder format (results.json): {@code score}, {@code max_score},
 * {@code execution_time}, {@code output}, and {@code tests[]} each with {@code name}, {@code
 * score}, {@code max_score}, {@code status} ("passed" or "failed"), {@code output} and {@code
 * visibility}; a test whose first failure is a byte diff has {@code output_format} "md" and its
 * output in Markdown ({@link GradescopeMarkdown}).
 *
 * <p>An exercise with cases on hidden fixtures is two tests: its cases on the published fixtures,
 * visible and worth nothing (feedback the student can act on), and the whole exercise, hidden
 * fixtures included, worth its points at the instructor's {@link Visibility}. So what the hidden
 * fixtures cost is seen when the instructor chooses, and never which fixture it was.
 */
public final class GradescopeJson {

  /** Gradescope's settings for when a student sees a test. */
  public enum Visibility {
    visible("at once"),
    after_due_date("after the due date"),
    after_published("once the grades are published"),
    hidden("to the instructor only");

    private final String when;

    Visibility(String when) {
      this.when = when;
    }

    /** When a student sees a test with this visibility, e.g. {@code after the due date}. */
    public String when() {
      return when;
    }
  }

  /** Appended to an exercise's name for its test on the hidden fixtures. */
  public static final String HIDDEN_SUFFIX = " (hidden fixtures)";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GradescopeJson() {}

  /** Hidden-fixture tests shown after the due date; no execution time. */
  public static ObjectNode of(GradeReport report) {
    return of(report, Visibility.after_due_date, null);
  }

  /**
   * The report with hidden-fixture tests at {@code hidden}, and {@code elapsed} (if known) as
   * execution_time.
   */
  public static ObjectNode of(GradeReport report, Visibility hidden, Duration elapsed) {
    ObjectNode root = JSON.createObjectNode();
    root.put("score", report.score());
    root.put("max_score", report.maxScore());
    if (elapsed != null) {
      root.put("execution_time", Math.max(0, elapsed.toSeconds()));
    }
    boolean anyHidden = report.results().stream().anyMatch(r -> r.split().isPresent());
    // The table names each exercise's first failure: before the hidden tests are shown, only the
    // published part.
    root.put(
        "output",
        !anyHidden || hidden == Visibility.visible
            ? GradeTable.render(report)
            : "On the published fixtures (the tests on the hidden fixtures, and their points, are shown "
                + hidden.when()
                + "):\n"
                + GradeTable.render(published(report)));
    root.put("visibility", Visibility.visible.name());
    ArrayNode tests = root.putArray("tests");
    for (ExerciseResult r : report.results()) {
      if (r.split().isEmpty()) {
        test(
            tests,
            r.name(),
            r.points(),
            r.maxPoints(),
            r.outcome(),
            GradeReport.summary(r.outcome()),
            Visibility.visible);
        continue;
      }
      ExerciseResult.Split split = r.split().get();
      test(
          tests,
          r.name(),
          0,
          0,
          split.published(),
          "on the published fixtures: " + GradeReport.summary(split.published()),
          Visibility.visible);
      String onHidden = GradeReport.summary(split.hidden());
      test(
          tests,
          r.name() + HIDDEN_SUFFIX,
          r.points(),
          r.maxPoints(),
          r.outcome(),
          split.hidden().passed() && !r.outcome().passed()
              ? onHidden + "; the points need the published fixtures too (see " + r.name() + ")"
              : onHidden,
          hidden);
    }
    return root;
  }

  /** {@code root} with {@code note} (how the labs were found, say) before its output. */
  public static ObjectNode withNote(String note, ObjectNode root) {
    return root.put("output", note + root.path("output").asText());
  }

  /** The report as if it held the published fixtures alone. */
  private static GradeReport published(GradeReport report) {
    return new GradeReport(
        report.results().stream()
            .map(
                r ->
                    r.split().isEmpty()
                        ? r
                        : new ExerciseResult(
                            r.lab(), r.name(), r.maxPoints(), r.split().get().published()))
            .toList());
  }

  /**
   * One test; its output in Markdown when the outcome's first failure is a byte diff and the output
   * is all of it.
   */
  private static void test(
      ArrayNode tests,
      String name,
      int score,
      int max,
      Outcome outcome,
      String output,
      Visibility visibility) {
    ObjectNode test =
        tests
            .addObject()
            .put("name", name)
            .put("score", score)
            .put("max_score", max)
            .put("status", outcome.passed() ? "passed" : "failed");
    Optional<String> markdown =
        output.equals(GradeReport.summary(outcome))
            ? GradescopeMarkdown.of(outcome)
            : Optional.empty();
    if (markdown.isPresent()) {
      test.put("output_format", "md").put("output", markdown.get());
    } else {
      test.put("output", output);
    }
    test.put("visibility", visibility.name());
  }

  /**
   * results.json as written and as {@code ntplab grade --format gradescope} prints it: indented,
   * ending in a newline.
   */
  public static String text(GradeReport report) {
    return text(of(report));
  }

  /** {@code root} indented, ending in a newline. */
  public static String text(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(GradeReport report, Path file) throws IOException {
    AtomicFiles.writeString(file, text(report));
  }
}
