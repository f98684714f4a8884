package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export-student}: the copy students get has all they need and not the answers. */
class ExportStudentCommandTest {

  /** The workbench under test (surefire runs in it). */
  private static final Path WORKBENCH = Path.of("").toAbsolutePath();

  @TempDir static Path shared;
  private static Path copy;
  private static CliRun export;

  @TempDir Path dir;

  /**
   * One export of the real workbench, from where this ntplab was built (no --from), for the
   * read-only tests.
   */
  @BeforeAll
  static void exportTheWorkbench() {
    copy = shared.resolve("student");
    export = CliRun.of("export-student", copy.toString());
  }

  @Test
  void theCopyHoldsWhatAStudentNeedsAndSaysWhatItWrote() throws IOException {
    assertEquals(0, export.exitCode(), export.err());
    for (String needed :
        List.of(
            "pom.xml",
            "mvnw.cmd",
            ".mvn/wrapper/maven-wrapper.properties",
            "README.md",
            ".gitignore",
            "labs/README.md",
            "fixtures/README.md",
            "src/main/java/org/ntplab/grading/Grading.java",
            "src/test/java/org/ntplab/grading/GradeLabsTest.java")) {
      assertTrue(Files.isRegularFile(copy.resolve(needed)), needed);
    }
    assertTrue(Files.isExecutable(copy.resolve("mvnw")), "mvnw keeps its x bit");
    assertTrue(Files.isExecutable(copy.resolve("ntplab")), "ntplab keeps its x bit");
    assertTrue(
        export
            .out()
            .startsWith("wrote " + files(copy).size() + " files to " + copy + " (no solutions/"),
        export.out());
    assertTrue(export.out().contains("cd " + copy + " && mvn test"), export.out());
  }

  @Test
  void theCopyHasNoSolutionsGitCiOrBuildOutput() throws IOException {
    for (String absent : List.of("solutions", ".git", ".ci", "target")) {
      assertFalse(Files.exists(copy.resolve(absent)), absent);
    }
    for (Path file : files(copy)) {
      assertFalse(
          file.toString().endsWith(".class")
              || file.startsWith("target")
              || file.toString().contains("/target/"),
          file.toString());
    }
  }

  @Test
  void theCopyHasTheStubsAndTheProjectsOwnFixturesAsTheyAre() throws IOException {
    assertEquals(contents(WORKBENCH.resolve("labs")), contents(copy.resolve("labs")));
    assertEquals(files(WORKBENCH.resolve("fixtures")), files(copy.resolve("fixtures")));
  }

  @Test
  void noFileInTheCopyHoldsASolvedLab() throws IOException {
    // These tests run in a student copy too (its mvn test), which has no answers to look for.
    assumeTrue(
        Files.isDirectory(WORKBENCH.resolve("solutions")), "no solutions/ here: a student copy");
    Map<Path, String> solved = new TreeMap<>();
    for (var solution : contents(WORKBENCH.resolve("solutions")).entrySet()) {
      Path stub = WORKBENCH.resolve("labs").resolve(solution.getKey().toString());
      if (!Files.exists(stub)
          || !solution.getValue().equals(Files.readString(stub, StandardCharsets.ISO_8859_1))) {
        solved.put(solution.getKey(), solution.getValue());
      }
    }
    assertFalse(solved.isEmpty(), "solutions/ has solved files");
    // Passages, not single lines: the reference in src/main shares a short idiom or two with them.
    List<String> passages = new ArrayList<>();
    solved.forEach(
        (path, text) -> {
          List<String> lines = lines(text);
          Path stub = WORKBENCH.resolve("labs").resolve(path.toString());
          List<String> stubLines = Files.exists(stub) ? lines(read(stub)) : List.of();
          for (int i = 0; i + 5 <= lines.size(); i++) {
            List<String> passage = lines.subList(i, i + 5);
            if (passage.stream().noneMatch(stubLines::contains)) {
              passages.add(String.join("\n", passage));
            }
          }
        });
    assertFalse(passages.isEmpty());
    for (Path file : files(copy)) {
      String text = read(copy.resolve(file.toString()));
      assertFalse(solved.containsValue(text), file + " is a solution");
      String normalised = String.join("\n", lines(text));
      for (String passage : passages) {
        assertFalse(normalised.contains(passage), file + " holds solved code:\n" + passage);
      }
    }
  }

