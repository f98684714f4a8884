package org.ntplab.grading.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.io.AtomicFiles;

/**
 * The report in Gradescope's autograder format (results.json): {@code score}, {@code max_score},
 * {@code output}, and {@code tests[]} each with {@code name}, {@code score}, {@code max_score},
 * {@code status} ("passed" or "failed") and {@code output}; a test whose first failure is a byte
 * diff has {@code output_format} "md" and its output in Markdown ({@link GradescopeMarkdown}).
 */
public final class GradescopeJson {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GradescopeJson() {}

  public static ObjectNode of(GradeReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("score", report.score());
    root.put("max_score", report.maxScore());
    root.put("output", GradeTable.render(report));
    ArrayNode tests = root.putArray("tests");
    for (ExerciseResult r : report.results()) {
      ObjectNode test = tests.addObject();
      test.put("name", r.name());
      test.put("score", r.points());
      test.put("max_score", r.maxPoints());
      test.put("status", r.outcome().passed() ? "passed" : "failed");
      Optional<String> markdown = GradescopeMarkdown.of(r.outcome());
      if (markdown.isPresent()) {
        test.put("output_format", "md");
        test.put("output", markdown.get());
      } else {
        test.put("output", GradeReport.summary(r.outcome()));
      }
    }
    return root;
  }

  /** results.json as written and as {@code ntplab grade --format gradescope} prints it: indented, ending in a newline. */
  public static String text(GradeReport report) {
    try {
      return JSON.writeValueAsString(of(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(GradeReport report, Path file) throws IOException {
    AtomicFiles.writeString(file, text(report));
  }
}
