package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.lab.DecodeLab;

/** The engine against hand-written students: each classic mistake loses exactly its points. */
class GraderTest {

  private static Corpus corpus;

  @BeforeAll
  static void load() throws Exception {
    corpus = Corpus.load();
  }

  static <S> Map<String, ExerciseResult> grade(List<Exercise<S>> exercises, S student) {
    return grade(exercises, student, Grader.DEFAULT_TIME_LIMIT);
  }

  static <S> Map<String, ExerciseResult> grade(
      List<Exercise<S>> exercises, S student, Duration limit) {
    try (Grader grader = new Grader(limit)) {
      return grader.grade(exercises, () -> student).stream()
          .collect(Collectors.toMap(ExerciseResult::name, r -> r, (a, b) -> a, LinkedHashMap::new));
    }
  }

  static int lost(Map<String, ExerciseResult> results) {
    return results.values().stream().mapToInt(r -> r.maxPoints() - r.points()).sum();
  }

  static List<String> failed(Map<String, ExerciseResult> results) {
    return results.values().stream()
        .filter(r -> !r.outcome().passed())
        .map(ExerciseResult::name)
        .toList();
  }

  static String message(ExerciseResult r) {
    return GradeReport.summary(r.outcome());
  }

  @Test
  void theCorpusHasEnoughOfEachKind() {
    assertTrue(corpus.packets().size() > 300, "time packets: " + corpus.packets().size());
    assertTrue(corpus.exchanges().size() > 100, "exchanges: " + corpus.exchanges().size());
  }

  @Test
  void correctStudentsWinEveryPoint() {
    assertEquals(0, lost(grade(TimestampExercises.of(corpus), new Students.Timestamps())));
    assertEquals(0, lost(grade(DecodeExercises.of(corpus), new Students.Decoder())));
    assertEquals(0, lost(grade(EncodeExercises.of(corpus), new Students.Encoder())));
    assertEquals(0, lost(grade(OffsetDelayExercises.of(corpus), new Students.OffsetDelay())));
    assertEquals(0, lost(grade(ClientExercises.of(corpus), new ClientStudents.Client())));
    assertEquals(
        0, lost(grade(TimeProtocolExercises.of(corpus), new TimeProtocolStudents.TimeProtocol())));
  }

  @Test
  void wrongEpochConstantLosesTheInstantOnly() {
    var results = grade(TimestampExercises.of(corpus), new Students.WrongEpoch());
    assertEquals(List.of("lab1 timestamps: toInstant (era rule)"), failed(results));
    assertEquals(6, lost(results));
    String message = message(results.get("lab1 timestamps: toInstant (era rule)"));
    assertTrue(
        message.contains("fixture ")
            && message.contains("field ")
            && message.contains("toInstant(0x"),
        message);
    assertTrue(message.contains("off by 1 s") || message.contains("off by 1s"), message);
  }

  @Test
  void ignoringTheEraLosesTheInstantAndShowsAnInstantAfter2036In1900() {
    var results = grade(TimestampExercises.of(corpus), new Students.EraIgnored());
    assertEquals(List.of("lab1 timestamps: toInstant (era rule)"), failed(results));
    assertEquals(6, lost(results));
    String message = message(results.get("lab1 timestamps: toInstant (era rule)"));
    assertTrue(message.matches("(?s).*fixture .+, field \\w+: toInstant\\(0x.*"), message);
    Matcher shown = Pattern.compile("expected (\\S+), got (\\S+) ").matcher(message);
    assertTrue(shown.find(), message);
    assertTrue(
        Instant.parse(shown.group(1)).isAfter(Instant.parse("2036-02-07T06:28:15Z")), message);
    assertTrue(shown.group(2).startsWith("1900-"), message);
  }

  @Test
  void aDottedQuadReferenceIdLosesReferenceIdOnAStratum0or1Packet() {
    var results = grade(DecodeExercises.of(corpus), new Students.DottedQuadReferenceId());
    assertEquals(List.of("lab2 decode: referenceId"), failed(results));
    assertEquals(5, lost(results));
    String message = message(results.get("lab2 decode: referenceId"));
    Matcher shown = Pattern.compile("fixture (.+?), field referenceId: ").matcher(message);
    assertTrue(shown.find(), message);
    // The first failure shown is a kiss code or clock name read as an address, not an all-zero
    // request's.
    var packet =
        corpus.packets().stream()
            .filter(p -> p.label().equals(shown.group(1)))
            .findFirst()
            .orElseThrow();
    assertTrue(
        packet.packet().stratum() <= 1 && !packet.packet().referenceIdText().isEmpty(), message);
    assertTrue(
        message.matches("(?s).*expected \"[^\"]+\", got \"\\d+\\.\\d+\\.\\d+\\.\\d+\".*"), message);
  }

