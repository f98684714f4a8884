package org.ntplab.grading.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;

/**
 * results.json: a failure on bytes in Markdown, its wrong bytes marked in a code block and listed
 * by field.
 */
class GradescopeMarkdownTest {

  @Test
  void aByteDiffIsMarkdownWithTheWrongBytesMarkedAndNamed() throws Exception {
    Corpus.TimePacket reply = FailedOnBytes.reply();
    int stratum = reply.bytes()[1] & 0xff;
    GradeReport report =
        FailedOnBytes.grade(reply, b -> FailedOnBytes.with(b, 1, stratum + 1), false);
    JsonNode test = GradescopeJson.of(report).get("tests").get(0);

    assertEquals("md", test.get("output_format").asText());
    String md = test.get("output").asText();
    String block = md.substring(md.indexOf("```\n") + 4, md.lastIndexOf("\n```"));
    assertTrue(
        block.contains(String.format("[%02x]", stratum))
            && block.contains(String.format("[%02x]", stratum + 1)),
        md);
    assertTrue(
        md.contains(String.format("| 1 | stratum | `%02x` | `%02x` |", stratum, stratum + 1)), md);
    assertTrue(md.startsWith("wrong on 1 of 1 cases; first: fixture "), md);
  }

  @Test
  void otherOutcomesAndHiddenFixturesStayText() throws Exception {
    List<ExerciseResult> results = new ArrayList<>(ReportFormatsTest.everyOutcome().results());
    results.addAll(
        FailedOnBytes.grade(FailedOnBytes.reply(), b -> FailedOnBytes.with(b, 1, 0x7f), true)
            .results());
    for (JsonNode test : GradescopeJson.of(new GradeReport(results)).get("tests")) {
      assertFalse(test.has("output_format"), test.toString());
    }
  }

  @Test
  void markdownInTheSentenceIsEscaped() {
    assertEquals(
        "\\<b\\>x\\</b\\> \\*y\\* \\`z\\` \\[l\\](u) \\&amp; (ok)",
        GradescopeMarkdown.escape("<b>x</b> *y* `z` [l](u) &amp; (ok)"));
  }
}
