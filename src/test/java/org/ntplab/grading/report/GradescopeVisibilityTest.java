package org.ntplab.grading.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;

/**
 * results.json: an exercise with hidden-fixture cases is two tests, the points on the one at the
 * chosen visibility.
 */
class GradescopeVisibilityTest {

  private static final GradeReport REPORT =
      new GradeReport(
          List.of(
              new ExerciseResult(Lab.of(2), "lab2 decode: leap", 2, new Outcome.Passed(10)),
              // Right on every published fixture, wrong on a hidden one: the exercise is lost.
              new ExerciseResult(
                  Lab.of(2),
                  "lab2 decode: stratum",
                  3,
                  new Outcome.Failed(
                      1,
                      12,
                      "a hidden fixture, field stratum: the answer differs from the reference's"),
                  Optional.of(
                      new ExerciseResult.Split(
                          new Outcome.Passed(10),
                          new Outcome.Failed(
                              1,
                              2,
                              "a hidden fixture, field stratum: the answer differs from the reference's"))))));

  @Test
  void theHiddenPartCarriesThePointsAtItsVisibilityAndThePublishedPartIsVisibleFeedback() {
    JsonNode root =
        GradescopeJson.of(REPORT, GradescopeJson.Visibility.after_due_date, Duration.ofSeconds(7));
    assertEquals(2, root.path("score").asInt());
    assertEquals(7, root.path("execution_time").asInt());
    JsonNode tests = root.path("tests");
    assertEquals(3, tests.size());
    assertEquals("visible", tests.get(0).path("visibility").asText());
    JsonNode published = tests.get(1);
    assertEquals("lab2 decode: stratum", published.path("name").asText());
    assertEquals("passed", published.path("status").asText());
    assertEquals(0, published.path("max_score").asInt());
    assertEquals("visible", published.path("visibility").asText());
    JsonNode hidden = tests.get(2);
    assertEquals("lab2 decode: stratum (hidden fixtures)", hidden.path("name").asText());
    assertEquals("after_due_date", hidden.path("visibility").asText());
    assertEquals("failed", hidden.path("status").asText());
    assertEquals(3, hidden.path("max_score").asInt());
    assertEquals(0, hidden.path("score").asInt());
    int max = 0;
    for (JsonNode t : tests) {
      max += t.path("max_score").asInt();
    }
    assertEquals(REPORT.maxScore(), max, "the tests' points add up to the report's");
    // Before the due date the visible output shows the published part only: no exercise lost to a
    // hidden fixture.
    assertFalse(
        root.path("output").asText().contains("hidden fixture, field"),
        root.path("output").asText());
    assertTrue(
        root.path("output").asText().contains("after the due date"), root.path("output").asText());
  }

  @Test
  void visibleHiddenTestsShowTheWholeTable() {
    JsonNode root = GradescopeJson.of(REPORT, GradescopeJson.Visibility.visible, null);
    assertTrue(root.path("output").asText().contains("a hidden fixture, field stratum"));
    assertFalse(root.has("execution_time"));
  }
}
