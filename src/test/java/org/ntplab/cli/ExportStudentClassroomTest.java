package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.fixture.FixtureException;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.Exercise;
import org.ntplab.grading.Grading;
import org.ntplab.grading.Lab;

/**
 * {@code export-student --classroom}: GitHub Classroom's workflow, and the README a student reads.
 */
class ExportStudentClassroomTest {

  @TempDir static Path shared;
  private static Path copy;
  private static CliRun export;

  @BeforeAll
  static void exportWithTheWorkflow() {
    copy = shared.resolve("student");
    export = CliRun.of("export-student", copy.toString(), "--classroom");
  }

  @Test
  void theWorkflowIsOneCommandGraderTestPerLabWithItsPointsThenTheReporter()
      throws IOException, FixtureException {
    assertEquals(0, export.exitCode(), export.err());
    assertTrue(export.out().contains(".github/workflows/classroom.yml"), export.out());
    JsonNode workflow =
        new ObjectMapper(new YAMLFactory())
            .readTree(copy.resolve(".github/workflows/classroom.yml").toFile());
    // What GitHub requires of a workflow: triggers, jobs each with runs-on and steps that use or
    // run.
    assertTrue(
        workflow.path("on").isArray() && workflow.path("on").toString().contains("push"),
        workflow.toString());
    assertEquals(1, workflow.path("jobs").size());
    JsonNode job = workflow.path("jobs").elements().next();
    assertEquals("ubuntu-latest", job.path("runs-on").asText());
    List<String> ids = new ArrayList<>();
    List<Lab> labs = List.copyOf(Lab.all());
    int points = 0;
    JsonNode reporter = null;
    for (JsonNode step : job.path("steps")) {
      assertTrue(
          step.has("uses") ^ step.has("run"), "a step uses an action or runs a command: " + step);
      String uses = step.path("uses").asText();
      if (uses.startsWith("classroom-resources/autograding-command-grader@")) {
        JsonNode with = step.path("with");
        for (String input : List.of("test-name", "command", "timeout", "max-score")) {
          assertTrue(with.has(input), input + " in " + step);
        }
        Lab lab = labs.get(ids.size()); // in order, whatever numbers are not taken
        assertEquals(lab.id(), step.path("id").asText());
        // Each lab on its own: one that does not compile costs only itself.
        assertEquals("./ntplab grade --lab " + lab.number(), with.path("command").asText());
        ids.add(step.path("id").asText());
        points += with.path("max-score").asInt();
      } else if (uses.startsWith("classroom-resources/autograding-grading-reporter@")) {
        reporter = step;
      }
    }
    assertEquals(Lab.all().size(), ids.size());
    assertEquals(allPoints(), points);
    assertTrue(reporter != null, "the reporter step");
    assertEquals(String.join(",", ids), reporter.path("with").path("runners").asText());
    for (String id : ids) {
      assertEquals(
          "${{steps." + id + ".outputs.result}}",
          reporter.path("env").path(id.toUpperCase() + "_RESULTS").asText());
    }
  }

  /** What every lab is worth, as the grader counts it: the workflow must award no more, no less. */
  private static int allPoints() throws FixtureException {
    Corpus corpus = Corpus.load();
    int points = 0;
    for (Lab lab : Lab.all()) {
      points += Grading.exercises(lab, corpus).stream().mapToInt(Exercise::points).sum();
    }
    return points;
  }

  @Test
  void theStudentReadmeTeachesGradingAndEveryLinkInItIsInTheCopy() throws IOException {
    String readme = Files.readString(copy.resolve("README.md"));
    for (String taught :
        List.of("./ntplab grade --lab 2", "labs/", "✓", "✗", "hidden fixture", "Decoder.java")) {
      assertTrue(readme.contains(taught), taught);
    }
    // Developer material stays home: the solutions profile, CI, benchmarks, the interop peers.
    for (String absent :
        List.of("-Psolutions", "solutions/", ".ci", "BENCHMARKS", "SECURITY.md", "interop", "{{")) {
      assertFalse(readme.contains(absent), absent);
    }
    Matcher link = Pattern.compile("\\]\\(([^)#]+)").matcher(readme);
    int links = 0;
    while (link.find()) {
      String target = link.group(1);
      if (!target.contains("://")) {
        assertTrue(Files.exists(copy.resolve(target)), target + " is linked but not in the copy");
        links++;
      }
    }
    assertTrue(links >= Lab.all().size(), "the README links each lab's instructions");
  }
}
