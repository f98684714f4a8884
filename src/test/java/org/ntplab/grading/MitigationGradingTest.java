package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.lost;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Labs 12 and 13 over the fixtures: the students the mistakes are made from win every point, and
 * the cases come from real rounds of several real servers, a real falseticker among them.
 */
class MitigationGradingTest {

  private static Corpus corpus;

  @BeforeAll
  static void load() throws Exception {
    corpus = Corpus.load();
  }

  @Test
  void theHandWrittenStudentsWinEveryPoint() {
    assertEquals(0, lost(grade(SelectionExercises.of(corpus), new SelectionStudents.Selection())));
    assertEquals(
        0,
        lost(
            grade(
                ClusterCombineExercises.of(corpus), new ClusterCombineStudents.ClusterCombine())));
  }

  @Test
  void setsAreRoundsOfThreeToSevenServersNamedForTheirFixtures() {
    List<ServerSets.ServerSet> sets = ServerSets.of(corpus);
    assertTrue(sets.size() >= 20, sets.size() + " sets");
    for (ServerSets.ServerSet set : sets) {
      assertTrue(set.servers().size() >= 3 && set.servers().size() <= 7, set.label());
      String capture = ServerSets.capture(set.servers().get(0).name());
      for (ServerSets.Server s : set.servers()) {
        assertEquals(capture, ServerSets.capture(s.name()), "one capture per set: " + set.label());
        assertTrue(set.label().contains(s.name()), set.label());
      }
    }
  }

  @Test
  void aRealServerASecondFromTheOtherTwoIsTheFalsetickerOfItsRound() {
    ServerSets.ServerSet gre =
        ServerSets.of(corpus).stream()
            .filter(s -> s.label().startsWith("incidental-gre-sample-1-2"))
            .findFirst()
            .orElseThrow();
    var result = org.ntplab.mitigation.Selection.select(gre.correctnessIntervals());
    assertEquals(java.util.Set.of(0), SelectionExercises.falsetickers(result));
  }
}