  @Test
  void originTimeReadFourBytesLateLosesOriginTime() {
    var results = grade(DecodeExercises.of(corpus), new Students.OriginTimeOffByFour());
    assertEquals(List.of("lab2 decode: originTime"), failed(results));
    assertEquals(2, lost(results));
    String message = message(results.get("lab2 decode: originTime"));
    assertTrue(message.contains("field originTime: originTime(packet): expected 0x"), message);
  }

  @Test
  void fractionOverABillionLosesFractionToNanos() {
    var results = grade(TimestampExercises.of(corpus), new Students.FractionOverBillion());
    assertEquals(List.of("lab1 timestamps: fraction to nanoseconds"), failed(results));
    assertEquals(4, lost(results));
    String message = message(results.get("lab1 timestamps: fraction to nanoseconds"));
    assertTrue(message.matches("(?s).*fixture .+, field \\w+: fractionToNanos\\(0x.*"), message);
  }

  @Test
  void anUnsignedPollLosesPollOnTheDerivedNegativePoll() {
    var results = grade(DecodeExercises.of(corpus), new Students.UnsignedPoll());
    assertEquals(List.of("lab2 decode: poll"), failed(results));
    assertEquals(2, lost(results));
    String message = message(results.get("lab2 decode: poll"));
    assertTrue(
        message.contains(
            "with poll -6 (synthetic), field poll: poll(packet): expected -6, got 250;"
                + " on the wire, byte 2 = [fa]"),
        message);
  }

  @Test
  void aSignedStratumLosesStratumOnTheDerivedStratum128() {
    var results = grade(DecodeExercises.of(corpus), new Students.SignedStratum());
    assertEquals(List.of("lab2 decode: stratum"), failed(results));
    assertTrue(
        message(results.get("lab2 decode: stratum"))
            .contains(
                "with stratum 128 (synthetic), field stratum: stratum(packet): expected 128, got -128"),
        message(results.get("lab2 decode: stratum")));
  }

  @Test
  void aTruncatingFractionLosesFractionToNanos() {
    var results = grade(TimestampExercises.of(corpus), new Students.TruncatingFraction());
    assertTrue(
        failed(results).contains("lab1 timestamps: fraction to nanoseconds"),
        failed(results).toString());
    String message = message(results.get("lab1 timestamps: fraction to nanoseconds"));
    assertTrue(
        message.matches("(?s).*fractionToNanos\\(0x[0-9a-f]{8}\\): expected (\\d+), got (\\d+).*"),
        message);
  }

  @Test
  void anUnclampedDelayLosesTheDelayOnTheDerivedNegativeOne() {
    var results = grade(OffsetDelayExercises.of(corpus), new Students.UnclampedDelay());
    assertEquals(List.of("lab4 offset-delay: delay"), failed(results));
    String message = message(results.get("lab4 offset-delay: delay"));
    assertTrue(
        message.matches(
            "(?s).*delay below 0 \\(synthetic\\), field delay: delayNanos\\(.*expected 0, got -\\d+ .*"),
        message);
  }

  @Test
  void unsignedPrecisionLosesPrecisionAndNamesTheField() {
    var results = grade(DecodeExercises.of(corpus), new Students.UnsignedPrecision());
    assertEquals(List.of("lab2 decode: precision"), failed(results));
    assertEquals(3, lost(results));
    String message = message(results.get("lab2 decode: precision"));
    assertTrue(
        message.contains("field precision") && message.matches("(?s).*expected -\\d+, got \\d+.*"),
        message);
  }

  @Test
  void littleEndianReadsLoseEveryMultiByteField() {
    var results = grade(DecodeExercises.of(corpus), new Students.LittleEndian());
    assertEquals(
        List.of(
            "lab2 decode: rootDelay",
            "lab2 decode: rootDispersion",
            "lab2 decode: referenceTime",
            "lab2 decode: originTime",
            "lab2 decode: receiveTime",
            "lab2 decode: transmitTime"),
        failed(results));
    assertEquals(12, lost(results));
    String message = message(results.get("lab2 decode: transmitTime"));
    assertTrue(message.contains("field transmitTime") && message.contains("expected 0x"), message);
  }

  @Test
  void littleEndianTransmitShowsTheDifferingBytesInBrackets() {
    var results = grade(EncodeExercises.of(corpus), new Students.LittleEndianTransmit());
    assertEquals(List.of("lab3 encode: client request"), failed(results));
    assertEquals(10, lost(results));
    String message = message(results.get("lab3 encode: client request"));
    assertTrue(
        message.contains("first at offset 40 (transmit timestamp)") && message.contains("["),
        message);
  }

  @Test
  void byteDiffBracketsEveryDifferingByte() {
    String diff = ByteDiff.describe(new byte[] {1, 2, 3, 4}, new byte[] {1, 9, 3});
    assertTrue(diff.contains("expected 4 bytes, got 3 (first difference at offset 1)"), diff);
    assertTrue(diff.contains("01  [02]  03  [04]"), diff);
    assertTrue(diff.contains("01  [09]  03   --"), diff);
  }

