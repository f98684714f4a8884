package org.ntplab.server;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The server's log: at most one line per reason per second, so a flood of junk costs a line a
 * second, not a line a packet. Real time ({@link System#nanoTime()}), not the served clock, which
 * tests hold still. Used from the server thread only.
 */
final class ThrottledLog {

  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final PrintWriter out;

  /** Per reason: when the last line was written, and how many were left out since. */
  private final Map<DropReason, long[]> state = new EnumMap<>(DropReason.class);

  ThrottledLog(PrintWriter out) {
    this.out = out;
  }

  /** One line per reason per second at most, saying how many like it were left out since. */
  void log(DropReason reason, String line) {
    log(reason, () -> line);
  }

  /**
   * {@link #log(DropReason, String)}, building the line only when it is written: a flood costs no
   * strings.
   */
  void log(DropReason reason, Supplier<String> line) {
    long now = System.nanoTime();
    long[] state = this.state.computeIfAbsent(reason, r -> new long[] {now - INTERVAL_NANOS, 0});
    if (now - state[0] < INTERVAL_NANOS) {
      state[1]++;
      return;
    }
    // A PrintWriter swallows its own I/O errors, so a broken log cannot stop the server.
    out.println(
        line.get()
            + (state[1] > 0 ? " (and " + state[1] + " more like it in the last second)" : ""));
    out.flush();
    state[0] = now;
    state[1] = 0;
  }
}
