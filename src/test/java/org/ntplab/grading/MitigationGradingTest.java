package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.lost;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureStore;
import org.ntplab.lab.Endpoint;
import org.ntplab.lab.Intersection;
import org.ntplab.lab.Interval;
import org.ntplab.lab.SelectionLab;

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

  /**
   * An attack on the hidden fixtures through the rounds: an instructor's capture may share its name
   * with a built-in one (two captures of chronyd, say), and a round of a capture shows every
   * server's θ and λ in the call a student can paste. A round that began with a published exchange
   * and went on with hidden ones would show the hidden ones' values under a published label.
   */
  @Test
  void aRoundNeverShowsAnInstructorsHiddenExchanges() throws Exception {
    List<Fixture> all =
        FixtureStore.load(Path.of("fixtures")).stream()
            .map(FixtureStore.FixtureFile::fixture)
            .toList();
    ServerSets.ServerSet target =
        ServerSets.of(Corpus.of(all)).stream()
            .filter(s -> s.servers().size() >= 4)
            .findFirst()
            .orElseThrow();
    String capture = ServerSets.capture(target.servers().get(0).name());
    List<ServerSets.Server> secret = target.servers().subList(1, target.servers().size());
    Set<String> hidden = secret.stream().map(ServerSets.Server::name).collect(Collectors.toSet());
    Corpus corpus =
        Corpus.of(all.stream().filter(f -> ServerSets.capture(f.id()).equals(capture)).toList())
            .withHidden(hidden);
    SelectionLab wrong =
        new SelectionLab() {
          @Override
          public List<Endpoint> endpoints(List<Interval> intervals) {
            return List.of();
          }

          @Override
          public Optional<Intersection> intersection(List<Interval> intervals) {
            return Optional.of(new Intersection(-1e9, -1e9));
          }

          @Override
          public Set<Integer> falsetickers(List<Interval> intervals) {
            return Set.of(-1);
          }
        };
    int failed = 0;
    try (Grader grader = new Grader(Grader.DEFAULT_TIME_LIMIT).hiding(corpus::isHidden)) {
      for (ExerciseResult r : grader.grade(SelectionExercises.of(corpus), () -> wrong)) {
        if (r.outcome() instanceof Outcome.Failed f) {
          failed++;
          for (ServerSets.Server s : secret) {
            assertFalse(f.firstFailure().contains(s.name()), s.name() + " in " + f.firstFailure());
            assertFalse(
                f.firstFailure().contains(Double.toString(s.offset())),
                "θ of " + s.name() + " in " + f.firstFailure());
          }
        }
      }
    }
    assertEquals(3, failed, "the wrong student fails every exercise");
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
