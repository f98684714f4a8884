package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading in a child JVM against students who end the program: each is that student's failure,
 * named in words, and every other exercise and lab is still graded.
 */
class ForkedGradingTest {

  private static final String SOLVED_STRATUM = "return packet[1] & 0xff;";

  @TempDir Path dir;

  /** The solved decoder with one edit, compiled as a student's lab 2. */
  private ForkedGrading.Options decoderWith(String from, String to) throws Exception {
    Path source = Path.of("solutions", Lab.DECODE.folder(), "Decoder.java");
    String solved = Files.readString(source);
    assertTrue(solved.contains(from), "the solution changed: " + from);
    Path labs = dir.resolve("labs");
    Files.createDirectories(labs.resolve(Lab.DECODE.folder()));
    Files.writeString(labs.resolve(Lab.DECODE.folder()).resolve("Decoder.java"), solved.replace(from, to));
    LabCompiler.Result compiled = LabCompiler.compile(labs, "labs", EnumSet.of(Lab.DECODE), dir.resolve("classes"));
    assertEquals(Map.of(), compiled.broken());
    return ForkedGrading.Options.of(EnumSet.of(Lab.DECODE, Lab.OFFSET_DELAY), dir.resolve("work"))
        .withClassPath(compiled.classPath()).withCallLimit(Duration.ofSeconds(1));
  }

  private static Map<String, ExerciseResult> byName(GradeReport report) {
    return report.results().stream().collect(Collectors.toMap(ExerciseResult::name, r -> r));
  }

  /** Lab 4 comes from the class path (stub or solution): graded as in-process grading does. */
  private static void assertLab4Graded(GradeReport report) throws Exception {
    GradeReport inProcess = Grading.run(EnumSet.of(Lab.OFFSET_DELAY), Corpus.load(), Duration.ofSeconds(2));
    assertEquals(inProcess.results(), report.results().stream().filter(r -> r.lab() == Lab.OFFSET_DELAY).toList());
  }

  @Test
  void systemExitCostsTheExerciseItHappenedIn() throws Exception {
    GradeReport report = ForkedGrading.run(decoderWith(SOLVED_STRATUM, "System.exit(3); return 0;"));
    var results = byName(report);
    var stratum = assertInstanceOf(Outcome.Errored.class, results.get("lab2 decode: stratum").outcome());
    assertTrue(stratum.message().startsWith("your code called System.exit(3) while grading lab2 decode: stratum"
        + " — a lab must return its answer, never end the program"), stratum.message());
    assertTrue(stratum.message().contains("at org.ntplab.labs.decode.Decoder.stratum(Decoder.java:"), stratum.message());
    // The rest of lab 2 is graded after the restart, and so is lab 4.
    assertTrue(results.get("lab2 decode: leap").outcome().passed());
    assertTrue(results.get("lab2 decode: poll").outcome().passed());
    assertEquals(Lab.DECODE.exercises().of().apply(Corpus.load()).size(),
        report.results().stream().filter(r -> r.lab() == Lab.DECODE).count());
    assertLab4Graded(report);
  }

  @Test
  void systemExitThatHangsInAShutdownHookIsStillNamed() throws Exception {
    GradeReport report = ForkedGrading.run(decoderWith("return packet[2];",
        "Runtime.getRuntime().addShutdownHook(new Thread(() -> { try { Thread.sleep(600_000); }"
            + " catch (InterruptedException e) { } })); System.exit(4); return 0;"));
    var poll = assertInstanceOf(Outcome.Errored.class, byName(report).get("lab2 decode: poll").outcome());
    assertTrue(poll.message().startsWith("your code called System.exit while grading lab2 decode: poll"),
        poll.message());
    assertTrue(byName(report).get("lab2 decode: precision").outcome().passed());
  }

