package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.student.JshScript;
import org.ntplab.grading.student.WarmupAnswers;

/** Lab 0 end to end: answers.jsh scripts evaluated in JShell and graded against the reference. */
class WarmupTest {

  private static final Path SOLUTION = Path.of("solutions/00-warmup/answers.jsh");
  private static final Path STUB = Path.of("labs/00-warmup/answers.jsh");
  private static final JshScript.Limits LIMITS =
      new JshScript.Limits(Duration.ofSeconds(3), Duration.ofSeconds(90));

  private static List<Exercise<org.ntplab.lab.WarmupLab>> exercises;

  @TempDir Path dir;

  @BeforeAll
  static void load() throws Exception {
    exercises = WarmupExercises.of(Corpus.load());
  }

  private static Map<String, ExerciseResult> grade(Path script) {
    try (Grader grader = new Grader(Grader.DEFAULT_TIME_LIMIT)) {
      return grader.grade(exercises, WarmupAnswers.factory(script, LIMITS)).stream()
          .collect(
              Collectors.toMap(
                  r -> r.name().substring("lab0 warmup: ".length()),
                  r -> r,
                  (a, b) -> a,
                  LinkedHashMap::new));
    }
  }

  /** The solution with {@code from} replaced by {@code to}, which must be there. */
  private Path solutionWith(String from, String to) throws IOException {
    String text = Files.readString(SOLUTION);
    assertTrue(text.contains(from), from);
    Path script = dir.resolve("answers.jsh");
    Files.writeString(script, text.replace(from, to));
    return script;
  }