  /**
   * A backquoted or linked path with a slash in it: {@code `fixtures/`}, {@code
   * [x](01-timestamps/README.md)}.
   */
  private static final Pattern PATH = Pattern.compile("`([^`\\s]*/[^`\\s]*)`|\\]\\(([^)\\s]+)\\)");

  @Test
  void everyPathTheLabsMentionIsInTheCopyAndNoneIsSolutions() throws IOException {
    List<String> checked = new ArrayList<>();
    for (Path file : files(copy.resolve("labs"))) {
      Path doc = copy.resolve("labs").resolve(file.toString());
      String text = read(doc);
      assertFalse(
          text.contains("solutions"),
          "labs/" + file + " mentions solutions/, which students do not get");
      if (!file.toString().endsWith(".md")) {
        continue;
      }
      Matcher m = PATH.matcher(text);
      while (m.find()) {
        String path = m.group(1) != null ? m.group(1) : m.group(2);
        if (path.contains("://") || path.startsWith("target/")) {
          continue; // the web, and what the build writes
        }
        boolean found =
            Files.exists(doc.getParent().resolve(path)) || Files.exists(copy.resolve(path));
        assertTrue(found, "labs/" + file + " mentions " + path + ", which the copy does not have");
        checked.add(path);
      }
    }
    assertFalse(checked.isEmpty(), "the labs' READMEs name paths (the lab folders, fixtures/)");
  }

  @Test
  void aFolderThatIsNotEmptyIsRefusedUnlessForced() throws IOException {
    Path workbench = smallWorkbench();
    Path notes =
        Files.writeString(Files.createDirectories(dir.resolve("out")).resolve("notes.txt"), "mine");
    CliRun refused =
        CliRun.of("export-student", dir.resolve("out").toString(), "--from", workbench.toString());
    assertEquals(2, refused.exitCode());
    assertEquals(
        "ntplab export-student: "
            + dir.resolve("out")
            + " is not empty (use --force to write into it anyway)\n",
        refused.err());
    assertEquals(List.of(Path.of("notes.txt")), files(dir.resolve("out")));

    CliRun forced =
        CliRun.of(
            "export-student",
            dir.resolve("out").toString(),
            "--from",
            workbench.toString(),
            "--force");
    assertEquals(0, forced.exitCode(), forced.err());
    assertEquals("mine", Files.readString(notes));
    assertTrue(Files.exists(dir.resolve("out/labs/01-one/One.java")));
  }

  @Test
  void onlyTheStudentsPartIsCopiedWithoutBuildOutputOrEditorFiles() throws IOException {
    Path workbench = smallWorkbench();
    write(workbench.resolve("target/ntplab.jar"), "jar");
    write(workbench.resolve("labs/01-one/One.class"), "class");
    write(workbench.resolve("src/.idea/workspace.xml"), "ide");
    write(workbench.resolve(".ci/run"), "ci");
    write(workbench.resolve("notes/plan.md"), "instructor's notes");
    CliRun run =
        CliRun.of("export-student", dir.resolve("out").toString(), "--from", workbench.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        List.of(
            Path.of("README.md"),
            Path.of("fixtures/replies/a.json"),
            Path.of("labs/01-one/One.java"),
            Path.of("pom.xml"),
            Path.of("src/main/java/X.java")),
        files(dir.resolve("out")));
    assertTrue(run.out().startsWith("wrote 5 files to "), run.out());
  }

