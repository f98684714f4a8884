package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.failed;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.lost;
import static org.ntplab.grading.GraderTest.message;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.lab.ClientLab;

/** Lab 6's exercises against hand-written clients: each classic mistake loses its exercise. */
class ClientGraderTest {

  private static List<Exercise<ClientLab>> exercises;

  @BeforeAll
  static void load() throws Exception {
    exercises = ClientExercises.of(Corpus.load());
  }

  static Map<String, ExerciseResult> results(ClientLab student) {
    return grade(exercises, student);
  }

  @Test
  void aCorrectClientWinsEveryPoint() {
    var results = results(new ClientStudents.Client());
    assertEquals(
        List.of(),
        failed(results),
        () -> results.values().stream().map(GraderTest::message).toList().toString());
    assertEquals(25, results.values().stream().mapToInt(ExerciseResult::maxPoints).sum());
  }

  @Test
  void everyReplayedFixtureIsACase() throws Exception {
    Corpus corpus = Corpus.load();
    Exercise<ClientLab> replays = exercises.get(1);
    assertEquals("lab6 client: replayed replies", replays.name());
    long graded =
        corpus.exchanges().stream()
            .filter(x -> x.reply().stratum() != 0 || x.reply().kissCode().isPresent())
            .count();
    assertEquals(graded, replays.cases().size());
    assertTrue(
        replays.cases().stream()
            .anyMatch(c -> c.expected() instanceof org.ntplab.lab.ClientResult.KissOfDeath));
    assertTrue(
        replays.cases().stream()
            .anyMatch(c -> c.expected() instanceof org.ntplab.lab.ClientResult.NoAnswer),
        "some captured replies (broadcasts, zero transmit) are not replies to a request");
  }

  @Test
  void noOriginCheckTakesTheSpoofedReply() {
    var results = results(new ClientStudents.NoOriginCheck());
    assertEquals(List.of("lab6 client: ignores what is not the reply"), failed(results));
    assertEquals(6, lost(results));
    String message = message(results.get("lab6 client: ignores what is not the reply"));
    assertTrue(
        message.contains("spoofed reply first")
            && message.contains("field answer")
            && message.contains("t2: expected 0x"),
        message);
  }

  @Test
  void noModeCheckTakesAClientRequest() {
    var results = results(new ClientStudents.NoModeCheck());
    // The captured broadcasts are not replies either.
    assertEquals(
        List.of("lab6 client: replayed replies", "lab6 client: ignores what is not the reply"),
        failed(results));
    assertTrue(
        message(results.get("lab6 client: replayed replies")).contains("expected NoAnswer()"),
        message(results.get("lab6 client: replayed replies")));
    String message = message(results.get("lab6 client: ignores what is not the reply"));
    assertTrue(
        message.contains("mode 3 packet first") && message.contains("t2: expected"), message);
  }

  @Test
  void noLengthCheckThrowsOnAShortDatagram() {
    var results = results(new ClientStudents.NoLengthCheck());
    assertEquals(List.of("lab6 client: ignores what is not the reply"), failed(results));
    var outcome =
        assertInstanceOf(
            Outcome.Errored.class,
            results.get("lab6 client: ignores what is not the reply").outcome());
    assertTrue(
        outcome.message().contains("47 bytes of a reply first")
            && outcome.message().contains("IndexOutOfBounds"),
        outcome.message());
  }

  @Test
  void noRetryLosesTheRetries() {
    var results = results(new ClientStudents.NoRetry());
    assertEquals(List.of("lab6 client: retries"), failed(results));
    assertEquals(4, lost(results));
    String message = message(results.get("lab6 client: retries"));
    assertTrue(
        message.contains("no reply to any request")
            && message.contains("field requests sent")
            && message.contains("expected 3, got 1"),
        message);
  }

  @Test
  void aKissReadAsTimeLosesTheKissesAndTheCapturedOnes() {
    var results = results(new ClientStudents.KissIgnored());
    assertEquals(
        List.of("lab6 client: replayed replies", "lab6 client: kiss-o'-death"), failed(results));
    assertEquals(9, lost(results));
    String message = message(results.get("lab6 client: kiss-o'-death"));
    assertTrue(
        message.contains("field answer")
            && message.contains("expected KissOfDeath(\"RATE\"), got Answered("),
        message);
  }

  @Test
  void aRightRequestKeepsItsPointsWhenALaterStepThrows() {
    var results = results(new ClientStudents.ThrowsOnTheReply());
    assertTrue(
        results.get("lab6 client: request").outcome().passed(),
        message(results.get("lab6 client: request")));
    assertTrue(
        failed(results).contains("lab6 client: replayed replies"), failed(results).toString());
    String message = message(results.get("lab6 client: replayed replies"));
    assertTrue(
        message.contains(
            "threw java.lang.IllegalStateException: reading the reply: not written yet"),
        message);
  }

  @Test
  void aKissCheckedBeforeTheOriginIsSilencedByASpoofer() {
    var results = results(new ClientStudents.KissBeforeOrigin());
    assertEquals(List.of("lab6 client: ignores what is not the reply"), failed(results));
    assertEquals(6, lost(results));
    String message = message(results.get("lab6 client: ignores what is not the reply"));
    assertTrue(
        message.contains(
                "a spoofed kiss-o'-death first (stratum 0, RATE, origin one unit off), field answer")
            && message.contains("got KissOfDeath(\"RATE\")"),
        message);
  }

  @Test
  void t4ReadBeforeWaitingLosesTheReplays() {
    var results = results(new ClientStudents.EarlyT4());
    assertTrue(
        failed(results).contains("lab6 client: replayed replies"), failed(results).toString());
    String message = message(results.get("lab6 client: replayed replies"));
    assertTrue(message.contains("field answer") && message.contains("t4: expected 0x"), message);
    assertTrue(results.get("lab6 client: request").outcome().passed());
  }

  @Test
  void aClientThatReceivesForeverIsStoppedWithAMessage() {
    var results = results(new ClientStudents.ReceivesForever());
    var outcome =
        assertInstanceOf(Outcome.Errored.class, results.get("lab6 client: retries").outcome());
    assertTrue(
        outcome
            .message()
            .contains(
                "receive called 1000 times in one query: an empty receive must end the attempt"),
        outcome.message());
  }

  @Test
  void aFixedVersionLosesTheRequestOnly() {
    var results = results(new ClientStudents.AlwaysVersion3());
    assertEquals(List.of("lab6 client: request"), failed(results));
    assertEquals(4, lost(results));
    String message = message(results.get("lab6 client: request"));
    assertTrue(message.contains("field request") && message.contains("first at offset 0"), message);
  }
}
