package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.LocalGrading;
import org.ntplab.grading.Outcome;
import org.ntplab.grading.report.GradeTable;

/**
 * The harness against students who end, hang or flood their process: each is that student's
 * failure, named in words, and every other exercise and lab is still graded in a new process.
 */
class HarnessTest {

  private static final String SOLVED_STRATUM = "return packet[1] & 0xff;";

  private static Corpus corpus;
  private static GradeReport lab4;

  @TempDir Path dir;

  @BeforeAll
  static void load() throws Exception {
    corpus = Corpus.load();
    lab4 = LocalGrading.run(Set.of(Lab.of(4)), corpus, Duration.ofSeconds(2));
  }

  /** A labs folder: the solved decoder with one edit as lab 2, and the solved lab 4. */
  private Harness.Options decoderWith(String from, String to) throws Exception {
    Path source = Path.of("solutions", Lab.of(2).folder(), "Decoder.java");
    String solved = Files.readString(source);
    assertTrue(solved.contains(from), "the solution changed: " + from);
    Path labs = dir.resolve("labs");
    Files.createDirectories(labs.resolve(Lab.of(2).folder()));
    Files.writeString(
        labs.resolve(Lab.of(2).folder()).resolve("Decoder.java"), solved.replace(from, to));
    copySolution(Lab.of(4), labs);
    return Harness.Options.of(Set.of(Lab.of(2), Lab.of(4)), labs, dir.resolve("work"))
        .withCallLimit(Duration.ofSeconds(1));
  }