  private static int lineOf(Path script, String text) throws IOException {
    List<String> lines = Files.readAllLines(script);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text + " not in " + script);
  }

  @Test
  void theSolutionWinsAllTenPoints() {
    var results = grade(SOLUTION);
    assertEquals(10, results.values().stream().mapToInt(ExerciseResult::maxPoints).sum());
    results
        .values()
        .forEach(
            r ->
                assertTrue(
                    r.outcome().passed(), r.name() + ": " + GradeReport.summary(r.outcome())));
  }

  @Test
  void theStubIsNotStartedQuestionByQuestion() {
    var results = grade(STUB);
    results
        .values()
        .forEach(r -> assertInstanceOf(Outcome.NotStarted.class, r.outcome(), r.name()));
    var first = (Outcome.NotStarted) results.get("1. seconds from 1900 to 1970").outcome();
    assertEquals("Lab 0, question 1: return the seconds from 1900 to 1970", first.message());
  }

  /**
   * A wrong epoch loses question 1 (and 2, which the solution builds on it); an endless loop in
   * receiveSeconds is stopped by the time limit, after which the same engine still answers: the
   * crash in kissCode comes back naming its line of the script.
   */
  @Test
  void mistakesLoseTheirQuestionsOnly() throws IOException {
    Path script = solutionWith("(70 * 365 + 17) * 86_400L", "(70 * 365 + 18) * 86_400L");
    // A loop the compiler cannot prove endless, so the code after it still compiles.
    Files.writeString(
        script,
        Files.readString(script)
            .replace(
                "  long seconds = Integer",
                "  while (reply.length > 0) { }\n  long seconds = Integer")
            .replace("  if (reply[1] != 0) {", "  if (reply[48] != 0) { // one past the header"));
    var results = grade(script);

    assertEquals(
        List.of(
            "1. seconds from 1900 to 1970",
            "2. when era 0 ends",
            "6. receive time in seconds",
            "7. kiss code of a reply"),
        results.values().stream()
            .filter(r -> !r.outcome().passed())
            .map(r -> r.name().substring(13))
            .toList());
    String epoch = GradeReport.summary(results.get("1. seconds from 1900 to 1970").outcome());
    assertTrue(epoch.contains("epochOffset(): expected 2208988800, got 2209075200"), epoch);

    var loop =
        assertInstanceOf(
            Outcome.TimedOut.class, results.get("6. receive time in seconds").outcome());
    assertTrue(
        loop.message().contains("receiveSeconds(reply) did not return within 2 s"), loop.message());

    var crash =
        assertInstanceOf(Outcome.Errored.class, results.get("7. kiss code of a reply").outcome());
    int line = lineOf(script, "reply[48]");
    assertTrue(
        crash
            .message()
            .contains("answers.jsh line " + line + ": java.lang.ArrayIndexOutOfBoundsException"),
        crash.message());
    assertTrue(
        crash.message().contains("at answers.kissCode(answers.jsh:" + line + ")"), crash.message());
  }

  /** The exit is refused and reported on its question; the engine goes on answering the others. */
  @Test
  void systemExitInOneAnswerLosesThatQuestionOnly() throws IOException {
    Path script = solutionWith("  return 32;", "  System.exit(1);\n  return 32;");
    var results = grade(script);

    assertEquals(
        List.of("4. receive timestamp offset"),
        results.values().stream()
            .filter(r -> !r.outcome().passed())
            .map(r -> r.name().substring(13))
            .toList());
    var exit =
        assertInstanceOf(
            Outcome.Errored.class, results.get("4. receive timestamp offset").outcome());
    assertEquals(
        "question 4: your code called System.exit(1) in receiveTimestampOffset() (answers.jsh line "
            + lineOf(script, "System.exit(1)")
            + ") — a lab must return its answer, never end the program",
        exit.message());
  }

  /**
   * Asked with the others at first, the looping answer is stopped at one call's time limit, not the
   * script's.
   */
  @Test
  void anEndlessLoopInOneAnswerTimesOutThatQuestionOnly() throws IOException {
    Path script = solutionWith("  return 48;", "  while (Instant.now() != null) { }\n  return 48;");
    var results = grade(script);

    assertEquals(
        List.of("3. bytes in an SNTP request"),
        results.values().stream()
            .filter(r -> !r.outcome().passed())
            .map(r -> r.name().substring(13))
            .toList());
    var loop =
        assertInstanceOf(
            Outcome.TimedOut.class, results.get("3. bytes in an SNTP request").outcome());
    assertTrue(
        loop.message().startsWith("question 3: requestLength() did not return within 2 s"),
        loop.message());
  }

  /**
   * Where System.exit cannot be refused (Java 24 on), the question that ended the engine says so.
   */
  @Test
  void anEngineThatEndsAnywaySaysWhichCallEndedIt() throws IOException {
    Path script =
        solutionWith(
            "  return 32;", "  System.setSecurityManager(null);\n  System.exit(1);\n  return 32;");
    var results = grade(script);

    assertEquals(
        List.of(
            "1. seconds from 1900 to 1970",
            "2. when era 0 ends",
            "3. bytes in an SNTP request",
            "5. version and mode of 0x1b"),
        results.values().stream()
            .filter(r -> r.outcome().passed())
            .map(r -> r.name().substring(13))
            .toList());
    var exit =
        assertInstanceOf(
            Outcome.Errored.class, results.get("4. receive timestamp offset").outcome());
    assertTrue(
        exit.message()
            .contains("the JShell engine ended while evaluating receiveTimestampOffset()"),
        exit.message());
    var after =
        assertInstanceOf(
            Outcome.Errored.class, results.get("6. receive time in seconds").outcome());
    assertTrue(after.message().contains("so nothing after it was evaluated"), after.message());
  }

  /**
   * A method that does not compile costs its own questions, and those of the methods that call it.
   */
  @Test
  void aCompileErrorIsReportedWithItsLineOnItsQuestionsOnly() throws IOException {
    Path script = solutionWith("  return (70 * 365 + 17) * 86_400L;", "  return \"2208988800\";");
    Files.writeString(script, Files.readString(script).replace("  return 48;", "  return 48 +;"));
    var results = grade(script);

    assertEquals(
        List.of(
            "1. seconds from 1900 to 1970", "2. when era 0 ends", "3. bytes in an SNTP request"),
        results.values().stream()
            .filter(r -> !r.outcome().passed())
            .map(r -> r.name().substring(13))
            .toList());
    var syntax =
        assertInstanceOf(
            Outcome.Errored.class, results.get("3. bytes in an SNTP request").outcome());
    assertTrue(
        syntax
            .message()
            .contains(
                "answers.jsh line "
                    + lineOf(script, "return 48 +;")
                    + ": illegal start of expression"),
        syntax.message());
    // What does not compile was not thrown by the student's code, and its line is said once.
    assertFalse(
        syntax.message().contains("threw")
            || syntax.message().contains("ScriptException")
            || syntax.message().contains("<script>"),
        syntax.message());
    var type =
        assertInstanceOf(
            Outcome.Errored.class, results.get("1. seconds from 1900 to 1970").outcome());
    assertTrue(
        type.message()
            .contains(
                "answers.jsh line "
                    + lineOf(script, "return \"2208988800\";")
                    + ": incompatible types"),
        type.message());
    var caller =
        assertInstanceOf(Outcome.Errored.class, results.get("2. when era 0 ends").outcome());
    assertTrue(
        caller
            .message()
            .contains(
                "eraZeroEnds uses method epochOffset(), which the script does not define or compile"),
        caller.message());
  }

  @Test
  void anEndlessLoopAtTopLevelIsStoppedAndNamesItsLine() throws IOException {
    Path script = solutionWith("int requestLength() {", "while (true) { }\nint requestLength() {");
    long start = System.nanoTime();
    var results = grade(script);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 80);
    int line = lineOf(script, "while (true)");
    var outcome =
        assertInstanceOf(
            Outcome.Errored.class, results.get("3. bytes in an SNTP request").outcome());
    assertTrue(
        outcome
            .message()
            .contains(
                "answers.jsh line " + line + ": did not finish within 3 s (an endless loop?)"),
        outcome.message());
  }

  @Test
  void aMissingScriptSaysWhereItShouldBe() {
    var results = grade(dir.resolve("answers.jsh"));
    var outcome =
        assertInstanceOf(
            Outcome.Errored.class, results.get("1. seconds from 1900 to 1970").outcome());
    assertTrue(outcome.message().contains("answers.jsh not found"), outcome.message());
  }
}