  @Test
  void haltWhileMakingTheLabCostsThatLab() throws Exception {
    GradeReport report = ForkedGrading.run(decoderWith("public class Decoder implements DecodeLab {",
        "public class Decoder implements DecodeLab {\n  public Decoder() { Runtime.getRuntime().halt(7); }"));
    List<ExerciseResult> lab2 = report.results().stream().filter(r -> r.lab() == Lab.DECODE).toList();
    assertFalse(lab2.isEmpty());
    for (ExerciseResult r : lab2) {
      var errored = assertInstanceOf(Outcome.Errored.class, r.outcome(), r.name());
      assertTrue(errored.message().contains("exit status 7") && errored.message().contains("halt()")
          && errored.message().contains("making an instance of org.ntplab.labs.decode.Decoder"), errored.message());
    }
    assertLab4Graded(report);
  }

  @Test
  void aLoopThatIgnoresInterruptsCostsOneExercise() throws Exception {
    GradeReport report = ForkedGrading.run(decoderWith(SOLVED_STRATUM,
        "for (;;) { Thread.onSpinWait(); }"));
    var results = byName(report);
    var stratum = assertInstanceOf(Outcome.TimedOut.class, results.get("lab2 decode: stratum").outcome());
    assertTrue(stratum.message().contains("did not return within 1 s"), stratum.message());
    assertTrue(results.get("lab2 decode: leap").outcome().passed());
    assertLab4Graded(report);
  }

