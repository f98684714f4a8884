package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;

/**
 * A student process that attacks the harness through the channel itself, from a lab's code: bytes
 * of its own on the channel, sent slowly, cut off, too large, or calls back that it never reads the
 * answers of. Each costs the exercise it happened in, named in a line; the harness neither hangs
 * nor holds what was sent, and a new process grades the rest.
 */
class ChannelAttackTest {

  private static final String POLL = "return packet[2]; // a Java byte is already signed";

  /** The channel, written on as a lab's code can: the student process's standard output. */
  private static final String CHANNEL =
      "var out = new java.io.DataOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));";

  /**
   * Were a wall to give, the grading would wait out this deadline or forever: finishing well before
   * shows it held.
   */
  private static final Duration LIVENESS = Duration.ofSeconds(90);

  private static Corpus corpus;

  @TempDir Path dir;

  @BeforeAll
  static void load() throws Exception {
    corpus = Corpus.load();
  }

  /**
   * Lab {@code lab}, solved, with {@code from} changed to {@code to} in {@code file}, graded with
   * lab 2 solved (if it is another).
   */
  private Map<String, Outcome> graded(Lab lab, String file, String from, String to) {
    return graded(lab, file, from, to, Sandbox.detect());
  }

  private Map<String, Outcome> graded(
      Lab lab, String file, String from, String to, Sandbox sandbox) {
    return assertTimeoutPreemptively(
        LIVENESS,
        () -> {
          Path labs = dir.resolve("labs");
          Set<Lab> graded = new TreeSet<>(List.of(lab, Lab.of(2)));
          for (Lab solved : graded) {
            HarnessTest.copySolution(solved, labs);
          }
          Path source = labs.resolve(lab.folder()).resolve(file);
          String solved = Files.readString(source);
          assertTrue(solved.contains(from), "the solution changed: " + from);
          Files.writeString(source, solved.replace(from, to));
          GradeReport report =
              Harness.grade(
                  withSandbox(
                      Harness.Options.of(graded, labs, dir.resolve("work"))
                          .withCallLimit(Duration.ofSeconds(2))
                          .withDeadline(LIVENESS.multipliedBy(2)),
                      sandbox),
                  corpus);
          return report.results().stream()
              .collect(Collectors.toMap(ExerciseResult::name, ExerciseResult::outcome));
        });
  }

  private static Harness.Options withSandbox(Harness.Options o, Sandbox sandbox) {
    return new Harness.Options(
        o.labs(),
        o.labsDir(),
        o.shown(),
        o.workDir(),
        o.callLimit(),
        o.deadline(),
        sandbox,
        o.printed(),
        o.showHidden());
  }

  /**
   * Every exercise but the attacked passed, in the processes started after it; but a process
   * started while the machine is busy may run out the call's time while it starts, which is the
   * load's doing, not the attack's.
   */
  private static void assertOthersPassed(Map<String, Outcome> results, String attacked) {
    long passed = 0;
    for (var result : results.entrySet()) {
      Outcome outcome = result.getValue();
      boolean starting =
          outcome instanceof Outcome.TimedOut t
              && t.message().startsWith("creating the lab's class did not return");
      if (!result.getKey().startsWith(attacked)) {
        assertTrue(outcome.passed() || starting, result.getKey() + ": " + outcome);
        passed += outcome.passed() ? 1 : 0;
      }
    }
    assertTrue(passed > 0, "nothing graded after the attack: " + results);
  }

  /**
   * Lab 2 graded with its {@code poll} writing on the channel ({@code writes}, Java statements on
   * {@code out}) and then running {@code then}: poll's outcome, of {@code kind}, the rest passed.
   */
  private <O extends Outcome> O pollWriting(String writes, String then, Class<O> kind) {
    Map<String, Outcome> results =
        graded(
            Lab.of(2),
            "Decoder.java",
            POLL,
            "try { "
                + CHANNEL
                + " "
                + writes
                + " } catch (Exception e) { } "
                + then
                + " return 0;");
    String poll = "lab2 decode: poll";
    assertOthersPassed(results, poll);
    return assertInstanceOf(kind, results.get(poll), String.valueOf(results.get(poll)));
  }

  /**
   * A frame the harness takes at any time while it waits (a WHERE, the line the code is on), begun
   * and never ended: the process's own runtime cannot end it either, as a 1000-byte string takes in
   * what it says. The call's limit covers the read.
   */
  @Test
  void halfAFrameThenSilenceRunsOutTheCallsTime() {
    var poll =
        pollWriting(
            "out.writeByte(5); out.writeInt(1000); out.writeBytes(\"org.ntplab\"); out.flush();",
            "try { Thread.sleep(600_000); } catch (InterruptedException e) { }",
            Outcome.TimedOut.class);
    // Asleep, it computes nothing: given up at five limits on the wall clock, and told so.
    assertTrue(
        poll.message().contains("did not return within 10 s, waiting rather than computing"),
        poll.message());
  }

  @Test
  void aFrameDribbledAByteAtATimeRunsOutTheCallsTime() {
    pollWriting(
        "out.writeByte(5); out.writeInt(65_536); for (;;) { out.writeByte('x'); out.flush();"
            + " Thread.sleep(100); }",
        "",
        Outcome.TimedOut.class);
  }

