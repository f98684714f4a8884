package org.ntplab.course;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.harness.GraderFingerprint;
import org.ntplab.grading.harness.Submission;
import org.ntplab.grading.report.Feedback;
import org.ntplab.grading.report.HtmlReport;
import org.ntplab.grading.report.ReportJson;
import org.ntplab.io.AtomicFiles;
import org.ntplab.io.Folders;
import org.ntplab.text.Printable;

/**
 * {@code ntplab grade --submissions}: every entry of a folder is one student's hand-in (a copy of
 * labs/, a repository holding one, or either as a {@code .zip}), copied aside and graded on its own
 * (its own class folder, its own student process behind the sandbox's walls, its own time limit),
 * several at once. After the last: {@code grades.csv}, {@code grades.json}, feedback per student in
 * {@code feedback/} (Markdown and HTML), ready to hand out, and a summary table.
 */
public final class Submissions {

  /**
   * One student's grade, or why there is none.
   *
   * @param again whether it is a second grading, alone (see {@link #againAlone})
   */
  record Graded(String student, GradeReport report, String problem, boolean again) {

    Graded(String student, GradeReport report, String problem) {
      this(student, report, problem, false);
    }
  }

  /** Why a hand-in is graded again, alone. */
  private static final String WHY_AGAIN =
      "a limit on the wall clock ran out while other hand-ins were graded at once";

  /** What the summary and its grades.csv note say of a hand-in graded again. */
  static final String AGAIN = "graded again alone: " + WHY_AGAIN;

  /** The folders of {@code --out} that a batch writes, besides the two grades files. */
  static final String FEEDBACK = "feedback";

  static final String WORK = "work";

  private final GradeSettings settings;
  private final PrintWriter out;
  private final PrintWriter err;
  private final int jobs;
  private final String version;
  private final boolean interactive;

  /**
   * @param version what graded, for grades.json ({@code ntplab 0.1.0})
   * @param interactive whether {@code err} is a terminal: progress redrawn on one line
   */
  public Submissions(
      GradeSettings settings,
      PrintWriter out,
      PrintWriter err,
      int jobs,
      String version,
      boolean interactive) {
    this.settings = settings;
    this.out = out;
    this.err = err;
    this.jobs = jobs;
    this.version = version;
    this.interactive = interactive;
  }

