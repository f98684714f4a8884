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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.harness.Sandbox;
import org.ntplab.testing.SystemProperty;

/**
 * {@code export-autograder}: the zip's own setup.sh builds the workbench in a simulated Gradescope
 * root (a temp folder, apt skipped, Maven offline), then its run_autograder grades each shape a
 * student may upload, as Gradescope would run it.
 */
class ExportAutograderCommandTest {

  private static final Path WORKBENCH = Path.of("").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HIDDEN_ID = "instructor-secret-reply";
  private static final String CLASS_LINE = "public class Decoder implements DecodeLab {";

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
   * Where bubblewrap cannot run (Gradescope's containers may forbid namespaces), the student's code
   * runs as nobody and sees the host's files: run_autograder closes the hidden fixtures and the
   * results to others before it grades.
   */
  @Test
  void theHiddenFixturesAndTheResultsAreClosedToOthersBeforeGrading() throws Exception {
    Path ag = root.resolve("autograder");
    Path hidden = ag.resolve("source/hidden-fixtures");
    Files.setPosixFilePermissions(hidden, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path upload = submission("closed");
    solve(upload.resolve("labs"), "01-timestamps");
    grade(upload);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hidden)));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(ag.resolve("results"))));
    try (var files = Files.walk(hidden)) {
      for (Path file : files.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        assertEquals("------", mode.substring(3), file + " " + mode);
      }
    }
  }

  /**
   * Behind the USER walls (nobody, no namespaces), hidden fixtures nobody could read are refused in
   * a line that names the chmod; closed, they are taken.
   */
  @Test
  void withoutBubblewrapHiddenFixturesOpenToOthersAreRefused(@TempDir Path open) throws Throwable {
    SystemProperty.with(
        "ntplab.sandbox",
        "user",
        () -> {
          try {
            Sandbox.detect();
          } catch (IllegalStateException e) {
            Assumptions.abort("the USER walls need root, setpriv and prlimit: " + e.getMessage());
          }
          Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
          Path fixture =
              Files.copy(
                  root.resolve("autograder/source/hidden-fixtures/replies/" + HIDDEN_ID + ".json"),
                  open.resolve("x.json"));
          Files.setPosixFilePermissions(fixture, PosixFilePermissions.fromString("rw-r--r--"));
          CliRun refused = CliRun.of("grade", "--lab", "1", "--fixtures", open.toString());
          assertEquals(2, refused.exitCode(), refused.out() + refused.err());
          assertTrue(
              refused.err().contains("could read them: chmod -R o-rwx " + open), refused.err());

          Files.setPosixFilePermissions(fixture, PosixFilePermissions.fromString("rw-------"));
          CliRun taken = CliRun.of("grade", "--lab", "1", "--fixtures", open.toString());
          assertFalse(taken.err().contains("could read them"), taken.err());
          assertTrue(taken.out().contains("lab1"), taken.out() + taken.err());
        });
  }

  /**
   * The hand-in's own results.json (at its top, in a results/ folder, as a link to the real one) is
   * a file like any other: the grade is the harness's, and no link of the hand-in is followed into
   * the results, the source or the hidden fixtures.
   */
  @Test
  void aHandInsOwnResultsJsonAndLinksIntoTheAutograderGainNothing() throws Exception {
    Path ag = root.resolve("autograder");
    Path hidden = ag.resolve("source/hidden-fixtures/replies/" + HIDDEN_ID + ".json");
    Path upload = submission("forged-results");
    solve(upload.resolve("labs"), "01-timestamps");
    String forged = "{\"score\": 1000, \"tests\": [], \"forged\": true}";
    Files.writeString(upload.resolve("results.json"), forged);
    Files.writeString(
        Files.createDirectories(upload.resolve("results")).resolve("results.json"), forged);
    Files.createSymbolicLink(
        upload.resolve("results/link.json"), ag.resolve("results/results.json"));
    // Lab 2 as a farm of links: to the hidden fixture, to the workbench's own folders.
    Path decode = Files.createDirectories(upload.resolve("labs/02-decode"));
    Files.createSymbolicLink(decode.resolve("Decoder.java"), hidden);
    Files.createSymbolicLink(decode.resolve("fixtures"), ag.resolve("source/hidden-fixtures"));
    Files.createSymbolicLink(upload.resolve("labs/03-client"), ag.resolve("source/workbench"));
    Files.createSymbolicLink(upload.resolve("answers.jsh"), hidden);
    String fixtureBefore = Files.readString(hidden);

    JsonNode results = grade(upload);
    assertEquals(20, results.path("score").asInt(), results.toString());
    assertFalse(results.has("forged"), results.toString());
    assertFalse(results.toString().contains(HIDDEN_ID), results.toString());
    assertEquals(fixtureBefore, Files.readString(hidden));
    assertVisibility(results);
  }

  /**
   * File names are the student's to choose, and run_autograder never lists the hand-in: names that
   * a careless script would take for options, globs or commands change nothing of the grade.
   */
  @Test
  void fileNamesThatAShellWouldActOnChangeNothing() throws Exception {
    Path upload = submission("names");
    solve(upload.resolve("labs"), "01-timestamps");
    stub(upload.resolve("labs"), "02-decode");
    for (String name :
        List.of(
            "-rf",
            "--fixtures",
            "--out",
            "*",
            "?",
            "$(touch pwned)",
            "`touch pwned`",
            "; touch pwned",
            "two\nlines",
            " spaced name ",
            "-rf.java")) {
      Files.writeString(upload.resolve(name), "x");
      Files.writeString(upload.resolve("labs/02-decode").resolve(name + ".txt"), "x");
    }
    JsonNode results = grade(upload);
    assertEquals(20, results.path("score").asInt(), results.toString());
    assertVisibility(results);
    try (Stream<Path> all = Files.walk(root)) {
      assertEquals(
          List.of(),
          all.filter(p -> p.getFileName().toString().equals("pwned")).toList(),
          "a file name was run as a command");
    }
  }

  /**
   * A lab that, while it is graded, writes the results (and a file beside every folder of
   * Gradescope's it can name) reaches none of them: the walls leave the student's code no path to
   * /autograder; without them (a student's own machine) it would.
   */
  @Test
  void aLabWritingTheResultsWhileGradedReachesNothingOfTheAutograder() throws Exception {
    Assumptions.assumeTrue(
        Sandbox.detect().walls() == Sandbox.Walls.FULL, "needs root and bubblewrap");
    Path ag = root.resolve("autograder");
    Path upload = submission("writer");
    solve(upload.resolve("labs"), "01-timestamps", "02-decode");
    List<Path> targets =
        List.of(
            ag.resolve("results/results.json"),
            ag.resolve("results/pwned"),
            ag.resolve("source/pwned"),
            ag.resolve("source/workbench/pwned"),
            ag.resolve("source/hidden-fixtures/replies/pwned.json"),
            ag.resolve("submission/pwned"),
            ag.resolve("pwned"));
    Path decoder = upload.resolve("labs/02-decode/Decoder.java");
    String attack =
        "static {\n"
            + targets.stream()
                .map(
                    t ->
                        "try { java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                            + t
                            + "\"), \"{\\\"score\\\": 1000}\"); } catch (Throwable e) {}\n")
                .collect(Collectors.joining())
            + "}\n";
    String source = Files.readString(decoder);
    Files.writeString(decoder, source.replace(CLASS_LINE, CLASS_LINE + "\n" + attack));
    assertTrue(Files.readString(decoder).contains("static {"), "the attack was not planted");

    JsonNode results = grade(upload);
    assertEquals(50, results.path("score").asInt(), results.toString());
    assertVisibility(results);
    for (Path t : targets.subList(1, targets.size())) {
      assertFalse(Files.exists(t), t + " was written by the student's code");
    }
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
