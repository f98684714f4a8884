package org.ntplab.grading;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one grading child left in its progress file ({@link GradingChild} says the format). */
final class ChildProgress {

  /** One exercise as the child announced it before grading. */
  record Planned(String name, int points) {}

  final Map<Lab, List<Planned>> plans = new TreeMap<>();
  final Map<String, ExerciseResult> results = new LinkedHashMap<>();
  /** The exercise being graded when the child stopped, or null. */
  String exercise;
  /** The lab whose class was being made when the child stopped, or null. */
  Lab creating;
  boolean exited;
  String exitFrame = "";
  /** The exercise System.exit was called in, or null. */
  String exitedIn;
  boolean done;

  static ChildProgress read(Path file) throws IOException {
    ChildProgress p = new ChildProgress();
    if (!Files.exists(file)) {
      return p;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", 2);
      String rest = f.length > 1 ? f[1] : "";
      try {
        switch (f[0]) {
          case "plan" -> p.plan(ReportJson.parse(rest));
          case "lab" -> {
            p.creating = Lab.of(Integer.parseInt(rest));
            p.exercise = null;
          }
          case "start" -> {
            p.exercise = rest;
            p.creating = null;
          }
          case "result" -> {
            ExerciseResult r = ReportJson.result(ReportJson.parse(rest));
            p.results.put(r.name(), r);
            p.exercise = null;
          }
          case "exit" -> {
            p.exited = true;
            p.exitFrame = rest;
            p.exitedIn = p.exercise;
          }
          case "done" -> p.done = true;
          default -> { } // "shutdown", or a line cut short by a halt
        }
      } catch (RuntimeException e) {
        // A line cut short when the JVM died mid-write: what came before still counts.
      }
    }
    return p;
  }

  private void plan(JsonNode node) {
    List<Planned> exercises = new ArrayList<>();
    node.get("exercises").forEach(e -> exercises.add(new Planned(e.get("name").asText(), e.get("points").asInt())));
    plans.put(Lab.of(node.get("lab").asInt()), exercises);
  }

  String where() {
    return exercise != null ? exercise : creating != null ? creating.id() + " " + creating.title()
        + " (making an instance of " + creating.implementation() + ")" : "the labs";
  }
}
