package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ntplab grade}: one labs folder, and a folder of students' submissions. */
class GradeCommandTest {

  private static final Path SOLUTIONS = Path.of("solutions");
  private static final String DECODER = "02-decode/Decoder.java";

  /** Poll: a method no other one calls, so breaking it costs its 2 points alone. */
  private static final String POLL = "return packet[2];";

  @TempDir Path dir;

  /** A copy of solutions/ with one replacement in one file. */
  private Path solutionsWith(String name, String file, String from, String to) throws IOException {
    Path copy = dir.resolve(name);
    try (Stream<Path> all = Files.walk(SOLUTIONS)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = copy.resolve(SOLUTIONS.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    if (file != null) {
      Path edited = copy.resolve(file);
      String text = Files.readString(edited);
      assertTrue(text.contains(from), "the solution changed: " + from);
      Files.writeString(edited, text.replace(from, to));
    }
    return copy;
  }

  @Test
  void solvedLabsGetFullMarksAsGradescopeJson() throws Exception {
    Path labs = solutionsWith("solved", null, null, null);
    Path results = dir.resolve("out/results.json");
    CliRun run =
        CliRun.of(
            "grade",
            "--labs",
            labs.toString(),
            "--format",
            "gradescope",
            "--out",
            results.toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode root = new ObjectMapper().readTree(results.toFile());
    assertTrue(root.get("max_score").asInt() > 0);
    assertEquals(root.get("max_score").asInt(), root.get("score").asInt());
  }

  @Test
  void aLabThatDoesNotCompileIsReportedLikeJavacAndTheOthersAreGraded() throws Exception {
    Path labs = solutionsWith("typo", DECODER, POLL, "return packet[2]");
    CliRun run = CliRun.of("grade", "--labs", labs.toString(), "--lab", "2");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(
        run.out().matches("(?s).*typo/02-decode/Decoder.java:\\d+: error: ';' expected.*"),
        run.out());
    CliRun json = CliRun.of("grade", "--labs", labs.toString(), "--lab", "4", "--format", "json");
    assertEquals(0, json.exitCode(), json.out() + json.err());
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertEquals(root.get("max_score").asInt(), root.get("score").asInt());
    assertEquals("passed", root.get("results").get(0).get("outcome").get("status").asText());
  }

  /**
   * An instructor's hidden fixture that is broken: one line naming the file and line, not a grade
   * of 0.
   */
  @Test
  void aBrokenHiddenFixtureIsNamedWithItsLine() throws Exception {
    Path hidden = Files.createDirectories(dir.resolve("hidden"));
    Path bad =
        Files.writeString(
            hidden.resolve("bad.json"), "{\n  \"id\": \"bad\",\n  \"reply\": \"24zz\"\n}\n");
    CliRun run =
        CliRun.of(
            "grade",
            "--labs",
            solutionsWith("solved", null, null, null).toString(),
            "--lab",
            "2",
            "--fixtures",
            hidden.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(
        "ntplab grade: "
            + bad
            + ": line 3, field \"reply\": in the hex, line 1, column 3: 'z' is not a hex digit\n",
        run.err());

    CliRun batch =
        CliRun.of(
            "grade",
            "--submissions",
            dir.resolve("nobody").toString(),
            "--out",
            dir.resolve("grades").toString(),
            "--fixtures",
            hidden.toString());
    assertEquals(2, batch.exitCode(), batch.err());
    assertTrue(
        batch.err().startsWith("ntplab grade: " + bad + ": line 3"),
        "once, before any submission: " + batch.err());
  }

  @Test
  void badUsageExitsTwo() {
    assertEquals(2, CliRun.of("grade", "--lab", "99").exitCode());
    assertEquals(2, CliRun.of("grade", "--format", "xml").exitCode());
    assertEquals(2, CliRun.of("grade", "--labs", dir.resolve("nowhere").toString()).exitCode());
    CliRun batch = CliRun.of("grade", "--submissions", dir.toString(), "--format", "gradescope");
    assertEquals(2, batch.exitCode());
    assertEquals(
        "ntplab grade: --format grades one labs folder: with --submissions every subfolder is one, and the"
            + " grades go to grades.csv and grades.json in --out\n",
        batch.err());
  }

  @Test
  void aBatchGradesEverySubmissionWhateverEachDoes() throws Exception {
    Path handins = Files.createDirectories(dir.resolve("handins"));
    Files.move(solutionsWith("good", null, null, null), handins.resolve("good"));
    Files.move(solutionsWith("wrong", DECODER, POLL, "return 99;"), handins.resolve("wrong"));
    Files.move(
        solutionsWith("typo", "03-encode/Encoder.java", "return packet;", "return packet"),
        handins.resolve("typo"));
    Files.move(solutionsWith("loops", DECODER, POLL, "for (;;) { }"), handins.resolve("loops"));
    Files.move(
        solutionsWith("exits", DECODER, POLL, "System.exit(3); return 0;"),
        handins.resolve("exits"));
    Files.move(
        solutionsWith(
            "prints", DECODER, POLL, "for (;;) { System.out.print(\"x\".repeat(8192)); }"),
        handins.resolve("prints"));
    // A whole repository, its labs/ one folder down; the same as a zip; and what is no hand-in.
    Path repo = Files.createDirectories(handins.resolve("repo"));
    Files.writeString(repo.resolve("README.md"), "my labs\n");
    Files.move(solutionsWith("repo-labs", DECODER, POLL, "return 98;"), repo.resolve("labs"));
    zip(
        solutionsWith("zipped-labs", DECODER, POLL, "return 97;"),
        "project/labs",
        handins.resolve("zipped.zip"));
    Files.createDirectories(handins.resolve("empty"));
    Files.writeString(handins.resolve("notes.txt"), "not a hand-in\n");
    Path out = dir.resolve("grades");

    CliRun run =
        CliRun.of(
            "grade", "--submissions", handins.toString(), "--out", out.toString(), "--jobs", "2");
    assertEquals(1, run.exitCode(), "two entries were skipped: " + run.out() + run.err());

    Map<String, Map<String, String>> rows = csv(out.resolve("grades.csv"));
    assertEquals(
        List.of(
            "empty",
            "exits",
            "good",
            "loops",
            "notes.txt",
            "prints",
            "repo",
            "typo",
            "wrong",
            "zipped"),
        List.copyOf(rows.keySet()));
    Map<String, String> good = rows.get("good");
    assertEquals(good.get("max"), good.get("total"));
    // Each broken submission loses its own lab's points and nothing else.
    assertOnlyLabDiffers(good, rows.get("wrong"), "lab2", 2);
    assertOnlyLabDiffers(good, rows.get("loops"), "lab2", 2);
    assertOnlyLabDiffers(good, rows.get("exits"), "lab2", 2);
    assertOnlyLabDiffers(good, rows.get("repo"), "lab2", 2);
    assertOnlyLabDiffers(good, rows.get("zipped"), "lab2", 2);
    // Printing without end fills neither the disk nor the log: the child's output is cut at its
    // limit.
    assertOnlyLabDiffers(good, rows.get("prints"), "lab2", 2);
    try (var files = Files.walk(out.resolve("work/prints"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertTrue(Files.size(f) <= (2 << 20), f + ": " + Files.size(f) + " bytes");
      }
    }
    assertOnlyLabDiffers(good, rows.get("typo"), "lab3", Integer.parseInt(good.get("lab3")));
    assertEquals("", rows.get("empty").get("total"));
    assertEquals("", rows.get("notes.txt").get("total"));
    assertEquals("skipped: an empty folder", rows.get("empty").get("note"));

    JsonNode json = new ObjectMapper().readTree(out.resolve("grades.json").toFile());
    assertTrue(json.get("ntplab").asText().startsWith("ntplab "), json.toString());
    assertEquals(1, json.get("fixtures").size(), json.toString());
    assertTrue(
        json.get("fixtures").elements().next().asText().matches("sha256:[0-9a-f]{64}, \\d+ files"),
        json.toString());
    JsonNode graded = json.get("submissions");
    String exit = poll(graded.get("exits")).get("outcome").get("message").asText();
    assertTrue(
        exit.startsWith("fixture ")
            && exit.contains(
                ", field poll: poll(packet): your code called"
                    + " System.exit(3) — a lab must return its answer"),
        exit);
    assertEquals("timed_out", poll(graded.get("loops")).get("outcome").get("status").asText());
    assertEquals("skipped: an empty folder", graded.get("empty").get("error").asText());
    assertEquals(
        "skipped: a file, not a folder or a .zip", graded.get("notes.txt").get("error").asText());
    assertTrue(
        run.out().contains("student")
            && run.out().contains("good")
            && run.out().contains("grades.csv"),
        run.out());
    assertTrue(run.err().contains("grading wrong"), run.err());

    // Feedback to hand out: one file per student, the lost exercise and why; nothing of the
    // grader's.
    String wrong = Files.readString(out.resolve("feedback/wrong.md"));
    assertTrue(wrong.startsWith("# ntplab grade: wrong\n"), wrong);
    assertTrue(wrong.contains("### lab2 decode: poll (0/2)") && wrong.contains("expected"), wrong);
    assertTrue(
        Files.readString(out.resolve("feedback/empty.md")).contains("skipped: an empty folder"));
    assertTrue(Files.readString(out.resolve("feedback/good.md")).contains("(full marks)"));
    assertTrue(Files.readString(out.resolve("feedback/wrong.html")).contains("lab2 decode: poll"));
  }

  @Test
  void aBatchNeitherGradesItsOwnOutputNorOverwritesGrades() throws Exception {
    Path handins = Files.createDirectories(dir.resolve("handins"));
    CliRun inside =
        CliRun.of(
            "grade",
            "--submissions",
            handins.toString(),
            "--out",
            handins.resolve("grades").toString());
    assertEquals(2, inside.exitCode(), inside.err());
    assertTrue(inside.err().contains("is inside --submissions"), inside.err());
    assertTrue(Files.notExists(handins.resolve("grades")));

    CliRun shown =
        CliRun.of(
            "grade",
            "--submissions",
            handins.toString(),
            "--out",
            dir.resolve("shown").toString(),
            "--show-hidden");
    assertEquals(2, shown.exitCode(), shown.err());
    assertTrue(shown.err().contains("--show-hidden does not go with --submissions"), shown.err());

    Path out = Files.createDirectories(dir.resolve("grades"));
    Files.writeString(out.resolve("grades.csv"), "student,total\nalice,10\n");
    CliRun again = CliRun.of("grade", "--submissions", handins.toString(), "--out", out.toString());
    assertEquals(2, again.exitCode(), again.err());
    assertEquals(
        "ntplab grade: "
            + out
            + " holds the grades of an earlier run: --force replaces them, or choose"
            + " another --out\n",
        again.err());
    assertEquals("student,total\nalice,10\n", Files.readString(out.resolve("grades.csv")));
  }

  /** {@code from}'s files into a new zip at {@code zip}, under the folder {@code under}. */
  private static void zip(Path from, String under, Path zip) throws IOException {
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> all = Files.walk(from)) {
      for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(
            new java.util.zip.ZipEntry(
                under + "/" + from.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
  }

  private static JsonNode poll(JsonNode report) {
    for (JsonNode r : report.get("results")) {
      if (r.get("name").asText().equals("lab2 decode: poll")) {
        return r;
      }
    }
    throw new AssertionError("no poll in " + report);
  }

  private static void assertOnlyLabDiffers(
      Map<String, String> good, Map<String, String> row, String lab, int lost) {
    for (String column : good.keySet()) {
      if (column.equals("note")) {
        continue;
      }
      int expected = Integer.parseInt(good.get(column));
      if (column.equals(lab) || column.equals("total")) {
        expected -= lost;
      }
      assertEquals(expected, Integer.parseInt(row.get(column)), column + " in " + row);
    }
  }

  /** Student to column to cell. */
  /** A CSV line's cells, a quoted one unquoted ({@code ""} inside it is one quote). */
  private static String[] cells(String line) {
    List<String> cells = new java.util.ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells.toArray(String[]::new);
  }

  private static Map<String, Map<String, String>> csv(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      List<String> header = Arrays.asList(lines.get(0).split(","));
      assertEquals("student", header.get(0));
      assertEquals(
          List.of("total", "max", "note"), header.subList(header.size() - 3, header.size()));
      Map<String, Map<String, String>> rows = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = cells(line);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i < cells.length; i++) {
          row.put(header.get(i), cells[i]);
        }
        rows.put(cells[0], row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
