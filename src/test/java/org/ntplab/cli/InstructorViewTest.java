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
}