  @Test
  void aThreadThatNeverEndsDoesNotKeepTheGraderWaiting() throws Exception {
    // A liveness bound, not a timing: without the child's halt the run waits out its 120 s
    // deadline and grades alike, so only finishing well before it shows the thread let go.
    GradeReport report = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ForkedGrading.run(decoderWith("public class Decoder implements DecodeLab {",
        "public class Decoder implements DecodeLab {\n  public Decoder() { new Thread(() -> {"
            + " while (true) { try { Thread.sleep(60_000); } catch (InterruptedException e) { } } }).start(); }")
        .withDeadline(Duration.ofSeconds(120))));
    assertTrue(byName(report).get("lab2 decode: stratum").outcome().passed());
    assertLab4Graded(report);
  }

  @Test
  void aChildStillRunningAtTheDeadlineIsKilledAndTheRestIsNotGraded() throws Exception {
    // A per-call limit longer than the whole grading's: only the deadline can end this loop.
    GradeReport report = ForkedGrading.run(decoderWith("return packet[2];", "for (;;) { }")
        .withCallLimit(Duration.ofMinutes(10)).withDeadline(Duration.ofSeconds(20)));
    List<ExerciseResult> lab2 = report.results().stream().filter(r -> r.lab() == Lab.DECODE).toList();
    assertEquals(Lab.DECODE.exercises().of().apply(Corpus.load()).size(), lab2.size());
    int poll = lab2.stream().map(ExerciseResult::name).toList().indexOf("lab2 decode: poll");
    var killed = assertInstanceOf(Outcome.Errored.class, lab2.get(poll).outcome());
    assertTrue(killed.message().startsWith("grading stopped: lab2 decode: poll was still running when the time limit"
        + " of 20 s for the whole grading ran out"), killed.message());
    assertTrue(lab2.subList(0, poll).stream().allMatch(r -> r.outcome().passed()));
    for (ExerciseResult r : lab2.subList(poll + 1, lab2.size())) {
      var errored = assertInstanceOf(Outcome.Errored.class, r.outcome());
      assertTrue(errored.message().startsWith("not graded: grading ran out of its time limit"), errored.message());
    }
  }

  /** Printing forever would fill the disk: the child's log keeps 1 MB, says it was cut, and the rest is graded. */
  @Test
  void outputWithoutEndIsCutAtItsLimitAndTheRestGraded() throws Exception {
    StringBuilder printed = new StringBuilder();
    GradeReport report = ForkedGrading.run(decoderWith(SOLVED_STRATUM,
        "for (;;) { System.out.print(\"x\".repeat(8192)); }").withOutput(printed::append));
    var results = byName(report);
    assertInstanceOf(Outcome.TimedOut.class, results.get("lab2 decode: stratum").outcome());
    assertTrue(results.get("lab2 decode: leap").outcome().passed());
    assertLab4Graded(report);
    try (var logs = Files.list(dir.resolve("work"))) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("output-")).toList()) {
        assertTrue(Files.size(log) <= ForkedGrading.MAX_LOG + 200, log + ": " + Files.size(log) + " bytes");
      }
    }
    assertTrue(printed.toString().contains("; output cut at 1 MB: "), printed.length() > 300
        ? printed.substring(printed.length() - 300) : printed.toString());
  }

  /** Two thousand threads that sleep, and a call that never returns: the deadline still ends the child. */
  @Test
  void aChildWithManyThreadsIsStillKilledAtTheDeadline() throws Exception {
    GradeReport report = ForkedGrading.run(decoderWith("return packet[2];",
        "for (int i = 0; i < 2000; i++) { Thread t = new Thread(() -> { try { Thread.sleep(600_000); }"
            + " catch (InterruptedException e) { } }); t.start(); } for (;;) { }")
        .withCallLimit(Duration.ofMinutes(10)).withDeadline(Duration.ofSeconds(20)));
    var poll = assertInstanceOf(Outcome.Errored.class, byName(report).get("lab2 decode: poll").outcome());
    assertTrue(poll.message().startsWith("grading stopped: lab2 decode: poll was still running when the time limit"),
        poll.message());
    assertTrue(byName(report).get("lab2 decode: stratum").outcome().passed());
  }

  @Test
  void stackOverflowIsTheStudentsErrorWithTheirFrame() throws Exception {
    GradeReport report = ForkedGrading.run(decoderWith(SOLVED_STRATUM, "return stratum(packet) + 1;"));
    var stratum = assertInstanceOf(Outcome.Errored.class, byName(report).get("lab2 decode: stratum").outcome());
    assertTrue(stratum.message().contains("StackOverflowError"), stratum.message());
    assertTrue(stratum.message().contains("at org.ntplab.labs.decode.Decoder.stratum(Decoder.java:"), stratum.message());
    assertTrue(byName(report).get("lab2 decode: mode").outcome().passed());
    assertLab4Graded(report);
  }

  @Test
  void aLabThatDoesNotCompileIsReportedLikeJavacAndCostsThatLabOnly() throws Exception {
    Path labs = dir.resolve("labs");
    Path folder = Files.createDirectories(labs.resolve(Lab.DECODE.folder()));
    Files.writeString(folder.resolve("Decoder.java"), "package org.ntplab.labs.decode;\n\npublic class Decoder {\n"
        + "  int x = 1\n}\n");
    LabCompiler.Result compiled = LabCompiler.compile(labs, "labs", EnumSet.of(Lab.DECODE, Lab.TIMESTAMPS),
        dir.resolve("classes"));
    String message = compiled.broken().get(Lab.DECODE);
    assertTrue(message.contains("labs/02-decode/Decoder.java:4: error: ';' expected"), message);
    assertTrue(compiled.broken().get(Lab.TIMESTAMPS).contains("labs/01-timestamps is missing"));
    GradeReport report = ForkedGrading.run(ForkedGrading.Options.of(EnumSet.of(Lab.DECODE, Lab.OFFSET_DELAY),
        dir.resolve("work")).withBroken(Map.of(Lab.DECODE, message)));
    List<ExerciseResult> lab2 = report.results().stream().filter(r -> r.lab() == Lab.DECODE).toList();
    assertEquals(new Outcome.Errored(message), lab2.get(0).outcome());
    for (ExerciseResult r : lab2.subList(1, lab2.size())) {
      var errored = assertInstanceOf(Outcome.Errored.class, r.outcome());
      assertEquals("labs/02-decode does not compile (see " + lab2.get(0).name() + " for the errors)",
          errored.message());
    }
    assertLab4Graded(report);
  }

  @Test
  void theReportSurvivesItsJsonRoundTrip() {
    GradeReport sample = ReportTest.sample();
    assertEquals(sample, ReportJson.report(ReportJson.parse(ReportJson.line(ReportJson.of(sample)))));
    GradeReport every = new GradeReport(List.of(
        new ExerciseResult(Lab.DECODE, "lab2 decode: mode", 1, new Outcome.Errored("boom\n    at X.java:3")),
        new ExerciseResult(Lab.DECODE, "lab2 decode: leap", 1, new Outcome.TimedOut("slow — \"quoted\""))));
    assertEquals(every, ReportJson.report(ReportJson.of(every)));
  }

}