  /** Whether every hand-in could be graded (whatever its score) and nothing was skipped. */
  public boolean grade(Path dir, Path outDir, Map<String, String> fixtureSets) throws IOException {
    List<Path> entries;
    try (Stream<Path> listed = Files.list(dir)) {
      entries = listed.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(
          dir
              + " holds no submissions (one folder or .zip per student, each a copy of"
              + " labs/ or a repository holding one)");
    }
    Files.createDirectories(outDir);
    // The code that grades must be what was built, before the batch and after every submission:
    // without the sandbox's walls a student's code could rewrite it for the ones after.
    GraderFingerprint grader = GraderFingerprint.current();
    Optional<String> changed = grader.differsFromRecord();
    if (changed.isPresent()) {
      throw new IOException(changed.get());
    }
    Map<String, Graded> graded = new TreeMap<>();
    Map<String, Path> handIns = new TreeMap<>();
    Map<String, Path> byKey = new TreeMap<>();
    for (Path entry : entries) {
      String name = name(entry, entries);
      Path same = byKey.putIfAbsent(key(name), entry);
      if (same != null) {
        // One would be graded, or its feedback written, under the other's name.
        throw new IllegalArgumentException(
            Printable.line(same.getFileName().toString())
                + " and "
                + Printable.line(entry.getFileName().toString())
                + " in "
                + dir
                + " would both be graded as "
                + name
                + ": rename one (names must differ in more than case or Unicode form)");
      }
      skipped(entry)
          .ifPresentOrElse(
              why -> graded.put(name, new Graded(name, null, why)), () -> handIns.put(name, entry));
    }
    String started = Instant.now().toString();
    ProgressLine progress = new ProgressLine(err, handIns.size(), interactive);
    int atOnce = Math.max(1, Math.min(jobs, handIns.size()));
    ExecutorService pool = Executors.newFixedThreadPool(atOnce);
    try {
      CompletionService<Graded> done = new ExecutorCompletionService<>(pool);
      handIns.forEach(
          (name, entry) ->
              done.submit(
                  () -> {
                    progress.starting(name);
                    return grade(entry, name, outDir.resolve(WORK).resolve(name));
                  }));
      for (int i = 0; i < handIns.size(); i++) {
        Graded g = done.take().get();
        checkGrader(grader, g.student());
        graded.put(g.student(), g);
        progress.finished(g.student(), result(g));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("grading was interrupted: no grades were written");
    } catch (ExecutionException e) {
      throw new IOException("grading failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
      progress.close();
    }
    if (atOnce > 1) {
      againAlone(graded, handIns, outDir, grader);
    }
    List<Graded> all = List.copyOf(graded.values());
    // An earlier run's feedback (--force) must not be handed out beside this one's.
    Folders.delete(outDir.resolve(FEEDBACK));
    for (Graded g : all) {
      Path feedback = outDir.resolve(FEEDBACK);
      AtomicFiles.writeString(
          feedback.resolve(g.student() + ".md"),
          g.report() != null
              ? Feedback.markdown(g.student(), g.report())
              : Feedback.markdown(g.student(), g.problem()));
      if (g.report() != null) {
        // Its README links lead to labs/ beside the page: where the student's own copy has them.
        AtomicFiles.writeString(
            feedback.resolve(g.student() + ".html"), HtmlReport.render(g.report(), "labs"));
      }
    }
    AtomicFiles.writeString(outDir.resolve("grades.csv"), csv(all));
    AtomicFiles.writeString(
        outDir.resolve("grades.json"), ReportJson.text(json(all, started, fixtureSets)));
    out.print(summary(all));
    out.println(
        "wrote "
            + outDir.resolve("grades.csv")
            + ", "
            + outDir.resolve("grades.json")
            + " and a feedback"
            + " file per student in "
            + outDir.resolve(FEEDBACK));
    out.flush();
    return all.stream().allMatch(g -> g.report() != null);
  }

  /**
   * Grades again, one at a time, each hand-in that a limit on the wall clock cut short while others
   * were graded at once (a call's limit counts processor time, but a call that waits and the
   * deadline count the wall clock), and another hand-in's code can keep the machine busy (processes
   * spinning, each in a session of its own and so with a share of the CPU of its own): alone,
   * nothing but its own code is graded. Its grade is the second one.
   */
  private void againAlone(
      Map<String, Graded> graded, Map<String, Path> handIns, Path outDir, GraderFingerprint grader)
      throws IOException {
    for (Map.Entry<String, Path> handIn : handIns.entrySet()) {
      String name = handIn.getKey();
      GradeReport first = graded.get(name).report();
      if (first == null || !first.cutByWallClock()) {
        continue;
      }
      err.println("grading " + name + " again, alone: " + WHY_AGAIN);
      err.flush();
      Path work = outDir.resolve(WORK).resolve(name);
      Folders.delete(work); // as clean as the first time
      Graded again = grade(handIn.getValue(), name, work);
      checkGrader(grader, name);
      graded.put(name, new Graded(name, again.report(), again.problem(), true));
      err.println("  " + name + ": " + result(again));
      err.flush();
    }
  }

  /**
   * Stops the batch, writing no grade, if the grader's code changed while {@code student}'s ran.
   */
  private static void checkGrader(GraderFingerprint grader, String student) throws IOException {
    Optional<String> changed = GraderFingerprint.current().changedSince(grader);
    if (changed.isPresent()) {
      throw new IOException(changed.get() + " (after " + student + "): no grades were written");
    }
  }

  private static String result(Graded g) {
    return g.report() == null
        ? "not graded: " + g.problem()
        : g.report().score() + "/" + g.report().maxScore();
  }

  /**
   * A hand-in's name: its folder's, or its zip's without {@code .zip} unless another entry has that
   * name; on one line, every control written out (it is shown on the grader's terminal).
   */
  private static String name(Path entry, List<Path> entries) {
    String file = Printable.line(entry.getFileName().toString());
    if (Files.isRegularFile(entry) && Submission.isZip(entry)) {
      String bare = key(file.substring(0, file.length() - 4));
      // Case-blind: a.zip beside A/ or a.ZIP, or on a file system that folds case, is not "a"; nor
      // is a.zip.zip beside a folder named a.zip.
      return entries.stream()
              .filter(e -> e != entry)
              .map(e -> key(Printable.line(e.getFileName().toString())))
              .anyMatch(other -> other.equals(bare) || stem(other).equals(bare))
          ? file
          : file.substring(0, file.length() - 4);
    }
    return file;
  }

  /**
   * What two names must differ in: not case, nor Unicode form (a file system may fold either, and a
   * reader cannot tell them apart).
   */
  private static String key(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(java.util.Locale.ROOT);
  }

  private static String stem(String file) {
    return file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
  }

  /** Why an entry is no hand-in, if it is not: a stray file, an empty folder, a link. */
  private static Optional<String> skipped(Path entry) throws IOException {
    if (Files.isSymbolicLink(entry)) {
      return Optional.of("skipped: a link, not a folder or a .zip");
    }
    if (Files.isRegularFile(entry)) {
      return Submission.isZip(entry)
          ? Optional.empty()
          : Optional.of("skipped: a file, not a folder or a .zip");
    }
    if (!Files.isDirectory(entry)) {
      return Optional.of("skipped: not a folder or a .zip");
    }
    try (Stream<Path> inside = Files.list(entry)) {
      return inside.findAny().isPresent()
          ? Optional.empty()
          : Optional.of("skipped: an empty folder");
    }
  }

  /**
   * One student (the harness grades from a copy of their hand-in: it is never run from, nor
   * changed).
   */
  private Graded grade(Path handIn, String name, Path work) {
    Path log = work.resolve("output.log");
    try {
      Files.createDirectories(work);
      Files.deleteIfExists(log);
      return new Graded(
          name, settings.grade(handIn, name, work, printed -> append(log, printed)), null);
    } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // Not the student's code's doing (not labs, a folder too large...): say so for this one and
      // go on, so one hand-in never costs the others their grades.
      return new Graded(name, null, String.valueOf(e.getMessage()));
    }
  }

  private List<Lab> labs() {
    return Lab.all().stream().filter(settings.labs()::contains).toList();
  }

  /**
   * {@code student,lab1,...,total,max,note}: one row per hand-in; one not graded has empty cells
   * and, in its note, why.
   */
  String csv(List<Graded> graded) {
    StringBuilder csv = new StringBuilder("student");
    labs().forEach(lab -> csv.append(',').append(lab.id()));
    csv.append(",total,max,note\n");
    for (Graded g : graded) {
      csv.append(csvField(g.student()));
      for (Lab lab : labs()) {
        csv.append(',').append(g.report() == null ? "" : String.valueOf(score(g.report(), lab)));
      }
      csv.append(',').append(g.report() == null ? "" : g.report().score());
      csv.append(',').append(g.report() == null ? "" : g.report().maxScore());
      csv.append(',')
          .append(
              g.report() == null
                  ? csvField(g.problem().lines().findFirst().orElse(""))
                  : g.again() ? csvField(AGAIN) : "")
          .append('\n');
    }
    return csv.toString();
  }

  /** Every student's report, with what graded them: the version, the fixture sets and when. */
  private ObjectNode json(List<Graded> graded, String started, Map<String, String> fixtureSets) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("ntplab", version);
    root.put("graded_at", started);
    ObjectNode sets = root.putObject("fixtures");
    fixtureSets.forEach(sets::put);
    ObjectNode students = root.putObject("submissions");
    for (Graded g : graded) {
      if (g.report() != null) {
        ObjectNode report = ReportJson.of(g.report());
        if (g.again()) {
          report.put("graded_again_alone", true);
        }
        students.set(g.student(), report);
      } else {
        students.putObject(g.student()).put("error", g.problem());
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
        table
            .append("  not graded: ")
            .append(Printable.line(g.problem().lines().findFirst().orElse("")))
            .append('\n');
        continue;
      }
      for (Lab lab : labs()) {
        table.append(String.format("  %7s", score(g.report(), lab) + "/" + max(g.report(), lab)));
      }
      table.append(String.format("  %9s%n", g.report().score() + "/" + g.report().maxScore()));
    }
    List<String> again = graded.stream().filter(Graded::again).map(Graded::student).toList();
    if (!again.isEmpty()) {
      table.append(AGAIN).append(" (the grade above is the second): ");
      table.append(String.join(", ", again)).append('\n');
    }
    return table.toString();
  }

