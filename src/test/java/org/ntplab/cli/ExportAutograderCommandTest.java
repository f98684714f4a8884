package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-autograder}: the zip's own setup.sh builds the workbench in a simulated Gradescope
 * root (a temp folder, apt skipped, Maven offline), then its run_autograder grades each shape a
 * student may upload, as Gradescope would run it.
 */
class ExportAutograderCommandTest {

  private static final Path WORKBENCH = Path.of("").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HIDDEN_ID = "instructor-secret-reply";

  @TempDir static Path root;
  private static CliRun export;

  /**
   * Labs 1 and 2 (20 + 30 points), one hidden fixture, its tests shown once grades are published.
   */
  @BeforeAll
  static void exportUnpackAndSetUp() throws Exception {
    Path hidden = root.resolve("hidden");
    Files.createDirectories(hidden.resolve("replies"));
    ObjectNode fixture =
        (ObjectNode)
            JSON.readTree(WORKBENCH.resolve("fixtures/replies/chrony-client-1-2.json").toFile());
    fixture.put("id", HIDDEN_ID);
    JSON.writeValue(hidden.resolve("replies/" + HIDDEN_ID + ".json").toFile(), fixture);
    Path zip = root.resolve("autograder.zip");
    export =
        CliRun.of(
            "export-autograder",
            zip.toString(),
            "--labs",
            "1,2",
            "--fixtures",
            hidden.toString(),
            "--visibility",
            "after_published");
    assertEquals(0, export.exitCode(), export.err());
    unzip(zip, Files.createDirectories(root.resolve("autograder/source")));
    Process setup = script("setup.sh", "NTPLAB_SKIP_APT", "1", "NTPLAB_MAVEN_ARGS", "-o");
    assertTrue(setup.waitFor(10, TimeUnit.MINUTES), "setup.sh ran over 10 minutes");
    assertEquals(0, setup.exitValue(), Files.readString(root.resolve("setup.log")));
  }

  @Test
  void theZipHoldsGradescopesScriptsAtItsTopRunnableTheWorkbenchAndTheHiddenFixtures()
      throws IOException {
    Path source = root.resolve("autograder/source");
    assertTrue(
        Files.isExecutable(source.resolve("setup.sh"))
            && Files.isExecutable(source.resolve("run_autograder")));
    assertTrue(Files.isRegularFile(source.resolve("workbench/pom.xml")));
    assertTrue(
        Files.isRegularFile(source.resolve("hidden-fixtures/replies/" + HIDDEN_ID + ".json")));
    assertFalse(Files.exists(source.resolve("workbench/solutions")));
    assertTrue(
        export.out().contains("1 hidden fixture (their tests shown once the grades are published)"),
        export.out());
  }

  @Test
  void aRepositoryUploadWithBothLabsSolvedGetsFullMarks() throws Exception {
    Path upload = submission("repository");
    solve(upload.resolve("labs"), "01-timestamps", "02-decode");
    Files.writeString(
        Files.createDirectories(upload.resolve(".git")).resolve("HEAD"), "ref: refs/heads/main\n");
    Files.writeString(upload.resolve("pom.xml"), "<project/>");
    JsonNode results = grade(upload);
    assertEquals(50, results.path("score").asInt());
    assertVisibility(results);
  }

  @Test
  void aZipWithTheLabsTwoFoldersDownIsFound() throws Exception {
    Path upload = submission("zip");
    Path labs = upload.resolve("handin/ntplab-class-main/labs");
    solve(labs, "02-decode");
    stub(labs, "01-timestamps");
    JsonNode results = grade(upload);
    assertEquals(30, results.path("score").asInt());
    assertTrue(
        results
            .path("output")
            .asText()
            .startsWith("graded the lab folders in handin/ntplab-class-main/labs/"),
        results.path("output").asText());
    assertVisibility(results);
  }

  @Test
  void labFoldersAtTheTopAreGraded() throws Exception {
    Path upload = submission("folders");
    solve(upload, "01-timestamps");
    stub(upload, "02-decode");
    JsonNode results = grade(upload);
    assertEquals(20, results.path("score").asInt());
    assertVisibility(results);
  }

