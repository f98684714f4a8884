package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.failed;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.lost;
import static org.ntplab.grading.GraderTest.message;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.lab.ServerLab;

/**
 * Lab 7 against hand-written servers: each classic mistake loses points, the message showing the
 * bytes.
 */
class ServerGradingTest {

  private static final String V4 = "lab7 server: reply to NTPv4 client requests";
  private static final String OLDER = "lab7 server: reply to NTPv1-v3 client requests";
  private static final String CONTROL = "lab7 server: never answer mode 6 or 7";

  private static List<Exercise<ServerLab>> exercises;

  @BeforeAll
  static void load() throws Exception {
    exercises = ServerExercises.of(Corpus.load());
  }

  @Test
  void aServerThatAgreesWithTheReferenceWinsEveryPoint() {
    var results = grade(exercises, new ServerStudents.Server());
    assertEquals(0, lost(results));
    assertEquals(20, results.values().stream().mapToInt(ExerciseResult::maxPoints).sum());
    assertTrue(
        exercises.stream().allMatch(e -> e.cases().size() >= 10), "every exercise has cases");
  }

  @Test
  void transmitCopiedIntoTransmitInsteadOfOriginLosesEveryReply() {
    var results = grade(exercises, new ServerStudents.TransmitNotOrigin());
    assertEquals(
        List.of(
            V4,
            OLDER,
            "lab7 server: signed requests: a crypto-NAK",
            "lab7 server: symmetric active peers: a passive reply"),
        failed(results));
    assertEquals(14, lost(results));
    String message = message(results.get(V4));
    assertTrue(message.contains("field reply: reply(request, new ServerState("), message);
    // The first capture's request has a zero transmit timestamp, so only the transmit field differs
    // there.
    assertTrue(
        message.matches(
                "(?s).*bytes differ, first at offset (24 \\(origin|40 \\(transmit) timestamp\\).*")
            && message.contains("["),
        message);
  }

  /**
   * An Optional of text passed off as one of bytes (an unchecked cast): wrong answers, not a grader
   * that fails.
   */
  @Test
  void anAnswerOfTheWrongKindLosesItsExerciseAndNothingElse() {
    var results =
        grade(
            exercises,
            new ServerStudents.Server() {
              @Override
              @SuppressWarnings({"unchecked", "rawtypes"})
              public java.util.Optional<byte[]> reply(
                  byte[] request,
                  org.ntplab.lab.ServerState state,
                  long receiveTime,
                  long transmitTime) {
                return (java.util.Optional) java.util.Optional.of("not bytes");
              }
            });
    assertTrue(lost(results) > 0);
    String message =
        results.values().stream()
            .filter(r -> !r.outcome().passed())
            .findFirst()
            .map(GraderTest::message)
            .orElseThrow();
    assertTrue(
        message.contains("got an answer of another kind than the contract's (ClassCastException)"),
        message);
  }

  @Test
  void answeringMode6LosesTheControlExercise() {
    var results = grade(exercises, new ServerStudents.AnswersMode6());
    assertEquals(List.of(CONTROL), failed(results));
    assertEquals(3, lost(results));
    String message = message(results.get(CONTROL));
    assertTrue(
        message.matches("(?s).*fixture \\S+ \\((request|reply)(, mode 6)?\\), field reply: .*"),
        message);
    assertTrue(message.contains("expected no reply (drop), got 48 bytes"), message);
  }

  @Test
  void alwaysVersion4LosesTheOlderClients() {
    var results = grade(exercises, new ServerStudents.AlwaysVersion4());
    assertTrue(failed(results).contains(OLDER), failed(results).toString());
    assertFalse(failed(results).contains(V4), failed(results).toString());
    String message = message(results.get(OLDER));
    assertTrue(message.contains("first at offset 0 (leap, version, mode)"), message);
  }
}