  @Test
  void labsThatHoldTheSolutionsAreRefused() throws IOException {
    Path workbench = smallWorkbench();
    // The solution with its comment reworded, its layout changed and a note added: the same code.
    write(
        workbench.resolve("labs/01-one/One.java"),
        "class One { /* mine now */ int one() { return 1; } }\n");
    write(workbench.resolve("labs/01-one/NOTES.md"), "what I did");
    CliRun run =
        CliRun.of("export-student", dir.resolve("out").toString(), "--from", workbench.toString());
    assertEquals(2, run.exitCode());
    assertEquals(
        "ntplab export-student: labs/01-one/One.java is the same code as solutions/01-one/One.java: the"
            + " copy would hold the answer (restore the stubs, e.g. git checkout labs/)\n",
        run.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aStubThatDiffersFromItsSolutionInCodeIsExported() throws IOException {
    Path workbench = smallWorkbench();
    // One token apart from the solution (return 2): not the answer.
    write(workbench.resolve("labs/01-one/One.java"), "class One { int one() { return 2; } }");
    CliRun run =
        CliRun.of("export-student", dir.resolve("out").toString(), "--from", workbench.toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void aFolderInsideTheWorkbenchOrNoWorkbenchIsBadInput() throws IOException {
    Path workbench = smallWorkbench();
    CliRun inside =
        CliRun.of(
            "export-student",
            workbench.resolve("labs/copy").toString(),
            "--from",
            workbench.toString());
    assertEquals(2, inside.exitCode());
    assertTrue(inside.err().contains("is inside the workbench's labs"), inside.err());

    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun none =
        CliRun.of("export-student", dir.resolve("out").toString(), "--from", empty.toString());
    assertEquals(2, none.exitCode());
    assertEquals(
        "ntplab export-student: " + empty + " is not an ntplab workbench (no pom.xml)\n",
        none.err());
  }

  @Test
  void gitMakesARepositoryWithOneCommitOfTheCopy() throws IOException, InterruptedException {
    Path workbench = smallWorkbench();
    write(workbench.resolve(".gitignore"), "target/\n");
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of("export-student", out.toString(), "--from", workbench.toString(), "--git");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("git: committed the copy in " + out), run.out());
    assertEquals("1\n", git(out, "rev-list", "--count", "HEAD"));
    assertEquals(
        ".gitignore\nREADME.md\nfixtures/replies/a.json\nlabs/01-one/One.java\npom.xml\nsrc/main/java/X.java\n",
        git(out, "ls-files"));
  }

  private static final String STUB =
      "class One { int one() { throw new UnsupportedOperationException(); } }";
  private static final String SOLVED =
      "class One {\n  // The answer.\n  int one() {\n    return 1;\n  }\n}\n";

  private Path smallWorkbench() throws IOException {
    Path workbench = dir.resolve("workbench");
    write(workbench.resolve("pom.xml"), "<project/>");
    write(workbench.resolve("labs/01-one/One.java"), STUB);
    write(workbench.resolve("solutions/01-one/One.java"), SOLVED);
    // A real fixture: the student README counts each lab's points over the workbench's fixtures.
    Files.createDirectories(workbench.resolve("fixtures/replies"));
    Files.copy(
        WORKBENCH.resolve("fixtures/replies/chrony-client-1-2.json"),
        workbench.resolve("fixtures/replies/a.json"));
    write(workbench.resolve("src/main/java/X.java"), "class X {}");
    return workbench;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(Arrays.asList(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, git.waitFor(), out);
    return out;
  }

  /** Every regular file under {@code root}, relative to it, sorted. */
  private static List<Path> files(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  private static Map<Path, String> contents(Path root) throws IOException {
    Map<Path, String> contents = new TreeMap<>();
    for (Path file : files(root)) {
      contents.put(file, read(root.resolve(file.toString())));
    }
    return contents;
  }

  /** Any file as text: ISO-8859-1 decodes every byte, so binary captures compare too. */
  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
  }
}
