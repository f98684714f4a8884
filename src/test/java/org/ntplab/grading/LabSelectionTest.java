package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Grading some labs only: fewer exercises, and {@code -Dlab=N} picks lab N. */
class LabSelectionTest {

  @Test
  void oneLabGradesFewerTests() throws Exception {
    Corpus corpus = Corpus.load();
    GradeReport all = LocalGrading.run(EnumSet.allOf(Lab.class), corpus, Duration.ofSeconds(2));
    GradeReport one = LocalGrading.run(EnumSet.of(Lab.TIMESTAMPS), corpus, Duration.ofSeconds(2));
    assertTrue(one.results().size() < all.results().size());
    assertTrue(one.results().stream().allMatch(r -> r.lab() == Lab.TIMESTAMPS));
    assertEquals(20, one.maxScore());
    assertTrue(all.maxScore() > one.maxScore(), "every lab adds points: " + all.maxScore());
  }

  @Test
  void dashDLabSelectsOneLab() {
    String before = System.getProperty("lab");
    try {
      System.setProperty("lab", "1");
      assertEquals(EnumSet.of(Lab.TIMESTAMPS), GradeLabsTest.selectedLabs());
      System.setProperty("lab", "");
      assertEquals(EnumSet.allOf(Lab.class), GradeLabsTest.selectedLabs());
    } finally {
      if (before == null) {
        System.clearProperty("lab");
      } else {
        System.setProperty("lab", before);
      }
    }
  }
}
