package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.failed;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.lost;
import static org.ntplab.grading.GraderTest.message;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.lab.ChecksLab;
import org.ntplab.lab.FitnessProblem;
import org.ntplab.lab.ReplyVerdict;

/**
 * Lab 5 against hand-written students: each classic mistake loses its exercise, named by fixture
 * and field.
 */
class ChecksGradingTest {

  private static final String OTHER_REQUEST =
      "lab5 checks: reply check: a reply to another request";
  private static final String DAMAGED = "lab5 checks: reply check: damaged replies";
  private static final String STRATUM =
      "lab5 checks: fitness: stratum (kiss-o'-death, unspecified, 16 and up)";
  private static final String LEAP = "lab5 checks: fitness: leap indicator 3";

  private static List<Exercise<ChecksLab>> exercises;

  @BeforeAll
  static void load() throws Exception {
    exercises = ChecksExercises.of(Corpus.load());
  }

  @Test
  void aStudentThatAgreesWithTheReferenceWinsEveryPoint() {
    var results = grade(exercises, new CheckStudents.Checks());
    assertEquals(0, lost(results));
    assertEquals(20, results.values().stream().mapToInt(ExerciseResult::maxPoints).sum());
  }

  @Test
  void everyVerdictAndProblemIsGraded() {
    String expected =
        exercises.stream()
            .flatMap(e -> e.cases().stream())
            .map(c -> String.valueOf(c.expected()))
            .reduce("", String::concat);
    for (var verdict : ReplyVerdict.values()) {
      assertTrue(expected.contains(verdict.name()), verdict.name());
    }
    for (var problem : FitnessProblem.values()) {
      assertTrue(expected.contains(problem.name()), problem.name());
    }
    for (String code : List.of("DENY", "RSTR", "RATE")) {
      assertTrue(expected.contains("Optional[" + code + "]"), code);
    }
  }

  @Test
  void aClientThatNeverChecksTheOriginTakesOtherRepliesAsItsOwn() {
    var results = grade(exercises, new CheckStudents.NoOriginCheck());
    assertEquals(List.of(OTHER_REQUEST, DAMAGED), failed(results));
    assertEquals(6, lost(results));
    String message = message(results.get(OTHER_REQUEST));
    assertTrue(
        message.matches(
            "(?s).*fixture \\S+ \\(reply\\) against \\S+ \\(request\\), field verdict: .*"),
        message);
    assertTrue(
        message.matches("(?s).*expected ORIGIN_MISMATCH, got (ACCEPTED|ZERO_TRANSMIT).*"), message);
    assertTrue(
        message(results.get(DAMAGED)).contains("(reply, origin's last bit flipped)"),
        message(results.get(DAMAGED)));
  }

  @Test
  void treatingStratumZeroAsFineMissesTheKissOfDeath() {
    var results = grade(exercises, new CheckStudents.StratumZeroIsFine());
    assertEquals(List.of(STRATUM), failed(results));
    assertEquals(3, lost(results));
    String message = message(results.get(STRATUM));
    assertTrue(
        message.contains(
            "field problems [KISS_OF_DEATH, UNSPECIFIED_STRATUM, STRATUM_UNSYNCHRONIZED]"),
        message);
    assertTrue(
        message.matches("(?s).*expected \\[(KISS_OF_DEATH|UNSPECIFIED_STRATUM)\\], got \\[\\].*"),
        message);
  }

  @Test
  void aRootDistanceWithoutTheRoundTripShowsTheDistanceAndItsParts() {
    var results = grade(exercises, new CheckStudents.DistanceWithoutTheDelay());
    assertEquals(List.of("lab5 checks: fitness: root distance"), failed(results));
    String message = message(results.get("lab5 checks: fitness: root distance"));
    assertTrue(
        message.matches(
            "(?s).*; root distance λ = \\(δ .+ \\+ root delay .+\\) / 2 \\+ root dispersion .+ = .+,"
                + " against a limit of 1\\.5 s.*"),
        message);
  }

  @Test
  void readingTheLeapIndicatorFromTheWrongBitsMissesTheAlarm() {
    var results = grade(exercises, new CheckStudents.LeapFromWrongBits());
    assertEquals(List.of(LEAP), failed(results));
    assertEquals(2, lost(results));
    String message = message(results.get(LEAP));
    assertTrue(
        message.contains("field problems [LEAP_ALARM]")
            && message.contains("expected [LEAP_ALARM], got []"),
        message);
  }
}
