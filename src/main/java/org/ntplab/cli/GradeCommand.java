package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.ntplab.course.GradeSettings;
import org.ntplab.course.Submissions;
import org.ntplab.course.UploadGrading;
import org.ntplab.fixture.FixtureException;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.harness.Harness;
import org.ntplab.grading.harness.Sandbox;
import org.ntplab.grading.harness.Watch;
import org.ntplab.grading.report.GradeTable;
import org.ntplab.grading.report.GradescopeJson;
import org.ntplab.grading.report.HtmlReport;
import org.ntplab.grading.report.ReportJson;
import org.ntplab.io.AtomicFiles;
import org.ntplab.io.TreeDigest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ntplab grade}: compile and grade a labs folder, or every student's in a folder of
 * submissions.
 */
@Command(
    name = "grade",
    mixinStandardHelpOptions = true,
    description = {
      "Grade the labs against every fixture, as mvn test does, without Maven. Each lab",
      "folder is compiled on its own (one that does not compile costs that lab only)",
      "and its code runs in a student process of its own, which holds nothing of the",
      "grader: code that calls System.exit or loops forever costs its exercise, not the",
      "grade. Run as root with bubblewrap installed, that process runs as nobody with",
      "no network and sees no file of the grader's. With --submissions, grade every",
      "student's copy of labs/ in a folder, each from a copy, in a sandbox of its own."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab grade                 the grade table for labs/, as mvn test prints it",
      "  ntplab grade --lab 2          (and open target/grade/report.html: the wrong bytes, highlighted)",
      "  ntplab grade --watch --lab 2   (grades lab 2 again on every save)",
      "  ntplab grade --format gradescope --out /autograder/results/results.json",
      "  ntplab grade --submissions handins/ --out grades/ --fixtures hidden-fixtures/ --jobs 2",
      "",
      "Exit status: 0 full marks (with --submissions: every submission graded),",
      "1 otherwise, 2 bad usage."
    })
final class GradeCommand implements Callable<Integer> {

  enum Format {
    text,
    json,
    gradescope,
    html
  }

  /** Where every grading of a labs folder writes its HTML report. */
  static final Path REPORT_HTML = Path.of("target", "grade", "report.html");

  @Spec CommandSpec spec;

  @Option(
      names = "--lab",
      paramLabel = "N",
      split = ",",
      description = "Grade lab N alone (or N,M,...: those labs).")
  List<Integer> lab;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (the grade table), json (every exercise), gradescope (results.json), or html (the"
              + " page also written to target/grade/report.html: each first failure with its packet, the wrong"
              + " bytes highlighted). Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(
      names = "--out",
      paramLabel = "FILE|DIR",
      description =
          "Write the grade to FILE instead of standard output; with --submissions, the folder for"
              + " grades.csv, grades.json and each student's build (default: target/grade/submissions).")
  Path out;

