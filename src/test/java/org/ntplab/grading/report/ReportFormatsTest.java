package org.ntplab.grading.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;
import org.ntplab.testing.Golden;

/**
 * The three report formats, byte for byte, against src/test/resources/golden/grading/: the grade
 * table, {@code ntplab grade --format json} and results.json, for one fixed report with every kind
 * of outcome. After an intended change to a format, rewrite the files with {@code mvn -o -q -B test
 * -Psolutions -Dtest=ReportFormatsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dntplab.golden.update=true} and read the diff before committing it: the diff is the review.
 */
class ReportFormatsTest {

  /**
   * Two labs, every kind of outcome, a first failure of several lines, a frame, quotes to escape.
   */
  static GradeReport everyOutcome() {
    return new GradeReport(
        List.of(
            new ExerciseResult(Lab.of(2), "lab2 decode: stratum", 2, new Outcome.Passed(625)),
            new ExerciseResult(
                Lab.of(2),
                "lab2 decode: referenceId",
                5,
                new Outcome.Failed(
                    233,
                    625,
                    "fixture chrony-4.3 (reply), field referenceId: referenceId(packet): expected \"GPS\", got \"71.80.83.0\"")),
            new ExerciseResult(
                Lab.of(2),
                "lab2 decode: mode",
                2,
                new Outcome.Errored(
                    "fixture chrony-4.3 (request), field mode: mode(packet) threw"
                        + " java.lang.ArrayIndexOutOfBoundsException: Index 48 out of bounds for length 48"
                        + "\n    at org.ntplab.labs.decode.Decoder.mode(Decoder.java:31)")),
            new ExerciseResult(
                Lab.of(2),
                "lab2 decode: poll",
                2,
                new Outcome.TimedOut(
                    "fixture chrony-4.3 (request), field poll: poll(packet) did not return within 2 s (an endless loop?)")),
            new ExerciseResult(
                Lab.of(3),
                "lab3 encode: client request",
                10,
                new Outcome.Failed(
                    40,
                    40,
                    "fixture chrony-4.3 (request), field transmitTime: clientRequest(4, 0xe8a5b2c1_3f7ced91):"
                        + " bytes differ, first at offset 40"
                        + "\n  0020 expected  00  00  00  00   00  00  00  00  [e8][a5][b2][c1] [3f][7c][ed][91]"
                        + "\n       actual    00  00  00  00   00  00  00  00  [91][ed][7c][3f] [c1][b2][a5][e8]")),
            new ExerciseResult(
                Lab.of(3),
                "lab3 encode: server reply",
                10,
                new Outcome.NotStarted(
                    "Lab 3: implement serverReply: write the 48-byte header, fields big-endian"))));
  }

  @Test
  void theGradeTable() {
    Golden.assertMatches("grading/grade-table.txt", GradeTable.render(everyOutcome()));
  }

  @Test
  void theJsonThatGradeFormatJsonPrints() {
    Golden.assertMatches("grading/grade.json", ReportJson.text(everyOutcome()));
  }

  @Test
  void resultsJsonAsWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.json");
    GradescopeJson.write(everyOutcome(), file);
    assertEquals(
        GradescopeJson.text(everyOutcome()), Files.readString(file, StandardCharsets.UTF_8));
    Golden.assertMatches("grading/results.json", Files.readString(file, StandardCharsets.UTF_8));
  }
}
