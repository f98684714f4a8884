package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table, results.json and lab selection. */
class ReportTest {

  static GradeReport sample() {
    return new GradeReport(List.of(
        new ExerciseResult(Lab.DECODE, "lab2 decode: stratum", 2, new Outcome.Passed(10)),
        new ExerciseResult(Lab.DECODE, "lab2 decode: precision", 3,
            new Outcome.Failed(4, 10, "fixture x (reply), field precision: precision(packet): expected -20, got 236")),
        new ExerciseResult(Lab.OFFSET_DELAY, "lab4 offset-delay: delay", 13, new Outcome.NotStarted("Lab 4: implement"))));
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
    assertTrue(table.contains("wrong on 4 of 10 cases; first: fixture x (reply), field precision"), table);
    assertTrue(table.contains("lab4 offset-delay: delay") && table.contains("not started"), table);
    assertTrue(table.strip().endsWith("total 2/18"), table);
  }

  @Test
  void oneLabGradesFewerTests() throws Exception {
    Corpus corpus = Corpus.load();
    GradeReport all = LocalGrading.run(EnumSet.allOf(Lab.class), corpus, Duration.ofSeconds(2));
    GradeReport one = LocalGrading.run(EnumSet.of(Lab.TIMESTAMPS), corpus, Duration.ofSeconds(2));
    assertTrue(one.results().size() < all.results().size());
    assertTrue(one.results().stream().allMatch(r -> r.lab() == Lab.TIMESTAMPS));
    assertEquals(20, one.maxScore());
    assertTrue(all.maxScore() > one.maxScore(), "every lab adds points: " + all.maxScore());
  }

  @Test
  void dashDLabSelectsOneLab() {
    String before = System.getProperty("lab");
    try {
      System.setProperty("lab", "1");
      assertEquals(EnumSet.of(Lab.TIMESTAMPS), GradeLabsTest.selectedLabs());
      System.setProperty("lab", "");
      assertEquals(EnumSet.allOf(Lab.class), GradeLabsTest.selectedLabs());
    } finally {
      if (before == null) {
        System.clearProperty("lab");
      } else {
        System.setProperty("lab", before);
      }
    }
  }

  @Test
  void byteDiffBracketsEveryDifferingByte() {
    String diff = ByteDiff.describe(new byte[] {1, 2, 3, 4}, new byte[] {1, 9, 3});
    assertTrue(diff.contains("expected 4 bytes, got 3 (first difference at offset 1)"), diff);
    assertTrue(diff.contains("01  [02]  03  [04]"), diff);
    assertTrue(diff.contains("01  [09]  03   --"), diff);
  }
}
