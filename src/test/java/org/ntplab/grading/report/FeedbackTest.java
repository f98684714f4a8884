package org.ntplab.grading.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A student's feedback file: what a hand-in's name or message holds stays text. */
class FeedbackTest {

  @Test
  void aNameIsOneLineOfText() {
    String md = Feedback.markdown("<img src=x>\n# pwned", "skipped: an empty folder");
    assertTrue(md.startsWith("# ntplab grade: \\<img src=x\\>\n\n**Not graded.**"), md);
    assertEquals(1, md.lines().filter(l -> l.startsWith("#")).count(), md);
  }

  @Test
  void aMessageCannotCloseItsFence() {
    String md = Feedback.markdown("alice", "```\n# not a heading");
    assertEquals(1, md.lines().filter(l -> l.equals("```")).count(), "one closing fence: " + md);
    assertTrue(md.contains("'''\n# not a heading\n```"), md);
  }
}