  private static int score(GradeReport report, Lab lab) {
    return report.results().stream()
        .filter(r -> r.lab() == lab)
        .mapToInt(ExerciseResult::points)
        .sum();
  }

  private static int max(GradeReport report, Lab lab) {
    return report.results().stream()
        .filter(r -> r.lab() == lab)
        .mapToInt(ExerciseResult::maxPoints)
        .sum();
  }

  /**
   * A cell as RFC 4180 quotes it; one a spreadsheet would take for a formula ({@code =}, {@code +},
   * {@code -}, {@code @}) starts with an apostrophe, as spreadsheets themselves write it.
   */
  private static String csvField(String text) {
    String cell = text.matches("(?s)[=+\\-@\t\r].*") ? "'" + text : text;
    return CSV_SPECIAL.matcher(cell).find() ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
  }

  private static final java.util.regex.Pattern CSV_SPECIAL =
      java.util.regex.Pattern.compile("[,\"\r\n]");

  private static void append(Path log, String text) {
    try {
      Files.writeString(
          log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // What the student printed is a courtesy; its loss must not cost the grade.
    }
  }

  /**
   * Submission k of n, its name and an estimate of the time left: redrawn on a terminal, else a
   * line each.
   */
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

    synchronized void starting(String name) {
      String eta =
          done == 0
              ? ""
              : "  ETA "
                  + clock(Duration.ofNanos((System.nanoTime() - start) / done * (total - done)));
      if (redraw) {
        int width = 20;
        int filled = done * width / total;
        err.print(
            "\r\033[K["
                + "#".repeat(filled)
                + ".".repeat(width - filled)
                + "] "
                + done
                + "/"
                + total
                + " grading "
                + name
                + eta);
      } else {
        err.println("grading " + name + " (" + done + " of " + total + " done)" + eta);
      }
      err.flush();
    }

    synchronized void finished(String name, String result) {
      done++;
      if (!redraw) {
        err.println("  " + name + ": " + Printable.line(result.lines().findFirst().orElse("")));
        err.flush();
      }
    }

    synchronized void close() {
      if (redraw) {
        err.print("\r\033[K");
        err.println(
            "graded "
                + total
                + " submission"
                + (total == 1 ? "" : "s")
                + " in "
                + clock(Duration.ofNanos(System.nanoTime() - start)));
      }
      err.flush();
    }

    private static String clock(Duration d) {
      return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
  }
}
