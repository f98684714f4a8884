package org.ntplab.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/**
 * {@code ntplab serve} in a JVM of its own, so that what it holds in memory is its own: its
 * resident set from {@code /proc}, its live heap and objects from {@code jcmd}, its counters from
 * {@code kill -USR1}, and the kernel's count of datagrams its socket had no room for.
 */
final class ServeProcess implements AutoCloseable {

  private static final Pattern COUNT = Pattern.compile("([a-z][a-z0-9'-]*) (\\d+)");
  private static final Pattern KISSES = Pattern.compile("\\((\\d+) kiss-o'-death\\)");
  private static final Pattern HISTOGRAM_TOTAL =
      Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

  private final Process process;
  private final Path out;
  private final InetSocketAddress address;

  private ServeProcess(Process process, Path out, InetSocketAddress address) {
    this.process = process;
    this.out = out;
    this.address = address;
  }

  /**
   * Starts {@code ntplab serve} on {@code address} with a heap of at most {@code maxHeapMb}, and
   * waits until it serves.
   */
  static ServeProcess start(InetSocketAddress address, int maxHeapMb, Path dir, String... options)
      throws IOException {
    return start(UnaryOperator.identity(), address, maxHeapMb, dir, options);
  }

  /** As {@link #start}, inside {@code namespace} (its pid is still the server's own). */
  static ServeProcess startIn(
      Namespace namespace, InetSocketAddress address, int maxHeapMb, Path dir, String... options)
      throws IOException {
    return start(namespace::enter, address, maxHeapMb, dir, options);
  }

  private static ServeProcess start(
      UnaryOperator<List<String>> wrap,
      InetSocketAddress address,
      int maxHeapMb,
      Path dir,
      String... options)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeapMb + "m"));
    // -Dntplab.soak.jvm="-XX:StartFlightRecording=filename=serve.jfr" profiles the server under the
    // flood.
    String jvm = System.getProperty("ntplab.soak.jvm", "").strip();
    if (!jvm.isEmpty()) {
      command.addAll(List.of(jvm.split("\\s+")));
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "org.ntplab.cli.Main",
            "serve",
            "--bind",
            address.getAddress().getHostAddress(),
            "--port",
            String.valueOf(address.getPort()),
            "--time-port",
            "0"));
    command.addAll(List.of(options));
    Path out = dir.resolve("serve.out");
    Process process =
        new ProcessBuilder(wrap.apply(command))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    ServeProcess serve = new ServeProcess(process, out, address);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!serve.output().contains("serving ")) {
      if (!process.isAlive() || System.nanoTime() - deadline > 0) {
        serve.close();
        throw new AssertionFailedError("ntplab serve did not start: " + serve.output());
      }
      sleep(50);
    }
    return serve;
  }

  InetSocketAddress address() {
    return address;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  String output() {
    try {
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resident set size, kB, from {@code /proc/PID/status}. */
  long residentKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
      throw new AssertionFailedError("no VmRSS in /proc/" + pid() + "/status");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * After a full GC ({@code jcmd GC.class_histogram} makes one): bytes of live objects, and
   * instances by class name.
   */
  Heap liveHeap() {
    Run jcmd =
        Run.of(
            Duration.ofSeconds(30),
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid()),
                "GC.class_histogram"));
    Matcher total = HISTOGRAM_TOTAL.matcher(jcmd.out());
    if (jcmd.exitCode() != 0 || !total.find()) {
      throw new AssertionFailedError("no class histogram: " + jcmd.describe());
    }
    Map<String, Long> instances = new HashMap<>();
    for (String line : jcmd.out().split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length >= 4 && cols[0].endsWith(":")) {
        instances.merge(cols[3], Long.parseLong(cols[1]), Long::sum);
      }
    }
    return new Heap(Long.parseLong(total.group(2)), instances);
  }

  /** Live objects after a full GC. */
  record Heap(long bytes, Map<String, Long> instances) {
    long instances(String className) {
      return instances.getOrDefault(className, 0L);
    }
  }

  /**
   * The counters {@code kill -USR1} makes it print, by name: {@code received}, {@code answered},
   * {@code kiss-o'-death}, {@code dropped}, {@code malformed}, {@code control-mode-6}, …
   */
  Map<String, Long> counters() {
    int before = statsLines();
    Run kill = Run.of(Duration.ofSeconds(5), List.of("kill", "-USR1", String.valueOf(pid())));
    if (kill.exitCode() != 0) {
      throw new AssertionFailedError(kill.describe());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (statsLines() == before) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionFailedError("no stats line after SIGUSR1: " + output());
      }
      sleep(20);
    }
    List<String> lines = output().lines().filter(l -> l.startsWith("stats: ")).toList();
    Map<String, Long> counts = new HashMap<>();
    String last = lines.get(lines.size() - 1);
    Matcher m = COUNT.matcher(last);
    while (m.find()) {
      counts.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
    }
    Matcher kisses = KISSES.matcher(last);
    counts.put("kiss-o'-death", kisses.find() ? Long.parseLong(kisses.group(1)) : 0L);
    return counts;
  }

  /**
   * Datagrams the kernel dropped because the server's socket buffer was full ({@code
   * /proc/net/udp}, last column).
   */
  long socketDrops() {
    String local =
        String.format(
            "%02X%02X%02X%02X:%04X",
            address.getAddress().getAddress()[3] & 0xff,
            address.getAddress().getAddress()[2] & 0xff,
            address.getAddress().getAddress()[1] & 0xff,
            address.getAddress().getAddress()[0] & 0xff,
            address.getPort());
    try {
      for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
        String[] cols = line.trim().split("\\s+");
        if (cols.length > 12 && cols[1].equals(local)) {
          return Long.parseLong(cols[cols.length - 1]);
        }
      }
      throw new AssertionFailedError("no socket on " + local + " in /proc/net/udp");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int statsLines() {
    return (int) output().lines().filter(l -> l.startsWith("stats: ")).count();
  }

  /** SIGTERM, as Ctrl-C: it prints its counters and exits; SIGKILL if it has not within 5 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted", e);
    }
  }
}
