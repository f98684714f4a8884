package org.ntplab.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Steps the clock with {@code date -u -s @SECONDS.NANOS} (GNU coreutils and BusyBox both take
 * {@code @} and a Unix time): no native code, and the command is one a student can read and run by
 * hand. The target is read from the clock just before {@code date} starts, so the step is off by
 * the few milliseconds {@code date} takes to start; ntpd and chronyd avoid that by calling {@code
 * clock_settime}/{@code adjtimex} directly, and slew small offsets instead of stepping.
 */
public final class DateClockSetter implements ClockSetter {

  private static final long PROCESS_TIMEOUT_SECONDS = 10;

  private final Clock clock;

  public DateClockSetter(Clock clock) {
    this.clock = clock;
  }

  /** Root, by {@code id -u}; where there is no {@code id}, by the {@code user.name} property. */
  @Override
  public boolean permitted() {
    try {
      return "0".equals(run(List.of("id", "-u")).strip());
    } catch (IOException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  @Override
  public void step(Duration offset) throws IOException {
    Instant target = clock.instant().plus(offset);
    run(command(target));
  }

  /**
   * {@code date -u -s @1700000000.123456789}; whole seconds are floored, so the nanos are never
   * negative.
   */
  static List<String> command(Instant target) {
    return List.of(
        "date", "-u", "-s", String.format("@%d.%09d", target.getEpochSecond(), target.getNano()));
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(
            String.join(" ", command) + " did not finish in " + PROCESS_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " interrupted", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " failed (exit "
              + process.exitValue()
              + "): "
              + output.lines().findFirst().orElse("no message"));
    }
    return output;
  }
}