  static void copySolution(Lab lab, Path labs) throws Exception {
    Path to = Files.createDirectories(labs.resolve(lab.folder()));
    try (var files = Files.list(Path.of("solutions", lab.folder()))) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private GradeReport grade(Harness.Options options) throws Exception {
    return Harness.grade(options, corpus);
  }

  private static Map<String, ExerciseResult> byName(GradeReport report) {
    return report.results().stream().collect(Collectors.toMap(ExerciseResult::name, r -> r));
  }

  /** Lab 4, solved, graded in the student process as in-process grading grades it. */
  private static void assertLab4Graded(GradeReport report) {
    assertEquals(
        lab4.results(), report.results().stream().filter(r -> r.lab() == Lab.of(4)).toList());
  }

  @Test
  void solvedLabsGetFullMarksThroughTheStudentProcess() throws Exception {
    GradeReport report = grade(decoderWith(SOLVED_STRATUM, SOLVED_STRATUM));
    assertTrue(report.fullMarks(), GradeTable.render(report));
    assertLab4Graded(report);
  }

  @Test
  void systemExitCostsTheExerciseItHappenedIn() throws Exception {
    GradeReport report = grade(decoderWith(SOLVED_STRATUM, "System.exit(3); return 0;"));
    var results = byName(report);
    var stratum =
        assertInstanceOf(Outcome.Errored.class, results.get("lab2 decode: stratum").outcome());
    assertTrue(
        stratum
            .message()
            .contains(
                ": your code called System.exit(3) — a lab must return its answer,"
                    + " never end the program"),
        stratum.message());
    assertTrue(stratum.message().startsWith("fixture "), stratum.message());
    assertTrue(
        stratum.message().contains("at org.ntplab.labs.decode.Decoder.stratum(Decoder.java:"),
        stratum.message());
    // The rest of lab 2 is graded after the restart, and so is lab 4.
    assertTrue(results.get("lab2 decode: leap").outcome().passed());
    assertTrue(results.get("lab2 decode: poll").outcome().passed());
    assertEquals(
        Lab.of(2).exercises().of().apply(corpus).size(),
        report.results().stream().filter(r -> r.lab() == Lab.of(2)).count());
    assertLab4Graded(report);
  }

  @Test
  void systemExitThatHangsInAShutdownHookIsStillNamed() throws Exception {
    GradeReport report =
        grade(
            decoderWith(
                "return packet[2];",
                "Runtime.getRuntime().addShutdownHook(new Thread(() -> { try { Thread.sleep(600_000); }"
                    + " catch (InterruptedException e) { } })); System.exit(4); return 0;"));
    var poll = byName(report).get("lab2 decode: poll").outcome();
    assertFalse(poll.passed());
    assertTrue(byName(report).get("lab2 decode: precision").outcome().passed());
  }

  @Test
  void haltWhileMakingTheLabCostsThatLab() throws Exception {
    GradeReport report =
        grade(
            decoderWith(
                "public class Decoder implements DecodeLab {",
                "public class Decoder implements DecodeLab {\n  public Decoder() { Runtime.getRuntime().halt(7); }"));
    List<ExerciseResult> lab2 =
        report.results().stream().filter(r -> r.lab() == Lab.of(2)).toList();
    assertFalse(lab2.isEmpty());
    for (ExerciseResult r : lab2) {
      var errored = assertInstanceOf(Outcome.Errored.class, r.outcome(), r.name());
      assertTrue(
          errored
                  .message()
                  .startsWith("creating the lab's class: the program ended (exit status 7)")
              && errored.message().contains("halt()"),
          errored.message());
    }
    assertLab4Graded(report);
  }

  @Test
  void aLoopThatIgnoresInterruptsCostsOneExerciseAndIsNamedByItsLine() throws Exception {
    String loop = "for (;;) { Thread.onSpinWait(); }";
    GradeReport report = grade(decoderWith(SOLVED_STRATUM, loop));
    var results = byName(report);
    var stratum =
        assertInstanceOf(Outcome.TimedOut.class, results.get("lab2 decode: stratum").outcome());
    assertTrue(stratum.message().contains("did not return within 1 s"), stratum.message());
    List<String> lines =
        Files.readAllLines(dir.resolve("labs").resolve(Lab.of(2).folder()).resolve("Decoder.java"));
    int line =
        lines.indexOf(lines.stream().filter(l -> l.contains(loop)).findFirst().orElseThrow()) + 1;
    assertTrue(
        stratum
            .message()
            .endsWith("\n    at org.ntplab.labs.decode.Decoder.stratum(Decoder.java:" + line + ")"),
        stratum.message());
    assertTrue(results.get("lab2 decode: leap").outcome().passed());
    assertLab4Graded(report);
  }

  /**
   * A call's limit counts the processor time the student process used, as the kernel reports it: a
   * call that took longer than its limit on the wall clock while computing little (here asleep; on
   * a busy machine, kept from running) still answers, so a grade does not depend on what else the
   * machine was doing. The endless loop above is still given up at the limit.
   */
  @Test
  void aCallLongerThanItsLimitOnTheWallClockButNotInProcessorTimeAnswers() throws Exception {
    // Once: the first case's call takes 2.5 s on the wall clock; the limit is 1 s.
    String onceAsleep =
        "if (System.getProperty(\"slept\") == null) { System.setProperty(\"slept\", \"once\");"
            + " java.util.concurrent.locks.LockSupport.parkNanos(2_500_000_000L); } ";
    GradeReport report = grade(decoderWith(SOLVED_STRATUM, onceAsleep + SOLVED_STRATUM));
    assertTrue(byName(report).get("lab2 decode: stratum").outcome().passed(), report.toString());
  }

  /** A call that waits and never returns is given up after five limits, and says it waited. */
  @Test
  void aCallThatWaitsForeverIsGivenUpAndToldItWasWaiting() throws Exception {
    GradeReport report =
        grade(
            decoderWith(
                SOLVED_STRATUM,
                "while (packet.length > 0) java.util.concurrent.locks.LockSupport.park(); "
                    + SOLVED_STRATUM));
    var stratum =
        assertInstanceOf(
            Outcome.TimedOut.class, byName(report).get("lab2 decode: stratum").outcome());
    assertTrue(
        stratum
            .message()
            .contains(
                "did not return within 5 s, waiting rather than computing (a sleep, a lock, a read"
                    + " with no timeout?)"),
        stratum.message());
    assertTrue(byName(report).get("lab2 decode: leap").outcome().passed());
  }

  /**
   * Without bubblewrap (the USER walls), the student's classes sit in a folder under /tmp, which
   * anyone may list: a process left behind by one hand-in of a batch could look there for the next
   * one's classes. Each hand-in's folder has a part no one can list or guess; this code looks for
   * {@code classes} in every such folder and answers wrongly if it can list one.
   */
  @Test
  void withoutBubblewrapNoClassFolderUnderTmpCanBeFoundByListing() throws Exception {
    Optional<Sandbox> user = Sandbox.userOnly("a test of the walls without bubblewrap");
    assumeTrue(user.isPresent(), "needs root, setpriv and prlimit: CI runs as root");
    String look =
        "int found = 0; try (var all = java.nio.file.Files.list(java.nio.file.Path.of(\"/tmp\"))) {"
            + " for (var d : all.toList()) { try (var in ="
            + " java.nio.file.Files.list(d.resolve(\"classes\"))) { found++; } catch (Exception e) {"
            + " } } } catch (Exception e) { } if (found > 0) return -found; ";
    Harness.Options options = decoderWith(SOLVED_STRATUM, look + SOLVED_STRATUM);
    GradeReport report =
        grade(
            new Harness.Options(
                options.labs(),
                options.labsDir(),
                options.shown(),
                options.workDir(),
                options.callLimit(),
                options.deadline(),
                user.get(),
                options.printed(),
                options.showHidden()));
    assertTrue(byName(report).get("lab2 decode: stratum").outcome().passed(), report.toString());
  }

  /**
   * The line a stuck call is on is the student process's word: only a frame's shape gets into the
   * message.
   */
  @Test
  void aForgedLineIsNotBelieved() throws Exception {
    String forge =
        "byte[] b = \"<b>not a frame</b>\".getBytes(); var out = new java.io.DataOutputStream("
            + "new java.io.FileOutputStream(java.io.FileDescriptor.out)); for (;;) { try { out.writeByte(5);"
            + " out.writeInt(b.length); out.write(b); out.flush(); Thread.sleep(20); } catch (Exception e) { } }";
    GradeReport report = grade(decoderWith(SOLVED_STRATUM, forge));
    var stratum = byName(report).get("lab2 decode: stratum").outcome();
    assertFalse(stratum.passed());
    assertFalse(GradeTable.render(report).contains("not a frame"), GradeTable.render(report));
    assertLab4Graded(report);
  }

  @Test
  void aThreadThatNeverEndsDoesNotKeepTheGraderWaiting() throws Exception {
    // A liveness bound, not a timing: were the process kept up by the thread, the run would wait
    // out
    // its 120 s deadline, so only finishing well before it shows the thread let go.
    GradeReport report =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                grade(
                    decoderWith(
                            "public class Decoder implements DecodeLab {",
                            "public class Decoder implements DecodeLab {\n  public Decoder() { new Thread(() -> {"
                                + " while (true) { try { Thread.sleep(60_000); } catch (InterruptedException e) { } } }).start(); }")
                        .withDeadline(Duration.ofSeconds(120))));
    assertTrue(byName(report).get("lab2 decode: stratum").outcome().passed());
    assertLab4Graded(report);
  }

