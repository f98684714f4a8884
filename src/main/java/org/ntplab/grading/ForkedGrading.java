package org.ntplab.grading;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ntplab.inspect.Meanings;

/**
 * Grades in a child JVM ({@link GradingChild}), so that student code that ends the program
 * (System.exit, Runtime.halt, running out of memory or stack, a thread that never lets the JVM
 * exit, a hang past the deadline) costs the exercise it happened in, not the grade. When the
 * child dies, the exercise it was grading is Errored with a message saying what the code did,
 * and a new child grades the rest without it.
 */
public final class ForkedGrading {

  /** For the whole grading, across restarts: far beyond a normal run of a few seconds. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

  /** Enough for the fixtures and a student's data; keeps a runaway allocation off the machine. */
  private static final String HEAP = "-Xmx1g";

  /** A loop that prints must not fill the parent's memory or the build log. */
  private static final int MAX_OUTPUT = 64 * 1024;

  /** Nor the disk: what a child prints beyond this is counted, not kept ({@link CappedLog}). */
  static final long MAX_LOG = 1 << 20;

  /** How long the child's output may go on after it ended (a grandchild holding it): then it is left. */
  private static final long OUTPUT_END_MILLIS = 5_000;

  private static final String NEVER_END = ProgramEnded.NEVER_END;

  /**
   * What to grade and how.
   *
   * @param classPath put before this JVM's own class path: the compiled labs to grade
   * @param properties system properties for the child, over this JVM's {@code ntplab.*} and {@code lab}
   * @param broken labs not to run, with the message every exercise of theirs gets (a compile error)
   * @param workDir where the child's request, progress, report and output go
   * @param output told the student code's printed output after each child run, if any
   */
  public record Options(Set<Lab> labs, Duration callLimit, Duration deadline, List<Path> classPath,
      Map<String, String> properties, Map<Lab, String> broken, Path workDir, Consumer<String> output) {

    public Options {
      labs = Set.copyOf(labs);
      classPath = List.copyOf(classPath);
      properties = Map.copyOf(properties);
      broken = Map.copyOf(broken);
    }

    public static Options of(Set<Lab> labs, Path workDir) {
      return new Options(labs, Grader.DEFAULT_TIME_LIMIT, DEFAULT_DEADLINE, List.of(), Map.of(), Map.of(), workDir,
          text -> {});
    }

    public Options withCallLimit(Duration limit) {
      return new Options(labs, limit, deadline, classPath, properties, broken, workDir, output);
    }

    public Options withDeadline(Duration limit) {
      return new Options(labs, callLimit, limit, classPath, properties, broken, workDir, output);
    }

    public Options withClassPath(List<Path> paths) {
      return new Options(labs, callLimit, deadline, paths, properties, broken, workDir, output);
    }

    public Options withProperties(Map<String, String> props) {
      return new Options(labs, callLimit, deadline, classPath, props, broken, workDir, output);
    }

    public Options withBroken(Map<Lab, String> labsNotToRun) {
      return new Options(labs, callLimit, deadline, classPath, properties, labsNotToRun, workDir, output);
    }

    public Options withOutput(Consumer<String> printed) {
      return new Options(labs, callLimit, deadline, classPath, properties, broken, workDir, printed);
    }
  }

  /** The child could not grade at all (bad fixtures, no Java): not any student's fault. */
  public static final class GradingFailedException extends IOException {
    GradingFailedException(String message) {
      super(message);
    }
  }

  private ForkedGrading() {}

  public static GradeReport run(Options options) throws IOException {
    return new Run(options).grade();
  }

  /** One grading, with as many children as it takes. */
  private static final class Run {
    private final Options options;
    private final long deadline;
    private final Map<Lab, List<ChildProgress.Planned>> plans = new TreeMap<>();
    private final Map<String, ExerciseResult> results = new LinkedHashMap<>();

    Run(Options options) {
      this.options = options;
      this.deadline = System.nanoTime() + options.deadline().toNanos();
    }

