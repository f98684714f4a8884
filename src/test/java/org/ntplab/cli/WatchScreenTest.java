package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;
import org.ntplab.grading.harness.Watch;
import org.ntplab.grading.report.GradeTable;

/** What {@code ntplab grade --watch} prints after each round, and the options it refuses. */
class WatchScreenTest {

  private static final LocalTime AT = LocalTime.of(9, 5, 7);

  private static final GradeReport REPORT =
      new GradeReport(
          List.of(new ExerciseResult(Lab.of(2), "lab2 decode: leap", 2, new Outcome.Passed(12))));

  private static final Watch.Graded GRADED =
      new Watch.Graded(Set.of(Lab.of(2)), REPORT, "", Duration.ofMillis(640));

  private static final String STATUS =
      "lab 2 graded at 09:05:07 in 0.6 s; watching labs/ for saves (Ctrl-C to stop)\n";

  @Test
  void aTerminalGetsTheTableOnAClearedScreen() {
    assertEquals(
        WatchScreen.CLEAR + GradeTable.render(REPORT) + STATUS,
        new WatchScreen("labs", true).text(GRADED, AT));
  }

  @Test
  void aLogGetsRoundAfterRoundWithNoEscapes() {
    String text = new WatchScreen("labs", false).text(GRADED, AT);
    assertEquals("\n" + GradeTable.render(REPORT) + STATUS, text);
    assertTrue(text.chars().noneMatch(c -> c == 0x1b), text);
  }

  @Test
  void whatTheCodePrintedComesAfterTheClearingAboveTheTable() {
    Watch.Graded printing =
        new Watch.Graded(Set.of(Lab.of(2)), REPORT, "leap is 3\n", Duration.ofMillis(640));
    assertEquals(
        WatchScreen.CLEAR + "leap is 3\n" + GradeTable.render(REPORT) + STATUS,
        new WatchScreen("labs", true).text(printing, AT));
  }

  @Test
  void aRoundThatCouldNotGradeSaysSoAndLeavesTheTable() {
    Watch.Failed failed =
        new Watch.Failed(Set.of(Lab.of(2), Lab.of(0)), "labs/02-decode/X.java: gone");
    assertEquals(
        "labs 0, 2 not graded at 09:05:07: labs/02-decode/X.java: gone; graded again on the next save\n",
        new WatchScreen("labs", true).text(failed, AT));
  }

  @Test
  void watchPrintsTheTableSoItTakesNoOutputOptions() {
    for (List<String> extra :
        List.of(
            List.of("--out", "grade.txt"),
            List.of("--format", "json"),
            List.of("--submissions", "handins"))) {
      List<String> args = new ArrayList<>(List.of("grade", "--watch"));
      args.addAll(extra);
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(2, run.exitCode(), run.err());
      assertEquals(
          "ntplab grade: "
              + extra.get(0)
              + " does not go with --watch, which prints the grade table on every"
              + " save\n",
          run.err());
    }
  }
}