  @Test
  void aCallStillRunningAtTheDeadlineIsStoppedAndTheRestIsNotGraded() throws Exception {
    // A per-call limit longer than the whole grading's: only the deadline can end this loop.
    GradeReport report =
        grade(
            decoderWith("return packet[2];", "for (;;) { }")
                .withCallLimit(Duration.ofMinutes(10))
                .withDeadline(Duration.ofSeconds(20)));
    List<ExerciseResult> lab2 =
        report.results().stream().filter(r -> r.lab() == Lab.of(2)).toList();
    assertEquals(Lab.of(2).exercises().of().apply(corpus).size(), lab2.size());
    int poll = lab2.stream().map(ExerciseResult::name).toList().indexOf("lab2 decode: poll");
    var killed = assertInstanceOf(Outcome.Errored.class, lab2.get(poll).outcome());
    assertTrue(
        killed.message().startsWith("grading stopped: fixture ")
            && killed
                .message()
                .contains(
                    " was still running when the time limit of 20 s for the whole grading ran out"),
        killed.message());
    assertTrue(lab2.subList(0, poll).stream().allMatch(r -> r.outcome().passed()));
    for (ExerciseResult r : lab2.subList(poll + 1, lab2.size())) {
      var errored = assertInstanceOf(Outcome.Errored.class, r.outcome());
      assertTrue(
          errored.message().startsWith("not graded: grading ran out of its time limit"),
          errored.message());
    }
  }

