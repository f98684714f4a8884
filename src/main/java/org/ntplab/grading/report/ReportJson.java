package org.ntplab.grading.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;

/**
 * The one JSON form of a {@link GradeReport}, its results and outcomes, both ways: what {@code
 * ntplab grade --format json} prints, and the batch keeps per student. Written by hand (not by
 * reflection) so the format is stated here and stays put.
 */
public final class ReportJson {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final ObjectWriter INDENTED = JSON.writerWithDefaultPrettyPrinter();

  private ReportJson() {}

  public static ObjectNode of(GradeReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("score", report.score());
    root.put("max_score", report.maxScore());
    ArrayNode results = root.putArray("results");
    report.results().forEach(r -> results.add(of(r)));
    return root;
  }

  public static ObjectNode of(ExerciseResult result) {
    ObjectNode node = JSON.createObjectNode();
    node.put("lab", result.lab().number());
    node.put("name", result.name());
    node.put("points", result.points());
    node.put("max_points", result.maxPoints());
    node.set("outcome", of(result.outcome()));
    return node;
  }

  static ObjectNode of(Outcome outcome) {
    ObjectNode node = JSON.createObjectNode();
    if (outcome instanceof Outcome.Passed p) {
      node.put("status", "passed").put("cases", p.cases());
    } else if (outcome instanceof Outcome.Failed f) {
      node.put("status", "failed")
          .put("failed_cases", f.failedCases())
          .put("cases", f.cases())
          .put("first_failure", f.firstFailure());
    } else if (outcome instanceof Outcome.NotStarted n) {
      node.put("status", "not_started").put("message", n.message());
    } else if (outcome instanceof Outcome.Errored e) {
      node.put("status", "errored").put("message", e.message());
    } else if (outcome instanceof Outcome.TimedOut t) {
      node.put("status", "timed_out").put("message", t.message());
    } else {
      throw new IllegalArgumentException(String.valueOf(outcome));
    }
    return node;
  }

  public static GradeReport report(JsonNode root) {
    List<ExerciseResult> results = new ArrayList<>();
    for (JsonNode r : required(root, "results")) {
      results.add(result(r));
    }
    return new GradeReport(results);
  }

  public static ExerciseResult result(JsonNode node) {
    return new ExerciseResult(
        Lab.of(required(node, "lab").asInt()),
        required(node, "name").asText(),
        required(node, "max_points").asInt(),
        outcome(required(node, "outcome")));
  }

  static Outcome outcome(JsonNode node) {
    String status = required(node, "status").asText();
    return switch (status) {
      case "passed" -> new Outcome.Passed(required(node, "cases").asInt());
      case "failed" ->
          new Outcome.Failed(
              required(node, "failed_cases").asInt(),
              required(node, "cases").asInt(),
              required(node, "first_failure").asText());
      case "not_started" -> new Outcome.NotStarted(required(node, "message").asText());
      case "errored" -> new Outcome.Errored(required(node, "message").asText());
      case "timed_out" -> new Outcome.TimedOut(required(node, "message").asText());
      default -> throw new IllegalArgumentException("unknown outcome status '" + status + "'");
    };
  }

  /** What {@code ntplab grade --format json} prints: indented, ending in a newline. */
  public static String text(GradeReport report) {
    return text(of(report));
  }

  /**
   * Any JSON the grade is written in (a report, the batch's grades.json), indented, with a last
   * newline.
   */
  public static String text(JsonNode node) {
    try {
      return INDENTED.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line, no raw newlines inside: fit for a line-based stream. */
  static String line(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("grade report: '" + field + "' missing in " + node);
    }
    return value;
  }
}