  @Test
  void swappedT2AndT3LoseTheDelayOnly() {
    var results = grade(OffsetDelayExercises.of(corpus), new Students.SwappedT2T3());
    assertEquals(List.of("lab4 offset-delay: delay"), failed(results));
    assertEquals(13, lost(results));
    assertTrue(message(results.get("lab4 offset-delay: delay")).contains("field delay"));
  }

  @Test
  void anEraUnsafeDelayFailsOnTheRolloverFixture() {
    var results = grade(OffsetDelayExercises.of(corpus), new Students.EraUnsafe());
    assertEquals(List.of("lab4 offset-delay: delay"), failed(results));
    var outcome =
        assertInstanceOf(Outcome.Failed.class, results.get("lab4 offset-delay: delay").outcome());
    assertTrue(
        outcome.firstFailure().contains("synthetic-era-rollover")
            && outcome.firstFailure().contains("field delay"),
        outcome.firstFailure());
  }

  @Test
  void anEndlessLoopTimesOutAndGradingGoesOn() {
    long start = System.nanoTime();
    var results =
        grade(DecodeExercises.of(corpus), new Students.EndlessStratum(), Duration.ofMillis(200));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20);
    assertEquals(List.of("lab2 decode: stratum"), failed(results));
    var outcome =
        assertInstanceOf(Outcome.TimedOut.class, results.get("lab2 decode: stratum").outcome());
    assertTrue(
        outcome.message().contains("stratum(packet) did not return within 200 ms"),
        outcome.message());
  }

  /**
   * On a hidden fixture, a call given up says neither how long it ran nor whether it computed or
   * waited: a student's code that recognised the hidden packet could choose one or the other, and
   * read a bit of it in the grade. On a published one it says which.
   */
  @Test
  void aHiddenCaseGivenUpSaysNotWhetherItComputedOrWaited() {
    Duration limit = Duration.ofMillis(100);
    // Each reading 200 ms on from the last: computing at twice the wall clock's pace.
    AtomicLong clock = new AtomicLong();
    ProcessorTime computing = () -> clock.addAndGet(limit.multipliedBy(2).toNanos());
    String waited = stoppedStratum(limit, () -> 0, true);
    assertEquals(waited, stoppedStratum(limit, computing, true));
    assertTrue(waited.endsWith("did not return within its time limit"), waited);
    assertTrue(
        stoppedStratum(limit, () -> 0, false).contains("within 500 ms, waiting rather than"),
        "published: says it waited");
    assertTrue(
        stoppedStratum(limit, computing, false).contains("within 100 ms (an endless loop?)"),
        "published: says it computed");
  }

  /** The message of stratum's outcome, its code asleep and its processor time {@code used}. */
  private static String stoppedStratum(Duration limit, ProcessorTime used, boolean hidden) {
    DecodeLab asleep =
        new Students.Decoder() {
          @Override
          public int stratum(byte[] packet) {
            while (packet.length > 0) {
              LockSupport.park();
            }
            return 0;
          }
        };
    Grader.Source<DecodeLab> source =
        new Grader.Source<>() {
          @Override
          public DecodeLab create() {
            return asleep;
          }

          @Override
          public Optional<ProcessorTime> processorTime() {
            return Optional.of(used);
          }
        };
    try (Grader grader = new Grader(limit).hiding(label -> hidden)) {
      return grader.gradeWith(DecodeExercises.of(corpus), source).stream()
          .filter(r -> r.name().equals("lab2 decode: stratum"))
          .map(r -> assertInstanceOf(Outcome.TimedOut.class, r.outcome()).message())
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void anExceptionIsTheStudentsErrorWithTheirFrame() {
    var results = grade(DecodeExercises.of(corpus), new Students.CrashingMode());
    assertEquals(List.of("lab2 decode: mode"), failed(results));
    var outcome =
        assertInstanceOf(Outcome.Errored.class, results.get("lab2 decode: mode").outcome());
    assertTrue(outcome.message().contains("ArrayIndexOutOfBoundsException"), outcome.message());
    assertTrue(
        outcome
            .message()
            .contains("at org.ntplab.grading.Students$CrashingMode.mode(Students.java:"),
        outcome.message());
  }

  @Test
  void aStubIsNotStarted() {
    var results =
        grade(
            OffsetDelayExercises.of(corpus),
            new Students.OffsetDelay() {
              @Override
              public long offsetNanos(long t1, long t2, long t3, long t4) {
                throw new UnsupportedOperationException("Lab 4: implement offsetNanos");
              }
            });
    var outcome =
        assertInstanceOf(
            Outcome.NotStarted.class, results.get("lab4 offset-delay: offset").outcome());
    assertEquals("Lab 4: implement offsetNanos", outcome.message());
    assertTrue(results.get("lab4 offset-delay: delay").outcome().passed());
  }
}