  @Test
  void looseFilesArePutIntoTheirLabFoldersByPackage() throws Exception {
    Path upload = submission("loose");
    Files.copy(
        WORKBENCH.resolve("solutions/02-decode/Decoder.java"), upload.resolve("Decoder.java"));
    Files.createDirectories(upload.resolve("src"));
    Files.copy(
        WORKBENCH.resolve("solutions/01-timestamps/Timestamps.java"),
        upload.resolve("src/Timestamps.java"));
    JsonNode results = grade(upload);
    assertEquals(50, results.path("score").asInt(), results.path("output").asText());
    assertTrue(results.path("output").asText().contains("put Decoder.java in 02-decode/"));
    assertVisibility(results);
  }

  @Test
  void anUploadWithNoLabsGetsResultsSayingWhatWasExpected() throws Exception {
    Path upload = submission("nothing");
    Files.writeString(upload.resolve("notes.txt"), "I did lab 2");
    JsonNode results = grade(upload);
    assertEquals(0, results.path("score").asInt());
    String output = results.path("output").asText();
    assertTrue(output.startsWith("No labs found in your upload."), output);
    assertTrue(
        output.contains("labs/") && output.contains("Decoder.java") && output.contains("notes.txt"),
        output);
  }

  /**
   * Hidden-fixture tests at the chosen visibility, the others visible; the hidden fixture never
   * named.
   */
  private static void assertVisibility(JsonNode results) {
    int hidden = 0;
    int sum = 0;
    for (JsonNode test : results.path("tests")) {
      boolean onHidden = test.path("name").asText().endsWith(" (hidden fixtures)");
      assertEquals(
          onHidden ? "after_published" : "visible",
          test.path("visibility").asText(),
          test.toString());
      hidden += onHidden ? 1 : 0;
      sum += test.path("score").asInt();
    }
    assertTrue(hidden > 0, "lab 2's exercises have cases on the hidden fixture");
    assertEquals(results.path("score").asInt(), sum, "the tests add up to the score");
    assertFalse(results.toString().contains(HIDDEN_ID), "the hidden fixture's id is never shown");
  }

  /**
   * Runs the zip's run_autograder on {@code upload} as Gradescope would; it must exit 0 and leave
   * results.json.
   */
  private static JsonNode grade(Path upload) throws Exception {
    Path ag = root.resolve("autograder");
    Path submission = ag.resolve("submission");
    if (Files.exists(submission)) {
      Files.move(submission, root.resolve("graded-" + System.nanoTime()));
    }
    Files.move(upload, submission);
    Process run = script("run_autograder");
    assertTrue(run.waitFor(5, TimeUnit.MINUTES), "run_autograder ran over 5 minutes");
    assertEquals(
        0,
        run.exitValue(),
        "a partial score is not a failed autograder: "
            + Files.readString(root.resolve("run_autograder.log")));
    return JSON.readTree(ag.resolve("results/results.json").toFile());
  }

  private static synchronized Process script(String name, String... env) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(root.resolve("autograder/source/" + name).toString())
            .directory(root.resolve("autograder").toFile())
            .redirectErrorStream(true)
            .redirectOutput(root.resolve(name.replace(".sh", "") + ".log").toFile());
    pb.environment().put("NTPLAB_AUTOGRADER_ROOT", root.resolve("autograder").toString());
    for (int i = 0; i < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    return pb.start();
  }

  private static Path submission(String name) throws IOException {
    return Files.createDirectories(root.resolve("uploads").resolve(name));
  }

  private static void solve(Path labs, String... folders) throws IOException {
    copy(WORKBENCH.resolve("solutions"), labs, folders);
  }

  private static void stub(Path labs, String... folders) throws IOException {
    copy(WORKBENCH.resolve("labs"), labs, folders);
  }

  private static void copy(Path from, Path labs, String... folders) throws IOException {
    for (String folder : folders) {
      try (Stream<Path> files = Files.walk(from.resolve(folder))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path to = labs.resolve(folder).resolve(from.resolve(folder).relativize(f).toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
    }
  }

  /**
   * Unpacks as Gradescope does, modes included (read back from the zip's Unix attributes by zipfs).
   */
  private static void unzip(Path zip, Path into) throws IOException {
    try (var fs =
            java.nio.file.FileSystems.newFileSystem(
                zip, java.util.Map.of("enablePosixFileAttributes", "true"));
        Stream<Path> all = Files.walk(fs.getPath("/"))) {
      for (Path p : all.toList()) {
        Path to = into.resolve(p.toString().substring(1));
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
          Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(p));
        }
      }
    }
  }
}
