package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Grading some labs only: fewer exercises, and {@code -Dlab=N} picks lab N. */
class LabSelectionTest {

  @Test
  void oneLabGradesFewerTests() throws Exception {
    Corpus corpus = Corpus.load();
    GradeReport all = LocalGrading.run(new TreeSet<>(Lab.all()), corpus, Duration.ofSeconds(2));
    GradeReport one = LocalGrading.run(Set.of(Lab.of(1)), corpus, Duration.ofSeconds(2));
    assertTrue(one.results().size() < all.results().size());
    assertTrue(one.results().stream().allMatch(r -> r.lab() == Lab.of(1)));
    assertEquals(20, one.maxScore());
    assertTrue(all.maxScore() > one.maxScore(), "every lab adds points: " + all.maxScore());
  }

  @Test
  void dashDLabSelectsOneLab() {
    String before = System.getProperty("lab");
    try {
      System.setProperty("lab", "1");
      assertEquals(Set.of(Lab.of(1)), GradeLabsTest.selectedLabs());
      System.setProperty("lab", "");
      assertEquals(new TreeSet<>(Lab.all()), GradeLabsTest.selectedLabs());
    } finally {
      if (before == null) {
        System.clearProperty("lab");
      } else {
        System.setProperty("lab", before);
      }
    }
  }
}
