package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;
import org.ntplab.grading.report.GradeTable;

/**
 * {@code ntplab grade --watch}'s engine: each save of a lab's file grades that lab again, with the
 * classes just compiled (never a process that served the old ones), javac's errors when it does not
 * compile, and the grade again once it does.
 */
class WatchTest {

  private static final String SOLVED_STRATUM = "return packet[1] & 0xff;";

  /**
   * Far beyond a round's seconds: only a watch that never grades waits this long, and then fails.
   */
  private static final long HANG_MINUTES = 3;

  private static Corpus corpus;

  @TempDir Path dir;

  @BeforeAll
  static void load() throws Exception {
    corpus = Corpus.load();
  }

  @Test
  void eachSaveGradesTheLabAgainWithWhatWasSaved() throws Exception {
    Path labs = dir.resolve("labs");
    Path decoder =
        Files.createDirectories(labs.resolve(Lab.of(2).folder())).resolve("Decoder.java");
    Files.copy(Path.of("labs", Lab.of(2).folder(), "Decoder.java"), decoder);
    String solved = Files.readString(Path.of("solutions", Lab.of(2).folder(), "Decoder.java"));
    assertTrue(solved.contains(SOLVED_STRATUM), "the solution changed");

    BlockingQueue<Watch.Round> rounds = new LinkedBlockingQueue<>();
    try (Watch watch =
        Watch.open(Harness.Options.of(Set.of(Lab.of(2)), labs, dir.resolve("work")), corpus)) {
      Thread running = start(watch, rounds);

      GradeReport stub = graded(rounds);
      assertEquals(0, stub.score());
      assertTrue(
          stub.results().stream().allMatch(r -> r.outcome() instanceof Outcome.NotStarted),
          table(stub));

      Files.writeString(decoder, solved);
      GradeReport done = graded(rounds);
      assertTrue(done.fullMarks(), table(done));

      Files.writeString(decoder, solved.replace(SOLVED_STRATUM, "return packet[1] & 0xff"));
      GradeReport broken = graded(rounds);
      Outcome.Errored first =
          assertInstanceOf(Outcome.Errored.class, broken.results().get(0).outcome());
      assertTrue(first.message().startsWith("labs/02-decode does not compile:\n"), first.message());
      assertTrue(first.message().contains("\nlabs/02-decode/Decoder.java:"), first.message());
      assertTrue(first.message().contains(": error: ';' expected"), first.message());
      assertEquals(0, broken.score());

      // Compiles again, with a mistake the last process's classes did not have: the new code is
      // what answers.
      Files.writeString(
          decoder,
          solved.replace(
              SOLVED_STRATUM, "System.out.println(\"asked for the stratum\"); return 0;"));
      Watch.Graded again = assertInstanceOf(Watch.Graded.class, next(rounds));
      assertTrue(again.printed().contains("asked for the stratum\n"), again.printed());
      Map<String, ExerciseResult> fixed = byName(again.report());
      assertFalse(fixed.get("lab2 decode: stratum").outcome().passed());
      assertTrue(fixed.get("lab2 decode: leap").outcome().passed());
      assertTrue(fixed.get("lab2 decode: poll").outcome().passed());

      watch.close();
      assertTrue(watch.awaitEnd(Duration.ofMinutes(HANG_MINUTES)));
      running.join();
    }
  }

  @Test
  void aSaveGradesItsOwnLabOnly() throws Exception {
    Path labs = dir.resolve("labs");
    HarnessTest.copySolution(Lab.of(2), labs);
    HarnessTest.copySolution(Lab.of(4), labs);
    BlockingQueue<Watch.Round> rounds = new LinkedBlockingQueue<>();
    Set<Lab> both = Set.of(Lab.of(2), Lab.of(4));
    try (Watch watch = Watch.open(Harness.Options.of(both, labs, dir.resolve("work")), corpus)) {
      Thread running = start(watch, rounds);
      assertEquals(both, next(rounds).labs());

      // An editor's scratch files beside the source are not saves.
      Files.writeString(labs.resolve(Lab.of(2).folder()).resolve(".Decoder.java.swp"), "x");
      Path offsetDelay = labs.resolve(Lab.of(4).folder()).resolve("OffsetDelay.java");
      Files.writeString(offsetDelay, Files.readString(offsetDelay) + "\n// saved again\n");
      Watch.Graded again = assertInstanceOf(Watch.Graded.class, next(rounds));
      assertEquals(Set.of(Lab.of(4)), again.labs());
      assertTrue(again.report().fullMarks(), table(again.report()));
      assertTrue(again.report().results().stream().allMatch(r -> r.lab() == Lab.of(4)));

      watch.close();
      running.join();
    }
  }

  @Test
  void editorsScratchFilesAreNotLabSources() {
    for (String name : List.of("Decoder.java", "Helper.java", "answers.jsh")) {
      assertTrue(Watch.isLabSource(Path.of("labs/02-decode", name)), name);
    }
    for (String name :
        List.of(
            ".Decoder.java.swp",
            "Decoder.java~",
            "4913",
            ".#Decoder.java",
            "#Decoder.java#",
            "Decoder.java___jb_tmp___",
            "README.md")) {
      assertFalse(Watch.isLabSource(Path.of("labs/02-decode", name)), name);
    }
  }

  private static Watch.Round next(BlockingQueue<Watch.Round> rounds) throws InterruptedException {
    Watch.Round round = rounds.poll(HANG_MINUTES, TimeUnit.MINUTES);
    assertNotNull(round, "no grading after a save");
    return round;
  }

  private static GradeReport graded(BlockingQueue<Watch.Round> rounds) throws InterruptedException {
    Watch.Round round = next(rounds);
    return assertInstanceOf(Watch.Graded.class, round, String.valueOf(round)).report();
  }

  /** Runs the watch on a thread of its own, each round into {@code rounds}. */
  private static Thread start(Watch watch, BlockingQueue<Watch.Round> rounds) {
    Thread running =
        new Thread(
            () -> {
              try {
                watch.run(rounds::add);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    running.start();
    return running;
  }

  private static Map<String, ExerciseResult> byName(GradeReport report) {
    return report.results().stream().collect(Collectors.toMap(ExerciseResult::name, r -> r));
  }

  private static String table(GradeReport report) {
    return GradeTable.render(report);
  }
}
