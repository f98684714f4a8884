package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.failed;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.lost;
import static org.ntplab.grading.GraderTest.message;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.lab.TimeProtocolLab;

/** Lab 8's exercises against hand-written students: each classic mistake loses its exercises. */
class TimeProtocolGraderTest {

  private static List<Exercise<TimeProtocolLab>> exercises;

  @BeforeAll
  static void load() throws Exception {
    exercises = TimeProtocolExercises.of(Corpus.load());
  }

  static Map<String, ExerciseResult> results(TimeProtocolLab student) {
    return grade(exercises, student);
  }

  @Test
  void aCorrectStudentWinsEveryPoint() {
    var results = results(new TimeProtocolStudents.TimeProtocol());
    assertEquals(List.of(), failed(results));
    assertEquals(10, results.values().stream().mapToInt(ExerciseResult::maxPoints).sum());
  }

  @Test
  void everyCapturedSecondsValueIsACase() {
    assertTrue(exercises.get(0).cases().size() > 300, "values: " + exercises.get(0).cases().size());
  }

  @Test
  void theUnixEpochLosesTheInstantAndTheEncoding() {
    var results = results(new TimeProtocolStudents.UnixEpoch());
    assertEquals(
        List.of("lab8 time-protocol: instant (era rule)", "lab8 time-protocol: encode"),
        failed(results));
    assertEquals(5, lost(results));
    String message = message(results.get("lab8 time-protocol: instant (era rule)"));
    assertTrue(
        message.contains("field time") && message.contains("toInstant(new byte[] {"), message);
  }

  @Test
  void aSignedReadLosesTheSecondsAndTheInstant() {
    var results = results(new TimeProtocolStudents.SignedRead());
    assertEquals(
        List.of("lab8 time-protocol: seconds", "lab8 time-protocol: instant (era rule)"),
        failed(results));
    assertEquals(5, lost(results));
    String message = message(results.get("lab8 time-protocol: seconds"));
    assertTrue(
        message.contains("field seconds")
            && message.matches("(?s).*got 0xffffffff[0-9a-f]{8} \\(-\\d+\\).*"),
        message);
  }

  @Test
  void littleEndianLosesEverything() {
    var results = results(new TimeProtocolStudents.LittleEndian());
    assertEquals(
        List.of(
            "lab8 time-protocol: seconds",
            "lab8 time-protocol: instant (era rule)",
            "lab8 time-protocol: encode"),
        failed(results));
    assertEquals(7, lost(results));
    String message = message(results.get("lab8 time-protocol: encode"));
    assertTrue(message.contains("field answer bytes") && message.contains("["), message);
  }

  @Test
  void ignoringTheEraFailsAfter2036() {
    var results = results(new TimeProtocolStudents.EraIgnored());
    assertEquals(List.of("lab8 time-protocol: instant (era rule)"), failed(results));
    assertEquals(3, lost(results));
    String message = message(results.get("lab8 time-protocol: instant (era rule)"));
    assertTrue(
        message.contains("field time")
            && message.contains("expected 20")
            && message.contains("got 19"),
        message);
  }

  @Test
  void takingAnyDatagramLosesTheQuery() {
    var results = results(new TimeProtocolStudents.AnyLength());
    assertEquals(List.of("lab8 time-protocol: query over UDP"), failed(results));
    assertEquals(3, lost(results));
    String message = message(results.get("lab8 time-protocol: query over UDP"));
    assertTrue(
        message.contains("a 48-byte NTP reply first")
            && message.contains("field answer")
            && message.contains("got 24 00 00 00"),
        message);
  }

  @Test
  void askingOnceLosesTheQuery() {
    var results = results(new TimeProtocolStudents.NoRetry());
    assertEquals(List.of("lab8 time-protocol: query over UDP"), failed(results));
    String message = message(results.get("lab8 time-protocol: query over UDP"));
    assertTrue(
        message.contains("no answer to any request")
            && message.contains("field requests sent")
            && message.contains("expected 3, got 1"),
        message);
  }

  @Test
  void sendingAnythingButFourZeroBytesLosesTheQuery() {
    var results = results(new TimeProtocolStudents.NtpRequest());
    assertEquals(List.of("lab8 time-protocol: query over UDP"), failed(results));
    String message = message(results.get("lab8 time-protocol: query over UDP"));
    assertTrue(
        message.contains("field request:") && message.contains("expected 4 bytes, got 48"),
        message);
  }
}