  @Option(
      names = "--labs",
      paramLabel = "DIR",
      defaultValue = "labs",
      description = "The labs folder to grade (default: ${DEFAULT-VALUE}).")
  Path labsDir;

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      description =
          "More fixtures (an instructor's hidden ones), beside"
              + " fixtures/: graded, but a failure on one is shown without its id, bytes or expected values.")
  Path fixtures;

  @Option(
      names = "--visibility",
      paramLabel = "WHEN",
      defaultValue = "after_due_date",
      description =
          "With --format gradescope: when students see the tests on --fixtures and their points:"
              + " ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); the others are visible.")
  GradescopeJson.Visibility visibility;

  @Option(
      names = "--show-hidden",
      description = "Show failures on --fixtures in full (for the instructor's eyes only).")
  boolean showHidden;

  @Option(
      names = "--upload",
      paramLabel = "DIR",
      description =
          "Grade one student's hand-in as uploaded (to"
              + " Gradescope, say): a repository or unpacked zip with labs/ inside, the lab folders, or loose lab files.")
  Path upload;

  @Option(
      names = "--submissions",
      paramLabel = "DIR",
      description =
          "Grade each entry of DIR: one student's copy of"
              + " labs/, or a repository holding one, as a folder or a .zip.")
  Path submissions;

  // Twice the cores: a submission spends much of its time starting JVMs (its student process, lab
  // 0's JShell engine), when another can use the CPU (BENCHMARKS.md, "A class at once").
  @Option(
      names = "--jobs",
      paramLabel = "N",
      description =
          "With --submissions, grade N at once (default: twice"
              + " the number of cores, ${DEFAULT-VALUE} here). One that the wall clock cut short"
              + " (its --time-limit, or a call that waited) while others were graded is graded"
              + " again, alone, after the others.")
  int jobs = 2 * Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--force",
      description = "With --submissions, replace the grades an earlier run left in --out.")
  boolean force;

  @Option(
      names = "--watch",
      description =
          "Keep watching the labs folder and grade a lab again each time one of"
              + " its files is saved (only that lab is compiled again), printing its table. Ctrl-C stops.")
  boolean watch;

  @Option(
      names = "--time-limit",
      paramLabel = "D",
      converter = DurationConverter.class,
      defaultValue = "5m",
      description =
          "At most this long for one labs folder (one submission), however often"
              + " its code ends the grading JVM (default: ${DEFAULT-VALUE}).")
  Duration timeLimit;

  @Override
  public Integer call() throws IOException {
    Set<Lab> labs = new TreeSet<>(Lab.all());
    if (lab != null) {
      labs = new TreeSet<>();
      for (int n : lab) {
        labs.add(Lab.of(n));
      }
    }
    Path builtin = Path.of(System.getProperty("ntplab.fixtures.builtin", "fixtures"));
    if (!Files.isDirectory(builtin)) {
      throw new Main.BadInputException(
          "no fixtures/ folder here: run ntplab grade in the project's folder");
    }
    if (fixtures != null && !Files.isDirectory(fixtures)) {
      throw new Main.BadInputException("--fixtures " + fixtures + ": no such folder");
    }
    // Read once here, before any student is compiled: a broken fixture is the instructor's to
    // mend, one line and exit 2, not a "could not start" for every submission of a batch.
    Corpus corpus;
    try {
      corpus = fixtures == null ? Corpus.load(builtin) : Corpus.load(builtin, fixtures);
    } catch (FixtureException e) {
      throw new Main.BadInputException(e.getMessage());
    }
    GradeSettings settings = new GradeSettings(labs, corpus, timeLimit, showHidden);
    if (watch) {
      return watch(settings);
    }
    Sandbox walls = Sandbox.detect();
    boolean reliedOn = submissions != null || format == Format.gradescope;
    if ((walls.walls() == Sandbox.Walls.NONE || walls.walls() == Sandbox.Walls.USER) && reliedOn) {
      // A grade others rely on, decided by code that could reach the grader: say so, once.
      spec.commandLine().getErr().println("ntplab grade: warning: " + walls.describe());
    }
    if (walls.walls() == Sandbox.Walls.USER && fixtures != null && Sandbox.openToNobody(fixtures)) {
      throw new Main.BadInputException(
          "--fixtures "
              + fixtures
              + ": the student's code, which runs here as nobody in no namespace of its own, could"
              + " read them: chmod -R o-rwx "
              + fixtures);
    }
    if (submissions != null) {
      if (!Files.isDirectory(submissions)) {
        throw new Main.BadInputException("--submissions " + submissions + ": no such folder");
      }
      // A batch always writes grades.csv and grades.json, and each submission is its own labs
      // folder.
      if (showHidden) {
        // The feedback files are for students: they must never hold what a hidden fixture is.
        throw new Main.BadInputException(
            "--show-hidden does not go with --submissions, whose feedback files are"
                + " handed out: grade one student's folder with --labs DIR --show-hidden to look");
      }
      for (String single : List.of("--format", "--labs")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(single)) {
          throw new Main.BadInputException(
              single
                  + " grades one labs folder: with --submissions every"
                  + " subfolder is one, and the grades go to grades.csv and grades.json in --out");
        }
      }
      Path dir = out != null ? out : Path.of("target", "grade", "submissions");
      batchOut(dir);
      if (jobs < 1) {
        throw new Main.BadInputException("--jobs " + jobs + ": at least 1");
      }
      Map<String, String> sets = new LinkedHashMap<>();
      sets.put(builtin.toString(), TreeDigest.of(builtin).toString());
      if (fixtures != null) {
        sets.put(fixtures.toString(), TreeDigest.of(fixtures).toString());
      }
      return new Submissions(
                  settings,
                  spec.commandLine().getOut(),
                  spec.commandLine().getErr(),
                  jobs,
                  Main.Version.text(),
                  Terminal.isInteractive())
              .grade(submissions, dir, sets)
          ? Main.OK
          : Main.FAILURE;
    }
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    GradeReport report;
    String note = "";
    if (upload != null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--labs")) {
        throw new Main.BadInputException("--upload and --labs each name what to grade: give one");
      }
      UploadGrading.Graded graded = UploadGrading.grade(upload, settings, err::print);
      report = graded.report();
      note = graded.note();
    } else {
      if (!Files.isDirectory(labsDir)) {
        throw new Main.BadInputException("--labs " + labsDir + ": no such folder");
      }
      report =
          settings.grade(
              labsDir, labsDir.toString(), Path.of("target", "grade", "cli"), err::print);
    }
    // Every grading of a labs folder leaves the page to read beside the table; a folder it cannot
    // be written in (a read-only checkout) costs the page, not the grade.
    try {
      HtmlReport.write(report, REPORT_HTML, upload != null ? upload : labsDir);
    } catch (IOException e) {
      err.println("ntplab grade: warning: " + REPORT_HTML + " not written: " + e.getMessage());
    }
    String text =
        switch (format) {
          case text -> note + GradeTable.render(report);
          case json -> ReportJson.text(report);
          case gradescope ->
              GradescopeJson.text(
                  GradescopeJson.withNote(
                      note,
                      GradescopeJson.of(
                          report, visibility, Duration.ofNanos(System.nanoTime() - start))));
          case html ->
              HtmlReport.render(
                  report,
                  HtmlReport.href(
                      out == null ? Path.of("") : out.toAbsolutePath().getParent(), labsDir));
        };
    if (out == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      AtomicFiles.writeString(out, text);
    }
    return report.fullMarks() ? Main.OK : Main.FAILURE;
  }

  /**
   * Refuses a batch's output folder inside the submissions (the next run would grade it as a
   * student) or holding an earlier run's grades, unless {@code --force}.
   */
  private void batchOut(Path dir) throws IOException {
    Path handIns = submissions.toRealPath();
    Path target = dir.toAbsolutePath().normalize();
    Path existing = target;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null
        && existing.toRealPath().resolve(existing.relativize(target)).startsWith(handIns)) {
      throw new Main.BadInputException(
          "--out "
              + dir
              + " is inside --submissions "
              + submissions
              + ": the next run would grade it as a student's; put the grades elsewhere");
    }
    if (!force
        && (Files.exists(dir.resolve("grades.csv")) || Files.exists(dir.resolve("grades.json")))) {
      throw new Main.BadInputException(
          dir
              + " holds the grades of an earlier run: --force replaces them, or"
              + " choose another --out");
    }
  }

  /**
   * Grades the labs again on every save until Ctrl-C: a table per grading, on a cleared screen when
   * a person watches.
   */
  private int watch(GradeSettings settings) throws IOException {
    for (String single : List.of("--submissions", "--out", "--format")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(single)) {
        throw new Main.BadInputException(
            single + " does not go with --watch, which prints the grade table on every save");
      }
    }
    if (!Files.isDirectory(labsDir)) {
      throw new Main.BadInputException("--labs " + labsDir + ": no such folder");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // What the labs' code prints comes with each round, above its table.
    Harness.Options options =
        settings.options(
            labsDir, labsDir.toString(), Path.of("target", "grade", "watch"), printed -> {});
    WatchScreen screen = new WatchScreen(labsDir.toString(), Terminal.isInteractive());
    try (Watch watching = Watch.open(options, settings.corpus())) {
      Thread stop =
          new Thread(
              () -> {
                watching.close();
                try {
                  watching.awaitEnd(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                err.println("ntplab grade: stopped watching " + labsDir);
                err.flush();
              },
              "ntplab-watch-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      watching.run(
          round -> {
            out.print(screen.text(round, LocalTime.now()));
            out.flush();
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Main.OK;
  }
}
