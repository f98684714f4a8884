package org.ntplab.grading.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;

/** The table, results.json and the report's own JSON. */
class ReportTest {

  static GradeReport sample() {
    return new GradeReport(
        List.of(
            new ExerciseResult(Lab.of(2), "lab2 decode: stratum", 2, new Outcome.Passed(10)),
            new ExerciseResult(
                Lab.of(2),
                "lab2 decode: precision",
                3,
                new Outcome.Failed(
                    4,
                    10,
                    "fixture x (reply), field precision: precision(packet): expected -20, got 236")),
            new ExerciseResult(
                Lab.of(4),
                "lab4 offset-delay: delay",
                13,
                new Outcome.NotStarted("Lab 4: implement"))));
  }

  @Test
  void resultsJsonIsGradescopesFormat(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("grade/results.json");
    GradescopeJson.write(sample(), file);
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    assertEquals(2, root.get("score").asInt());
    assertEquals(18, root.get("max_score").asInt());
    assertEquals(3, root.get("tests").size());
    for (JsonNode test : root.get("tests")) {
      assertTrue(test.get("name").asText().matches("lab\\d .*"), test.toString());
      assertTrue(List.of("passed", "failed").contains(test.get("status").asText()));
      assertTrue(test.has("score") && test.has("max_score") && test.has("output"));
    }
    JsonNode precision = root.get("tests").get(1);
    assertEquals(0, precision.get("score").asInt());
    assertEquals("failed", precision.get("status").asText());
    assertTrue(precision.get("output").asText().contains("expected -20, got 236"));
  }

  @Test
  void theTableShowsMarksFirstFailureAndTotal() {
    String table = GradeTable.render(sample());
    assertTrue(table.contains("✓ lab2 decode: stratum"), table);
    assertTrue(table.contains("✗ lab2 decode: precision"), table);
    assertTrue(
        table.contains("wrong on 4 of 10 cases; first: fixture x (reply), field precision"), table);
    assertTrue(table.contains("lab4 offset-delay: delay") && table.contains("not started"), table);
    assertTrue(table.strip().endsWith("total 2/18"), table);
  }

  @Test
  void theReportSurvivesItsJsonRoundTrip() {
    GradeReport sample = sample();
    assertEquals(
        sample, ReportJson.report(ReportJson.parse(ReportJson.line(ReportJson.of(sample)))));
    GradeReport every =
        new GradeReport(
            List.of(
                new ExerciseResult(
                    Lab.of(2),
                    "lab2 decode: mode",
                    1,
                    new Outcome.Errored("boom\n    at X.java:3")),
                new ExerciseResult(
                    Lab.of(2), "lab2 decode: leap", 1, new Outcome.TimedOut("slow — \"quoted\""))));
    assertEquals(every, ReportJson.report(ReportJson.of(every)));
  }
}
