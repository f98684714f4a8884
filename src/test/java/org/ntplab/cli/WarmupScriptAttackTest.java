package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.harness.Sandbox;

/**
 * Lab 0's {@code answers.jsh} as an attacker writes it. No class-file rule checks a script: what
 * holds it is that JShell's engine is a child of the student process, behind the same walls, and
 * that nothing it says is more than its answers. Graded for Gradescope with a hidden fixture, as an
 * instructor grades it.
 */
class WarmupScriptAttackTest {

  private static final String SCRIPT = "00-warmup/answers.jsh";
  private static final String HIDDEN_ID = "instructor-secret-warmup-reply";

  @TempDir Path dir;
  private Path hidden;
  private Path results;

  @BeforeEach
  void hiddenFixture() throws IOException {
    Assumptions.assumeTrue(
        Sandbox.detect().walls() == Sandbox.Walls.FULL,
        "needs root and bubblewrap: " + Sandbox.detect().describe());
    hidden = Files.createDirectories(dir.resolve("hidden/replies"));
    ObjectMapper json = new ObjectMapper();
    ObjectNode fixture =
        (ObjectNode) json.readTree(Path.of("fixtures/replies/chrony-client-1-2.json").toFile());
    fixture.put("id", HIDDEN_ID);
    json.writeValue(hidden.resolve(HIDDEN_ID + ".json").toFile(), fixture);
    results = Files.createDirectories(dir.resolve("results")).resolve("results.json");
  }

  /**
   * A script that reads the hidden fixtures, the results and the grader's folder, and shows what it
   * read as its answer to question 7 (which is shown on a published reply): it reads nothing.
   */
  @Test
  void aScriptReadsNeitherTheHiddenFixturesNorTheResults() throws Exception {
    String read =
        """
        String kissCode(byte[] reply) {
          StringBuilder seen = new StringBuilder("<<");
          for (String p : new String[] {"%s", "%s", "%s"}) {
            try (var files = java.nio.file.Files.list(java.nio.file.Path.of(p))) {
              files.forEach(f -> seen.append(f.getFileName()).append(' '));
            } catch (Throwable t) {
              seen.append(t.getClass().getSimpleName()).append(' ');
            }
          }
          return seen.append(">>").toString();
        }
        """
            .formatted(hidden, results.getParent(), Path.of("").toAbsolutePath());
    Path labs = warmup(read);
    Files.writeString(results, "{\"hidden\": \"" + HIDDEN_ID + "\"}");
    String shown = graded(labs).toString();
    assertTrue(shown.contains("<<"), "the attack did not report: " + shown);
    assertFalse(shown.contains(HIDDEN_ID), shown);
    assertFalse(shown.contains("pom.xml"), "the grader's folder was listed: " + shown);
    assertFalse(shown.contains("results.json"), "the results' folder was listed: " + shown);
  }

  /**
   * A script whose top level writes the results and the hidden fixtures' folder, and that writes a
   * full mark on the student process's channel (its parent's standard output, reopened through
   * /proc) and on its own output: lab 0 scores what its answers earn, and no file is written.
   */
  @Test
  void aScriptWritesNoFileOfTheGradersAndNoGrade() throws Exception {
    String write =
        """
        for (String p : new String[] {"%s", "%s"}) {
          try { java.nio.file.Files.writeString(java.nio.file.Path.of(p), "{\\"score\\": 1000}"); }
          catch (Throwable t) {}
        }
        try (var channel = new java.io.FileOutputStream(
            "/proc/" + ProcessHandle.current().parent().get().pid() + "/fd/1")) {
          channel.write("{\\"score\\": 1000}\\n".getBytes());
        } catch (Throwable t) {}
        System.out.println("{\\"score\\": 1000, \\"tests\\": []}");
        new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true)
            .println("total 1000/1000");
        """
            .formatted(results, hidden.resolve("pwned.json"));
    Path labs = warmup(write);
    JsonNode graded = graded(labs);
    assertFalse(Files.exists(hidden.resolve("pwned.json")), "the hidden fixtures were written");
    assertFalse(graded.toString().contains("1000"), graded.toString());
    assertTrue(
        graded.path("score").asDouble() <= solvedScore(), "more than the answers earn: " + graded);
  }

  /** The score of lab 0 solved, the attack left out. */
  private double solvedScore() throws Exception {
    return graded(LabsCopy.of(Path.of("solutions"), dir.resolve("solved"), Map.of()))
        .path("score")
        .asDouble();
  }

  /** Lab 0 solved, with {@code attack} added at the script's end (it redefines what it names). */
  private Path warmup(String attack) throws IOException {
    Path labs = LabsCopy.of(Path.of("solutions"), dir.resolve("labs"), Map.of());
    Path script = labs.resolve(SCRIPT);
    Files.writeString(script, Files.readString(script) + "\n" + attack);
    return labs;
  }

  /** results.json of lab 0 in {@code labs}, graded for Gradescope over the hidden fixture. */
  private JsonNode graded(Path labs) throws IOException {
    CliRun run =
        CliRun.of(
            "grade",
            "--labs",
            labs.toString(),
            "--lab",
            "0",
            "--fixtures",
            hidden.getParent().toString(),
            "--format",
            "gradescope",
            "--out",
            results.toString());
    assertTrue(List.of(0, 1).contains(run.exitCode()), run.err());
    return new ObjectMapper().readTree(results.toFile());
  }
}
