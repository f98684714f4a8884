package org.ntplab.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * A network namespace of a test's own, held open by a sleeping process: its loopback is up and
 * carries 10.123.0.N/32 addresses, which NTPsec's ntpd accepts as servers (it refuses 127/8). A
 * command runs inside through {@link #enter} ({@code nsenter -n}, which execs: the process it
 * starts is the command itself). Nothing in it reaches the machine's own network, so daemons there
 * may take the well-known ports (123, 4460) that other tests and people need outside.
 */
final class Namespace implements AutoCloseable {

  private static final Duration READY_LIMIT = Duration.ofSeconds(20);

  private final Process holder;

  private Namespace(Process holder) {
    this.holder = holder;
  }

  /**
   * Skips the test, saying why, unless this machine makes network namespaces ({@code unshare -n},
   * which needs root).
   */
  static void assumeAvailable() {
    Run probe = Run.of(Duration.ofSeconds(10), List.of("unshare", "-n", "true"));
    Assumptions.assumeTrue(
        probe.exitCode() == 0,
        "skipped: this machine cannot make a network namespace (unshare -n: "
            + (probe.err().isBlank() ? "exit " + probe.exitCode() : probe.err().strip())
            + "); the test needs one, and root");
  }

  /** A new namespace with {@code addresses} (e.g. {@code 10.123.0.11}) on its loopback. */
  static Namespace open(Path dir, String... addresses) throws IOException {
    assumeAvailable();
    Path log = dir.resolve("namespace.log");
    String script =
        "ip link set lo up && for a in "
            + String.join(" ", addresses)
            + "; do ip addr add $a/32 dev lo || exit 1; done && echo ready && exec sleep 600";
    Process holder =
        new ProcessBuilder("unshare", "-n", "sh", "-c", script)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Namespace namespace = new Namespace(holder);
    long deadline = System.nanoTime() + READY_LIMIT.toNanos();
    while (!Files.readString(log, StandardCharsets.UTF_8).contains("ready")) {
      if (!holder.isAlive() || System.nanoTime() - deadline > 0) {
        namespace.close();
        throw new AssertionFailedError(
            "no network namespace with " + List.of(addresses) + ": " + Files.readString(log));
      }
      sleep(20);
    }
    return namespace;
  }

  /** {@code command} as run inside this namespace. */
  List<String> enter(List<String> command) {
    List<String> all =
        new ArrayList<>(List.of("nsenter", "-t", String.valueOf(holder.pid()), "-n", "--"));
    all.addAll(command);
    return all;
  }

  /** Ends the holder; the namespace goes with the last process in it. */
  @Override
  public void close() {
    holder.destroyForcibly();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while making a network namespace", e);
    }
  }
}
