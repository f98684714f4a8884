package org.ntplab.grading.harness;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ntplab.grading.Lab;
import org.ntplab.grading.ProcessorTime;
import org.ntplab.grading.channel.Bootstrap;
import org.ntplab.grading.channel.Channel;
import org.ntplab.grading.student.ProgramEnded;
import org.ntplab.grading.student.StudentMain;

/**
 * A student process, from the harness's side: a JVM whose class path holds the contracts and the
 * students' classes only, started behind the {@link Sandbox}'s walls, asked over its standard input
 * and output for lab objects whose methods are then called across the {@link Channel}. What it
 * prints on standard error is kept, capped, as the student's printed output.
 */
final class StudentProcess {

  /** Enough for the labs and a student's data; keeps a runaway allocation off the machine. */
  private static final String HEAP = "-Xmx512m";

  /** What a process prints beyond this is counted, not kept ({@link CappedLog}). */
  static final long MAX_LOG = 1 << 20;

  /** Of that, what is shown with the grade. */
  private static final int MAX_SHOWN = 64 * 1024;

  /** How long a process that was told to end, or was killed, may take to be gone. */
  private static final long END_MILLIS = 5_000;

  /** A lab class's frame, as the student process reports the line a slow call is on. */
  private static final Pattern FRAME =
      Pattern.compile(
          "org\\.ntplab\\.labs\\.[a-z0-9_]+\\.[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*"
              + "\\.(<init>|<clinit>|[A-Za-z_$][A-Za-z0-9_$]*)\\([A-Za-z0-9_$]+\\.java:[0-9]{1,6}\\)");

  private final Process process;
  private final Channel channel;
  private final Bootstrap bootstrap;
  private final CappedLog log;
  private final Path output;
  private volatile boolean killed;
  private volatile List<ProcessHandle> tree;

  private StudentProcess(Process process, CappedLog log, Path output) {
    this.process = process;
    this.log = log;
    this.output = output;
    this.channel =
        new Channel(
            new BufferedInputStream(process.getInputStream(), 1 << 16),
            new BufferedOutputStream(process.getOutputStream(), 1 << 16),
            false);
    this.bootstrap = channel.remote(Channel.BOOTSTRAP, Bootstrap.class);
  }

  /**
   * Starts one: {@code classPath} is the student runtime jar and the compiled labs; {@code output}
   * is where its printed output goes.
   */
  static StudentProcess start(List<Path> classPath, Sandbox sandbox, Path output)
      throws IOException {
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.addAll(
        List.of(
            HEAP,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            // The JVM logs its own warnings (a thread it could not start) on standard output, which
            // is
            // the channel here: on standard error they are the student's printed output instead.
            "-Xlog:disable",
            "-Xlog:all=warning:stderr"));
    java.add("-cp");
    java.add(
        classPath.stream()
            .map(p -> p.toAbsolutePath().normalize().toString())
            .collect(Collectors.joining(File.pathSeparator)));
    java.add(StudentMain.class.getName());
    List<String> command =
        sandbox.wrap(java, classPath.stream().map(p -> p.toAbsolutePath().normalize()).toList());
    Process process = new ProcessBuilder(command).start();
    CappedLog log = CappedLog.start(process.getErrorStream(), output, MAX_LOG);
    return new StudentProcess(process, log, output);
  }

  /**
   * The student's object for {@code lab}, called through its contract; lab 0's from the script's
   * text.
   */
  Object create(Lab lab, String script) throws Exception {
    return lab.isScript()
        ? bootstrap.warmup(script)
        : bootstrap.create(lab.implementation(), lab.contract().getName());
  }

  /**
   * The processor time it has used, as the kernel counts it for its JVM and what wraps it (the
   * student process cannot say otherwise), if this platform tells it.
   */
  Optional<ProcessorTime> processorTime() {
    if (process.toHandle().info().totalCpuDuration().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        () -> {
          long nanos = 0;
          for (ProcessHandle handle : tree()) {
            nanos += handle.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
          }
          return nanos;
        });
  }

  /**
   * What {@link #processorTime} counts, once its JVM has started (in the sandbox it is the
   * wrappers' last descendant): found once, as a search reads every process on the machine.
   */
  private List<ProcessHandle> tree() {
    List<ProcessHandle> found = tree;
    if (found == null) {
      found = jvmAndWrappers(process.toHandle());
      if (found.stream().anyMatch(StudentProcess::isJava)) {
        tree = found;
      }
    }
    return found;
  }

