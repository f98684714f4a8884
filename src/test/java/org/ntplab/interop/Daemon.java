package org.ntplab.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.ntplab.client.QueryResult;
import org.ntplab.net.Addresses;
import org.opentest4j.AssertionFailedError;

/**
 * A real NTP daemon started for a test: its command runs in the foreground, unable to change the
 * clock ({@link Peers#withoutClockAccess} and {@link Peers#keepClockPreload}), with stdout and
 * stderr in a log file whose last lines go into every failure message.
 *
 * <p>{@link #close()} stops it for sure, so that a failed test never leaves a daemon holding port
 * 123: SIGTERM, then SIGKILL after 5 s, and the same for any process it forked (OpenNTPD leaves two
 * children); a JVM shutdown hook closes whatever a test did not.
 */
final class Daemon implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final int LOG_TAIL_LINES = 25;

  private static final Set<Daemon> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> List.copyOf(RUNNING).forEach(Daemon::close), "stop-ntp-daemons"));
  }

  private final String name;
  private final InetSocketAddress address;
  private final Process process;
  private final Path log;

  private Daemon(String name, InetSocketAddress address, Process process, Path log) {
    this.name = name;
    this.address = address;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} in {@code dir} (where its config, pid and drift files live) once nothing
   * holds {@code address}, the address it will serve on.
   *
   * @param name the software and its version, e.g. {@code chronyd 4.3}, for messages
   * @param environment added to the daemon's environment
   */
  static Daemon start(
      String name,
      InetSocketAddress address,
      Path dir,
      Map<String, String> environment,
      List<String> command) {
    Peers.requireFree(address, name);
    return launch(name, address, dir, environment, Peers.withoutClockAccess(command));
  }

  /**
   * As {@link #start}, inside {@code namespace}, where nothing else runs (so nothing can hold
   * {@code address}, and the machine's own network cannot tell whether something does).
   */
  static Daemon startIn(
      Namespace namespace, String name, InetSocketAddress address, Path dir, List<String> command) {
    return launch(name, address, dir, Map.of(), namespace.enter(Peers.withoutClockAccess(command)));
  }

  private static Daemon launch(
      String name,
      InetSocketAddress address,
      Path dir,
      Map<String, String> environment,
      List<String> command) {
    Path log = dir.resolve("daemon.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("LD_PRELOAD", Peers.keepClockPreload());
    builder.environment().putAll(environment);
    try {
      Daemon daemon =
          new Daemon(name + " on " + Addresses.text(address), address, builder.start(), log);
      RUNNING.add(daemon);
      return daemon;
    } catch (IOException e) {
      throw new AssertionFailedError(name + " did not start: " + e.getMessage());
    }
  }

  InetSocketAddress address() {
    return address;
  }

  String name() {
    return name;
  }

  /**
   * Asks the daemon with our client every 100 ms until an answer passes {@code ready}, and returns
   * that answer; fails, with the daemon's log, when it exits or {@code limit} passes first.
   *
   * @param state what {@code ready} waits for, for the message: "answers", "is synchronized"...
   */
  QueryResult await(String state, Duration limit, Predicate<QueryResult> ready) {
    long deadline = System.nanoTime() + limit.toNanos();
    QueryResult last = null;
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw failure("exited with status " + process.exitValue() + " before it " + state);
      }
      last = OurClient.ask(address, 4, Duration.ofMillis(200));
      if (ready.test(last)) {
        return last;
      }
      sleep(Duration.ofMillis(100));
    }
    throw failure(
        "did not show that it "
            + state
            + " within "
            + limit.toSeconds()
            + " s; last answer: "
            + OurClient.describe(last));
  }

  /** A test failure that names the daemon and shows the end of its log. */
  AssertionFailedError failure(String what) {
    return new AssertionFailedError(context(what));
  }

  /** The heading of a failure about this daemon: its name, {@code what}, and the end of its log. */
  String context(String what) {
    return name
        + " "
        + what
        + "\n--- last lines of its log ("
        + log
        + ") ---\n"
        + logTail()
        + "\n---";
  }

  /** The end of what the daemon printed. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    // Taken before the parent goes: once it has exited, its children are no longer its descendants.
    List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
    stop(process.toHandle());
    children.forEach(Daemon::stop);
    RUNNING.remove(this);
  }

  private static void stop(ProcessHandle process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitFor(process, STOP_GRACE)) {
      process.destroyForcibly();
      waitFor(process, STOP_GRACE);
    }
  }

  private static boolean waitFor(ProcessHandle process, Duration limit) {
    try {
      process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while waiting for a daemon", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
