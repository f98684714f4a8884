package org.ntplab.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.harness.GraderFingerprint;
import org.ntplab.grading.report.ReportJson;
import org.ntplab.io.AtomicFiles;

/**
 * {@code ntplab grade --submissions}: every subfolder is one student's copy of labs/, copied
 * aside and graded on its own (its own class folder, its own student process behind the
 * sandbox's walls, its own time limit), then, after the last, {@code grades.csv}, {@code
 * grades.json} and a summary table.
 */
final class Submissions {

  /** One student's grade, or why there is none. */
  record Graded(String student, GradeReport report, String problem) {}

  private final GradeCommand.Settings settings;
  private final PrintWriter out;
  private final PrintWriter err;

  Submissions(GradeCommand.Settings settings, PrintWriter out, PrintWriter err) {
    this.settings = settings;
    this.out = out;
    this.err = err;
  }

  /** Whether every submission could be graded (whatever its score). */
  boolean grade(Path dir, Path outDir) throws IOException {
    List<Path> students;
    try (Stream<Path> entries = Files.list(dir)) {
      students = entries.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
    if (students.isEmpty()) {
      throw new Main.BadInputException(dir + " holds no submissions (one folder per student, each a copy of labs/)");
    }
    Files.createDirectories(outDir);
    // The code that grades must be what was built, before the batch and after every submission:
    // without the sandbox's walls a student's code could rewrite it for the ones after.
    GraderFingerprint grader = GraderFingerprint.current();
    Optional<String> changed = grader.differsFromRecord();
    if (changed.isPresent()) {
      throw new IOException(changed.get());
    }
    ProgressLine progress = new ProgressLine(err, students.size(), Terminal.isInteractive());
    List<Graded> graded = new ArrayList<>();
    try {
      for (Path student : students) {
        String name = student.getFileName().toString();
        progress.starting(name);
        graded.add(grade(student, name, outDir.resolve(name)));
        changed = GraderFingerprint.current().changedSince(grader);
        if (changed.isPresent()) {
          throw new IOException(changed.get() + " (after " + name + "): no grades were written");
        }
        Graded g = graded.get(graded.size() - 1);
        progress.finished(name, g.report() == null ? "not graded: " + g.problem()
            : g.report().score() + "/" + g.report().maxScore());
      }
    } finally {
      progress.close();
    }
    AtomicFiles.writeString(outDir.resolve("grades.csv"), csv(graded));
    AtomicFiles.writeString(outDir.resolve("grades.json"), ReportJson.text(json(graded)));
    out.print(summary(graded));
    out.println("wrote " + outDir.resolve("grades.csv") + " and " + outDir.resolve("grades.json"));
    out.flush();
    return graded.stream().allMatch(g -> g.report() != null);
  }

  /** One student (the harness grades from a copy of their folder: the hand-in is never run from, nor changed). */
  private Graded grade(Path student, String name, Path work) throws IOException {
    Path log = work.resolve("output.log");
    Files.createDirectories(work);
    Files.deleteIfExists(log);
    try {
      return new Graded(name, settings.grade(student, name, work, printed -> append(log, printed)), null);
    } catch (IOException | RuntimeException e) {
      // Not the student's code's doing (no JDK, a folder too large to be labs...): say so, go on.
      return new Graded(name, null, String.valueOf(e.getMessage()));
    }
  }

  private List<Lab> labs() {
    return Stream.of(Lab.values()).filter(settings.labs()::contains).toList();
  }

  /** {@code student,lab1,...,total,max}: one row per student; a student not graded has empty cells. */
  String csv(List<Graded> graded) {
    StringBuilder csv = new StringBuilder("student");
    labs().forEach(lab -> csv.append(',').append(lab.id()));
    csv.append(",total,max\n");
    for (Graded g : graded) {
      csv.append(csvField(g.student()));
      for (Lab lab : labs()) {
        csv.append(',').append(g.report() == null ? "" : String.valueOf(score(g.report(), lab)));
      }
      csv.append(',').append(g.report() == null ? "" : g.report().score());
      csv.append(',').append(g.report() == null ? "" : g.report().maxScore()).append('\n');
    }
    return csv.toString();
  }

  private static ObjectNode json(List<Graded> graded) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    for (Graded g : graded) {
      if (g.report() != null) {
        root.set(g.student(), ReportJson.of(g.report()));
      } else {
        root.putObject(g.student()).put("error", g.problem());
      }
    }
    return root;
  }

  private String summary(List<Graded> graded) {
    int width = Math.max(7, graded.stream().mapToInt(g -> g.student().length()).max().orElse(0));
    StringBuilder table = new StringBuilder(String.format("%-" + width + "s", "student"));
    labs().forEach(lab -> table.append(String.format("  %7s", lab.id())));
    table.append(String.format("  %9s%n", "total"));
    for (Graded g : graded) {
      table.append(String.format("%-" + width + "s", g.student()));
      if (g.report() == null) {
        table.append("  not graded: ").append(g.problem().lines().findFirst().orElse("")).append('\n');
        continue;
      }
      for (Lab lab : labs()) {
        table.append(String.format("  %7s", score(g.report(), lab) + "/" + max(g.report(), lab)));
      }
      table.append(String.format("  %9s%n", g.report().score() + "/" + g.report().maxScore()));
    }
    return table.toString();
  }

  private static int score(GradeReport report, Lab lab) {
    return report.results().stream().filter(r -> r.lab() == lab).mapToInt(ExerciseResult::points).sum();
  }

  private static int max(GradeReport report, Lab lab) {
    return report.results().stream().filter(r -> r.lab() == lab).mapToInt(ExerciseResult::maxPoints).sum();
  }

  private static String csvField(String text) {
    return text.matches(".*[,\"\\n\\r].*") ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }

  private static void append(Path log, String text) {
    try {
      Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // What the student printed is a courtesy; its loss must not cost the grade.
    }
  }

  /** Submission k of n, its name and an estimate of the time left: redrawn on a terminal, else a line each. */
  static final class ProgressLine {
    private final PrintWriter err;
    private final int total;
    private final boolean redraw;
    private final long start = System.nanoTime();
    private int done;

    ProgressLine(PrintWriter err, int total, boolean redraw) {
      this.err = err;
      this.total = total;
      this.redraw = redraw;
    }

    void starting(String name) {
      String eta = done == 0 ? "" : "  ETA " + clock(Duration.ofNanos((System.nanoTime() - start) / done * (total - done)));
      if (redraw) {
        int width = 20;
        int filled = done * width / total;
        err.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + (done + 1) + "/" + total
            + " " + name + eta);
      } else {
        err.println("grading " + (done + 1) + " of " + total + ": " + name + eta);
      }
      err.flush();
    }

    void finished(String name, String result) {
      done++;
      if (!redraw) {
        err.println("  " + name + ": " + result.lines().findFirst().orElse(""));
        err.flush();
      }
    }

    void close() {
      if (redraw) {
        err.print("\r\033[K");
        err.println("graded " + total + " submission" + (total == 1 ? "" : "s") + " in "
            + clock(Duration.ofNanos(System.nanoTime() - start)));
      }
      err.flush();
    }

    private static String clock(Duration d) {
      return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
  }
}
