package org.ntplab.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ntplab.grading.harness.Watch;
import org.ntplab.grading.report.GradeTable;

/**
 * What {@code ntplab grade --watch} prints after each round: the grade table, on a cleared screen
 * when a person watches (in a log, rounds follow one another), and a line saying what was graded
 * and that it goes on watching.
 */
record WatchScreen(String labsDir, boolean terminal) {

  /** Cursor home, then erase the screen: the table stays where the eye expects it. */
  static final String CLEAR = "\033[H\033[2J";

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  String text(Watch.Round round, LocalTime at) {
    if (round instanceof Watch.Graded graded) {
      return (terminal ? CLEAR : "\n")
          + graded.printed()
          + GradeTable.render(graded.report())
          + String.format(
              Locale.ROOT,
              "%s graded at %s in %.1f s; watching %s/ for saves (Ctrl-C to stop)%n",
              labs(round),
              CLOCK.format(at),
              graded.took().toNanos() / 1e9,
              labsDir);
    }
    Watch.Failed failed = (Watch.Failed) round;
    return String.format(
        Locale.ROOT,
        "%s not graded at %s: %s; graded again on the next save%n",
        labs(round),
        CLOCK.format(at),
        failed.why());
  }

  private static String labs(Watch.Round round) {
    String ids =
        round.labs().stream()
            .sorted()
            .map(lab -> Integer.toString(lab.number()))
            .collect(Collectors.joining(", "));
    return (round.labs().size() == 1 ? "lab " : "labs ") + ids;
  }
}