  /** Cut off in the middle of its answer: the end of the process, not an answer. */
  @Test
  void halfAFrameThenTheEndIsNoAnswer() {
    var poll =
        pollWriting(
            "out.writeByte(2); out.writeShort(0); out.flush();",
            "Runtime.getRuntime().halt(0);",
            Outcome.Errored.class);
    assertTrue(poll.message().contains("the program ended (exit status 0)"), poll.message());
  }

  /**
   * An answer past what the harness holds (an exercise keeps all its answers until it compares
   * them): refused at once, in a line that says why, and the process is not waited for.
   */
  @Test
  void anAnswerPastItsBoundCostsItsExerciseInALine() {
    Map<String, Outcome> results =
        graded(
            Lab.of(2),
            "Decoder.java",
            "public String referenceId(byte[] packet) {",
            "public String referenceId(byte[] packet) {\n    if (packet.length > 0) return"
                + " \"x\".repeat(200_000);");
    var id = assertInstanceOf(Outcome.Errored.class, results.get("lab2 decode: referenceId"));
    assertTrue(
        id.message()
            .endsWith(
                "the student process sent what the grader does not read, and was stopped: an"
                    + " answer larger than 128 KB (the most the channel carries)"),
        id.message());
    assertOthersPassed(results, "lab2 decode: referenceId");
  }

  /**
   * Calls back the harness's clock thousands of times by frames of its own, and never reads the
   * answers: the harness's writes fill the pipe and block, within the call's time, which kills the
   * process and so ends them. Each new process does it again, in each exercise of the lab.
   */
  @Test
  void callsBackWhoseAnswersAreNeverReadRunOutTheCallsTime() {
    String clockInstant = "long t1 = timestamp(clock.instant());";
    String channel =
        "var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream("
            + "new java.io.FileOutputStream(java.io.FileDescriptor.out)));";
    Map<String, Outcome> results =
        graded(
            Lab.of(6),
            "Client.java",
            clockInstant,
            "if (attempt == 1) { try { var id = clock.getClass().getDeclaredField(\"id\");"
                + " id.setAccessible(true); int clockId = id.getInt(clock); "
                + channel
                + " for (int i = 0; i < 100_000; i++) { out.writeByte(1); out.writeInt(1_000_000 +"
                + " i); out.writeInt(clockId); out.writeInt(7); out.writeBytes(\"instant\");"
                + " out.writeByte(0); } out.flush(); Thread.sleep(600_000); } catch (Exception e) {"
                + " throw new IllegalStateException(e); } } "
                + clockInstant);
    results.forEach(
        (name, outcome) -> {
          if (name.startsWith("lab6")) {
            // Or its making did, in a process started while the machine was busy.
            assertInstanceOf(Outcome.TimedOut.class, outcome, name);
          }
        });
    assertOthersPassed(results, "lab6");
  }

  /**
   * As above, without the walls, and with a process of the code's own, in a session of its own,
   * holding the channel's input open: killing the student process then unblocks none of the
   * harness's writes, one of which holds the channel's stream. Ending that process must not wait on
   * the stream, or the whole grading hangs.
   */
  @Test
  void callsBackNeverReadWithTheChannelHeldOpenHangNothingWithoutTheWalls() {
    String mark = "ntplab-held-" + ProcessHandle.current().pid();
    String clockInstant = "long t1 = timestamp(clock.instant());";
    String holder =
        "new ProcessBuilder(\"/usr/bin/setsid\", \"/bin/sh\", \"-c\", \"(sleep 300; : "
            + mark
            + ") &\").redirectInput(ProcessBuilder.Redirect.INHERIT)"
            + ".redirectOutput(ProcessBuilder.Redirect.DISCARD)"
            + ".redirectError(ProcessBuilder.Redirect.DISCARD).start();";
    try {
      Map<String, Outcome> results =
          graded(
              Lab.of(6),
              "Client.java",
              clockInstant,
              "if (attempt == 1) { try { "
                  + holder
                  + " var id = clock.getClass().getDeclaredField(\"id\"); id.setAccessible(true);"
                  + " int clockId = id.getInt(clock); var out = new java.io.DataOutputStream(new"
                  + " java.io.BufferedOutputStream(new"
                  + " java.io.FileOutputStream(java.io.FileDescriptor.out))); for (int i = 0; i <"
                  + " 100_000; i++) { out.writeByte(1); out.writeInt(1_000_000 + i);"
                  + " out.writeInt(clockId); out.writeInt(7); out.writeBytes(\"instant\");"
                  + " out.writeByte(0); } out.flush(); Thread.sleep(600_000); } catch (Exception e)"
                  + " { throw new IllegalStateException(e); } } "
                  + clockInstant,
              Sandbox.none());
      assertTrue(
          results.entrySet().stream()
              .anyMatch(
                  r -> r.getKey().startsWith("lab6") && r.getValue() instanceof Outcome.TimedOut),
          results.toString());
      assertOthersPassed(results, "lab6");
    } finally {
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains(mark))
          .forEach(ProcessHandle::destroyForcibly);
    }
  }
}
