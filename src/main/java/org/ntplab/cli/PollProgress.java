package org.ntplab.cli;

import java.io.PrintWriter;
import java.util.List;
import org.ntplab.sources.Polled;
import org.ntplab.sources.Poller;

/**
 * {@code sync}'s progress while it polls: one line on stderr redrawn after each round, and only on
 * a terminal (a pipe or a log gets the table alone).
 */
final class PollProgress implements Poller.Progress {

  private final PrintWriter err;
  private final boolean shown;
  private int width;

  PollProgress(PrintWriter err, boolean shown) {
    this.err = err;
    this.shown = shown;
  }

  @Override
  public void round(int done, int rounds, List<Polled> sofar) {
    if (!shown) {
      return;
    }
    long replies = sofar.stream().mapToLong(p -> p.samples().size()).sum();
    String line =
        "polling "
            + sofar.size()
            + " servers: round "
            + done
            + " of "
            + rounds
            + ", "
            + replies
            + (replies == 1 ? " reply" : " replies");
    width = Math.max(width, line.length());
    err.print("\r" + line);
    err.flush();
  }

  /** Clears the line, so the table starts on a clean one. */
  void end() {
    if (shown && width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
    }
  }
}
