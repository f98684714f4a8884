package org.ntplab.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * A command run to completion: its exit code and what it printed. Output goes to files, not pipes,
 * so a time limit needs no reader threads; past the limit the command is killed and the test fails.
 */
record Run(List<String> command, int exitCode, String out, String err) {

  static Run of(Duration limit, List<String> command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("ntplab-run", ".out");
      err = Files.createTempFile("ntplab-run", ".err");
      Process process;
      try {
        process =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
      } catch (IOException e) {
        throw new AssertionFailedError(
            "cannot run " + command.get(0) + " (" + e.getMessage() + "): .ci/run installs it");
      }
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AssertionFailedError(
            String.join(" ", command)
                + " ran longer than "
                + limit.toSeconds()
                + " s; it printed:\n"
                + Files.readString(out, StandardCharsets.UTF_8)
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new Run(
          List.copyOf(command),
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while running " + command.get(0), e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  /** The command, its exit code and its output, for a failure message. */
  String describe() {
    return "`"
        + String.join(" ", command)
        + "` exited with "
        + exitCode
        + (out.isBlank() ? "" : "; stdout:\n" + out.strip())
        + (err.isBlank() ? "" : "\nstderr:\n" + err.strip());
  }

  private static void delete(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException ignored) {
      // a leftover temp file is not worth failing a test for
    }
  }
}
