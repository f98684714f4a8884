package org.ntplab.grading.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.Failure;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;

/**
 * report.html: the wrong bytes highlighted and named, the student's words escaped, hidden fixtures
 * redacted.
 */
class HtmlReportTest {

  private static final Pattern HIGHLIGHTED =
      Pattern.compile("<span class=\"diff\">([0-9a-f]{2})</span>");

  @Test
  void aWrongStratumIsHighlightedInBothDumpsAndNamedByField() throws Exception {
    Corpus.TimePacket reply = FailedOnBytes.reply();
    int stratum = reply.bytes()[1] & 0xff;
    GradeReport report =
        FailedOnBytes.grade(reply, b -> FailedOnBytes.with(b, 1, stratum + 1), false);
    String html = HtmlReport.render(report, "../../labs");

    // Once in the reference's annotated dump, once in the student's bytes: the reference's value,
    // then theirs.
    assertEquals(
        List.of(String.format("%02x", stratum), String.format("%02x", stratum + 1)),
        highlighted(html));
    assertTrue(html.contains("<td>1</td><td>stratum</td>"), html);
    assertTrue(html.contains("stratum"), "the annotated dump names its fields");
    assertTrue(html.contains("fixture " + reply.label()) || html.contains(reply.label()), html);
    assertTrue(html.contains("href=\"../../labs/03-encode/README.md\""), html);
  }

  @Test
  void noByteIsHighlightedWhenEveryCasePasses() throws Exception {
    GradeReport report = FailedOnBytes.grade(FailedOnBytes.reply(), b -> b, false);
    assertTrue(report.fullMarks());
    assertEquals(List.of(), highlighted(HtmlReport.render(report, "labs")));
  }

  @Test
  void aMissingByteIsHighlightedAndSaidToBeMissing() throws Exception {
    GradeReport report =
        FailedOnBytes.grade(FailedOnBytes.reply(), b -> java.util.Arrays.copyOf(b, 47), false);
    String html = HtmlReport.render(report, "labs");
    assertEquals(1, highlighted(html).size(), html);
    assertTrue(html.contains("<td>47</td><td>transmit timestamp</td>"), html);
    assertTrue(html.contains("(none)"), html);
  }

  @Test
  void theStudentsWordsAreTextNeverMarkup() {
    String attack = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&amp;";
    Failure failure =
        new Failure(
            false,
            "edge",
            "kiss code",
            "kissCode(packet)",
            "\"RATE\"",
            attack,
            "expected \"RATE\", got " + attack,
            Optional.of(new byte[48]),
            Optional.empty(),
            List.of("kiss-code"));
    GradeReport report =
        new GradeReport(
            List.of(
                new ExerciseResult(
                    Lab.of(5), "lab5 checks: kiss code", 2, new Outcome.Failed(1, 3, failure)),
                new ExerciseResult(
                    Lab.of(5), "lab5 checks: verdict", 2, new Outcome.Errored("threw " + attack)),
                new ExerciseResult(
                    Lab.of(5),
                    "lab5 checks: problems",
                    2,
                    new Outcome.Failed(1, 3, "got " + attack))));
    String html = HtmlReport.render(report, "labs");
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("'x'"), html);
    assertTrue(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img"), html);
    assertTrue(html.contains("&amp;amp;"), "an entity the student wrote shows as they wrote it");
    assertTrue(
        html.contains("/README.md#rules-the-grader-checks\"><code>kiss-code</code></a>"),
        "the rule the case checks, linked to the README's list: " + html);
  }

  @Test
  void aHiddenFixtureShowsItsFieldOnlyAsTheTextReportDoes() throws Exception {
    Corpus.TimePacket reply = FailedOnBytes.reply();
    GradeReport report = FailedOnBytes.grade(reply, b -> FailedOnBytes.with(b, 1, 0x7f), true);
    Outcome.Failed failed = (Outcome.Failed) report.results().get(0).outcome();
    String html = HtmlReport.render(report, "labs");

    assertTrue(html.contains(Html.escape(failed.firstFailure())), html);
    assertTrue(
        failed.firstFailure().startsWith("a hidden fixture, field header"), failed.firstFailure());
    String id = reply.label().substring(0, reply.label().indexOf(" ("));
    assertFalse(html.contains(id), "no fixture id");
    assertEquals(List.of(), highlighted(html));
    assertFalse(html.contains("<pre>"), "no bytes");
    String someBytes = HexFormat.ofDelimiter(" ").formatHex(reply.bytes(), 16, 24);
    assertFalse(html.contains(someBytes), "no expected value");
  }

  @Test
  void writtenBesideTheGradeItLinksBackToTheLabsFolder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("target/grade/report.html");
    HtmlReport.write(
        FailedOnBytes.grade(FailedOnBytes.reply(), b -> FailedOnBytes.with(b, 0, 0), false),
        file,
        dir.resolve("labs"));
    String html = Files.readString(file);
    assertTrue(html.contains("href=\"../../labs/03-encode/README.md\""), html);
    assertFalse(
        html.contains("http:") || html.contains("https:") || html.contains("<script"),
        "self-contained: nothing fetched, nothing run");
  }

  @Test
  void solvedCodeLinksToTheReadmesInLabsBesideIt(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("solutions/03-encode"));
    Files.createDirectories(dir.resolve("labs/03-encode"));
    Files.writeString(dir.resolve("labs/03-encode/README.md"), "# Lab 3\n");
    Path file = dir.resolve("target/grade/report.html");
    HtmlReport.write(
        FailedOnBytes.grade(FailedOnBytes.reply(), b -> FailedOnBytes.with(b, 0, 0), false),
        file,
        dir.resolve("solutions"));
    String html = Files.readString(file);
    assertTrue(html.contains("href=\"../../labs/03-encode/README.md\""), html);
  }

  private static List<String> highlighted(String html) {
    Matcher m = HIGHLIGHTED.matcher(html);
    return m.results().map(r -> r.group(1)).toList();
  }
}