  /**
   * Printing forever would fill the disk: the log keeps 1 MB, says it was cut, and the rest is
   * graded.
   */
  @Test
  void outputWithoutEndIsCutAtItsLimitAndTheRestGraded() throws Exception {
    StringBuilder printed = new StringBuilder();
    GradeReport report =
        grade(
            decoderWith(SOLVED_STRATUM, "for (;;) { System.out.print(\"x\".repeat(8192)); }")
                .withPrinted(printed::append));
    var results = byName(report);
    assertInstanceOf(Outcome.TimedOut.class, results.get("lab2 decode: stratum").outcome());
    assertTrue(results.get("lab2 decode: leap").outcome().passed());
    assertLab4Graded(report);
    try (var logs = Files.list(dir.resolve("work"))) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("output-")).toList()) {
        assertTrue(
            Files.size(log) <= StudentProcess.MAX_LOG + 200,
            log + ": " + Files.size(log) + " bytes");
      }
    }
    assertTrue(
        printed.toString().contains("; output cut at 1 MB: "),
        printed.length() > 300 ? printed.substring(printed.length() - 300) : printed.toString());
  }

  /**
   * Two thousand threads that sleep, and a call that never returns: behind the walls the threads
   * stop at the sandbox's limit (the JVM's own warning about it must not break the channel),
   * without them the deadline ends the call; the rest is graded.
   */
  @Test
  void aProcessWithManyThreadsCostsOneExercise() throws Exception {
    GradeReport report =
        grade(
            decoderWith(
                    "return packet[2];",
                    "for (int i = 0; i < 2000; i++) { Thread t = new Thread(() -> { try { Thread.sleep(600_000); }"
                        + " catch (InterruptedException e) { } }); t.start(); } for (;;) { }")
                .withCallLimit(Duration.ofMinutes(10))
                .withDeadline(Duration.ofSeconds(20)));
    var poll =
        assertInstanceOf(Outcome.Errored.class, byName(report).get("lab2 decode: poll").outcome());
    String expected =
        Sandbox.detect().walls() == Sandbox.Walls.NONE
            ? "grading stopped: "
            : "threw java.lang.OutOfMemoryError: unable to create native thread";
    assertTrue(poll.message().contains(expected), poll.message());
    assertTrue(byName(report).get("lab2 decode: stratum").outcome().passed());
  }

  @Test
  void stackOverflowIsTheStudentsErrorWithTheirFrame() throws Exception {
    GradeReport report = grade(decoderWith(SOLVED_STRATUM, "return stratum(packet) + 1;"));
    var stratum =
        assertInstanceOf(
            Outcome.Errored.class, byName(report).get("lab2 decode: stratum").outcome());
    assertTrue(stratum.message().contains("StackOverflowError"), stratum.message());
    assertTrue(
        stratum.message().contains("at org.ntplab.labs.decode.Decoder.stratum(Decoder.java:"),
        stratum.message());
    assertTrue(byName(report).get("lab2 decode: mode").outcome().passed());
    assertLab4Graded(report);
  }

  @Test
  void aLabThatDoesNotCompileIsReportedLikeJavacAndCostsThatLabOnly() throws Exception {
    Path labs = dir.resolve("labs");
    Path folder = Files.createDirectories(labs.resolve(Lab.of(2).folder()));
    Files.writeString(
        folder.resolve("Decoder.java"),
        "package org.ntplab.labs.decode;\n\npublic class Decoder {\n" + "  int x = 1\n}\n");
    copySolution(Lab.of(4), labs);
    GradeReport report =
        grade(
            Harness.Options.of(Set.of(Lab.of(2), Lab.of(4), Lab.of(1)), labs, dir.resolve("work")));
    List<ExerciseResult> lab2 =
        report.results().stream().filter(r -> r.lab() == Lab.of(2)).toList();
    String message = ((Outcome.Errored) lab2.get(0).outcome()).message();
    assertTrue(message.contains("labs/02-decode/Decoder.java:4: error: ';' expected"), message);
    for (ExerciseResult r : lab2.subList(1, lab2.size())) {
      var errored = assertInstanceOf(Outcome.Errored.class, r.outcome());
      assertEquals(
          "labs/02-decode does not compile (see " + lab2.get(0).name() + " for the errors)",
          errored.message());
    }
    var lab1 =
        report.results().stream().filter(r -> r.lab() == Lab.of(1)).findFirst().orElseThrow();
    assertTrue(
        ((Outcome.Errored) lab1.outcome()).message().contains("labs/01-timestamps is missing"));
    assertLab4Graded(report);
  }

  @Test
  void aLabThatUsesTheReferenceIsStoppedAtJavacWithItsMessage() throws Exception {
    GradeReport report =
        grade(
            decoderWith(
                SOLVED_STRATUM, "return org.ntplab.wire.NtpCodec.decode(packet).stratum();"));
    String message =
        ((Outcome.Errored) byName(report).get("lab2 decode: leap").outcome()).message();
    assertTrue(
        message.contains("does not compile") && message.contains("org.ntplab.wire"), message);
    assertLab4Graded(report);
  }
}