    GradeReport grade() throws IOException {
      Files.createDirectories(options.workDir());
      Set<Lab> pending = options.labs().isEmpty() ? EnumSet.noneOf(Lab.class) : EnumSet.copyOf(options.labs());
      for (int run = 1; !pending.isEmpty(); run++) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          notGraded(pending, "not graded: grading ran out of its time limit of " + seconds(options.deadline())
              + " (see the exercise above that was still running)");
          break;
        }
        Child child = start(run, pending);
        boolean finished = child.waitFor(left);
        ChildProgress progress = ChildProgress.read(child.progress);
        progress.plans.forEach(plans::putIfAbsent);
        results.putAll(progress.results);
        String printed = child.output();
        if (!printed.isEmpty()) {
          options.output().accept(printed);
        }
        if (finished && progress.done && Files.exists(child.report)) {
          ReportJson.report(ReportJson.JSON.readTree(child.report.toFile())).results()
              .forEach(r -> results.put(r.name(), r));
          if (progress.exitedIn != null) {
            // The exit hung (a shutdown hook of theirs), the call timed out, grading went on.
            results.put(progress.exitedIn, errored(progress.exitedIn, calledExit("", progress.exitedIn, progress)));
          }
          break;
        }
        if (!pending.stream().allMatch(plans::containsKey)) {
          // The first line is what a one-line report shows: it carries the child's last word.
          String last = printed.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
          throw new GradingFailedException("grading could not start (exit status "
              + (finished ? child.process.exitValue() : "none: killed at the time limit") + "): " + last.strip()
              + (printed.isBlank() ? "" : "\n" + tail(printed)));
        }
        String death = death(finished, child, progress, printed);
        if (progress.exercise != null) {
          results.put(progress.exercise, errored(progress.exercise, death));
        } else if (progress.creating != null) {
          for (ChildProgress.Planned p : plans.get(progress.creating)) {
            results.putIfAbsent(p.name(), errored(p.name(), death));
          }
        } else {
          // Died between exercises: nothing to blame, and retrying would likely die the same way.
          notGraded(pending, death);
        }
        pending.removeIf(lab -> plans.get(lab).stream().allMatch(p -> results.containsKey(p.name())));
      }
      return assemble();
    }

    private Child start(int run, Set<Lab> pending) throws IOException {
      Path dir = options.workDir();
      Child child = new Child(dir.resolve("progress-" + run + ".log"), dir.resolve("report-" + run + ".json"),
          dir.resolve("output-" + run + ".log"));
      Files.deleteIfExists(child.progress);
      Files.deleteIfExists(child.report);
      Path request = dir.resolve("request-" + run + ".json");
      ObjectNode r = ReportJson.JSON.createObjectNode();
      var labs = r.putArray("labs");
      pending.forEach(lab -> labs.add(lab.number()));
      var skip = r.putArray("skip");
      results.keySet().forEach(skip::add);
      ObjectNode broken = r.putObject("broken");
      options.broken().forEach((lab, message) -> broken.put(String.valueOf(lab.number()), message));
      r.put("call_limit_ms", options.callLimit().toMillis());
      ReportJson.JSON.writeValue(request.toFile(), r);

      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of(HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"));
      childProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.add("-cp");
      command.add(classPath());
      command.add(GradingChild.class.getName());
      command.addAll(List.of(request.toString(), child.progress.toString(), child.report.toString()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      child.process = builder.start();
      child.log = CappedLog.start(child.process.getInputStream(), child.output, MAX_LOG);
      child.process.getOutputStream().close(); // student code reading System.in gets end of input
      return child;
    }

    private Map<String, String> childProperties() {
      Map<String, String> props = new TreeMap<>();
      System.getProperties().stringPropertyNames().stream()
          .filter(name -> name.startsWith("ntplab.") || name.equals("lab"))
          .forEach(name -> props.put(name, System.getProperty(name)));
      props.putAll(options.properties());
      return props;
    }

    private String classPath() {
      return Stream.concat(options.classPath().stream().map(p -> p.toAbsolutePath().toString()),
              Stream.of(System.getProperty("java.class.path")))
          .filter(s -> !s.isEmpty())
          .collect(Collectors.joining(File.pathSeparator));
    }

    /** What the student's code did, in words a student understands. */
    private String death(boolean finished, Child child, ChildProgress progress, String printed) {
      String where = progress.where();
      if (!finished) {
        return "grading stopped: " + where + " was still running when the time limit of "
            + seconds(options.deadline()) + " for the whole grading ran out (a thread that never ends?)";
      }
      int status = child.process.exitValue();
      if (progress.exited) {
        return calledExit("(" + status + ")", where, progress);
      }
      if (printed.contains("java.lang.OutOfMemoryError")) {
        return "your code ran out of memory (OutOfMemoryError) while grading " + where
            + ": does it build something ever larger?";
      }
      if (printed.contains("java.lang.StackOverflowError")) {
        return "your code overflowed the stack (StackOverflowError) while grading " + where + ": endless recursion?";
      }
      return "the program ended (exit status " + status + ") while grading " + where
          + ": did your code call Runtime.getRuntime().halt()? " + NEVER_END;
    }

    private static String calledExit(String status, String where, ChildProgress progress) {
      return "your code called System.exit" + status + " while grading " + where + " — " + NEVER_END
          + (progress.exitFrame.isEmpty() ? "" : "\n    at " + progress.exitFrame);
    }

    private void notGraded(Set<Lab> labs, String why) {
      for (Lab lab : labs) {
        for (ChildProgress.Planned p : plans.getOrDefault(lab, List.of())) {
          results.putIfAbsent(p.name(), errored(p.name(), why));
        }
      }
      labs.clear();
    }

    private ExerciseResult errored(String name, String message) {
      ChildProgress.Planned planned = plans.values().stream().flatMap(List::stream).filter(p -> p.name().equals(name))
          .findFirst().orElseThrow();
      Lab lab = plans.entrySet().stream().filter(e -> e.getValue().contains(planned)).findFirst().orElseThrow().getKey();
      return new ExerciseResult(lab, name, planned.points(), new Outcome.Errored(message));
    }

    /** Lab order, then the order each lab's exercises were planned in. */
    private GradeReport assemble() {
      List<ExerciseResult> ordered = new ArrayList<>();
      plans.forEach((lab, exercises) -> {
        if (options.labs().contains(lab)) {
          exercises.stream().map(p -> results.get(p.name())).filter(r -> r != null).forEach(ordered::add);
        }
      });
      return new GradeReport(ordered);
    }
  }

  /** One child JVM and its files. */
  private static final class Child {
    final Path progress;
    final Path report;
    final Path output;
    Process process;
    CappedLog log;

    Child(Path progress, Path report, Path output) {
      this.progress = progress;
      this.report = report;
      this.output = output;
    }

    /** Whether it ended by itself within {@code nanos}; if not, it is killed. */
    boolean waitFor(long nanos) throws IOException {
      try {
        if (process.waitFor(nanos, TimeUnit.NANOSECONDS)) {
          log.awaitEnd(OUTPUT_END_MILLIS);
          return true;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        log.awaitEnd(OUTPUT_END_MILLIS);
        return false;
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("grading interrupted");
      }
    }

    /** What the student's code printed: the start of it, in whatever encoding, never failing on it. */
    String output() throws IOException {
      if (!Files.exists(output)) {
        return "";
      }
      long size = Files.size(output);
      byte[] start = new byte[(int) Math.min(size, MAX_OUTPUT)];
      try (InputStream in = Files.newInputStream(output)) {
        int read = in.readNBytes(start, 0, start.length);
        String text = new String(start, 0, read, StandardCharsets.UTF_8);
        String cut = log.dropped() > 0 ? "; " + log.cutNote() : "";
        return size > read ? text + "\n... (" + (size - read) + " more bytes in " + output + cut + ")\n" : text;
      }
    }
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static String seconds(Duration d) {
    return Meanings.duration(Meanings.seconds(d));
  }
}