  /**
   * {@code root} and what it started down to the first JVM, without what that JVM started: the
   * student's code may already have started processes when this is first read, and one that ended
   * would take its processor time out of the sum, a call's meter going back (an endless loop then
   * looked like waiting). What the student's code starts is not counted: a call that waits on it is
   * ended by the wall clock's limit instead.
   */
  static List<ProcessHandle> jvmAndWrappers(ProcessHandle root) {
    Map<Long, List<ProcessHandle>> children =
        root.descendants()
            .collect(Collectors.groupingBy(h -> h.parent().map(ProcessHandle::pid).orElse(-1L)));
    List<ProcessHandle> found = new ArrayList<>();
    List<ProcessHandle> level = List.of(root);
    while (!level.isEmpty()) {
      found.addAll(level);
      level =
          level.stream()
              .filter(h -> !isJava(h))
              .flatMap(h -> children.getOrDefault(h.pid(), List.of()).stream())
              .toList();
    }
    return found;
  }

  private static boolean isJava(ProcessHandle handle) {
    return handle.info().command().map(c -> Path.of(c).getFileName().toString()).stream()
        .anyMatch(name -> name.equals("java") || name.equals("java.exe"));
  }

  boolean alive() {
    return process.isAlive() && !killed;
  }

  /** Stops it and everything it started, now. */
  void kill() {
    killed = true;
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * After a call found the channel closed: what the student's code did, in the student's words, for
   * the message that follows the call. It quotes nothing the student's code printed (which could be
   * a hidden fixture's bytes), and of what the process said about its exit only the caller's frame,
   * cut short.
   */
  String ending() {
    String broken = channel.broken();
    if (broken != null) {
      // Alive, and waiting for a call that will not come: nothing more it sends is read.
      kill();
      return "the student process sent what the grader does not read, and was stopped: "
          + cutLine(broken);
    }
    try {
      if (!process.waitFor(END_MILLIS, TimeUnit.MILLISECONDS)) {
        kill();
        if (printedSoFar().contains("unable to create native thread")) {
          return "your code started more threads than a student process may have ("
              + Sandbox.MAX_PROCESSES
              + "), and the process could no longer answer: does it start a thread per call?";
        }
        return "the student process stopped answering (it closed its output, or wrote on it what is not an"
            + " answer): "
            + ProgramEnded.NEVER_END;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      return "grading was interrupted";
    }
    int status = process.exitValue();
    String exit = channel.exitNote();
    if (exit != null) {
      return "your code called System.exit("
          + status
          + ") — "
          + ProgramEnded.NEVER_END
          + (exit.isEmpty() ? "" : "\n    at " + cutLine(exit));
    }
    String printed = printedSoFar();
    if (printed.contains("java.lang.OutOfMemoryError")) {
      return "your code ran out of memory (OutOfMemoryError): does it build something ever larger?";
    }
    if (printed.contains("java.lang.StackOverflowError")) {
      return "your code overflowed the stack (StackOverflowError): endless recursion?";
    }
    return "the program ended (exit status "
        + status
        + "): did your code call Runtime.getRuntime().halt()? "
        + ProgramEnded.NEVER_END;
  }

  /**
   * The line of a lab's class that the call abandoned last was on, as its process said: only a
   * frame's shape is believed ({@code org.ntplab.labs.x.Class.method(File.java:12)}), so nothing
   * else the student's code could put there reaches a message.
   */
  Optional<String> stuckAt() {
    String where = channel.where();
    return where != null && where.length() <= 300 && FRAME.matcher(where).matches()
        ? Optional.of(where)
        : Optional.empty();
  }

  /** Ends it (its channel closed, then killed if it lingers) and returns what it printed, or "". */
  String finish() throws IOException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Gone already.
    }
    try {
      process.waitFor(END_MILLIS, TimeUnit.MILLISECONDS);
      kill(); // if it lingers, and whatever it started: with the sandbox's PID namespace that is
      // already so
      process.waitFor();
      log.awaitEnd(END_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
    return printedSoFar();
  }

  /** One line of at most 200 characters: what the student process says is kept short. */
  private static String cutLine(String line) {
    String one = line.lines().findFirst().orElse("");
    return one.length() <= 200 ? one : one.substring(0, 200) + "...";
  }

  /** The start of what it printed, and a note of what was cut. */
  private String printedSoFar() {
    if (!Files.exists(output)) {
      return "";
    }
    try (InputStream in = Files.newInputStream(output)) {
      long size = Files.size(output);
      byte[] start = in.readNBytes(MAX_SHOWN);
      String text = new String(start, StandardCharsets.UTF_8);
      String cut = log.dropped() > 0 ? "; " + log.cutNote() : "";
      return size > start.length
          ? text + "\n... (" + (size - start.length) + " more bytes in " + output + cut + ")\n"
          : text;
    } catch (IOException e) {
      return "";
    }
  }
}
