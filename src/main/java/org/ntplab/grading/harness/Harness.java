package org.ntplab.grading.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.Exercise;
import org.ntplab.grading.ExerciseResult;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Grader;
import org.ntplab.grading.Grading;
import org.ntplab.grading.Lab;
import org.ntplab.grading.Outcome;
import org.ntplab.grading.ProcessorTime;
import org.ntplab.io.Folders;
import org.ntplab.text.Printable;

/**
 * The trusted grading harness: compiles a labs folder, checks what was compiled, and puts every
 * case to the students' code in a separate {@link StudentProcess}, behind the {@link Sandbox}'s
 * walls, while the reference, the fixtures, the expected values, the comparison and the report stay
 * here. A student process that ends, hangs or floods costs the exercise it happened in, and a new
 * one grades the rest.
 */
public final class Harness {

  /**
   * For the whole grading of one labs folder, across restarts: far beyond a normal run of seconds.
   */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);

  /**
   * Lab 0's object is a JShell engine that evaluates the whole script: it takes seconds, not
   * microseconds.
   */
  private static final Duration WARMUP_LIMIT = Duration.ofSeconds(90);

  /**
   * What to grade and how.
   *
   * @param shown how the labs folder is named in messages, e.g. {@code labs}
   * @param workDir where the compiled classes, the student runtime and what the code printed go
   * @param printed told what the students' code printed, after each student process, if anything
   */
  public record Options(
      Set<Lab> labs,
      Path labsDir,
      String shown,
      Path workDir,
      Duration callLimit,
      Duration deadline,
      Sandbox sandbox,
      Consumer<String> printed,
      boolean showHidden) {

    public Options {
      labs = Set.copyOf(labs);
    }

    public static Options of(Set<Lab> labs, Path labsDir, Path workDir) {
      return new Options(
          labs,
          labsDir,
          labsDir.getFileName().toString(),
          workDir,
          Grader.DEFAULT_TIME_LIMIT,
          DEFAULT_DEADLINE,
          Sandbox.detect(),
          text -> {},
          false);
    }

    public Options withShown(String name) {
      return new Options(
          labs, labsDir, name, workDir, callLimit, deadline, sandbox, printed, showHidden);
    }

    public Options withCallLimit(Duration limit) {
      return new Options(
          labs, labsDir, shown, workDir, limit, deadline, sandbox, printed, showHidden);
    }

    public Options withDeadline(Duration limit) {
      return new Options(
          labs, labsDir, shown, workDir, callLimit, limit, sandbox, printed, showHidden);
    }

    /**
     * Hidden fixtures' failures shown in full: for the instructor's own eyes, never a student's.
     */
    public Options withHiddenShown(boolean show) {
      return new Options(
          labs, labsDir, shown, workDir, callLimit, deadline, sandbox, printed, show);
    }

    public Options withPrinted(Consumer<String> output) {
      return new Options(
          labs, labsDir, shown, workDir, callLimit, deadline, sandbox, output, showHidden);
    }
  }

  /** Names that a process another hand-in left behind cannot guess (see {@link #forNobody}). */
  private static final SecureRandom RANDOM = new SecureRandom();

  private Harness() {}

  /**
   * Grades {@code options.labsDir()} over {@code corpus}, from a copy of it ({@link Submission}):
   * what the grade is decided on is never a link to a file of someone else's, nor changes while the
   * grading runs.
   */
  public static GradeReport grade(Options options, Corpus corpus) throws IOException {
    Files.createDirectories(options.workDir());
    try (Submission copy = Submission.copy(options.labsDir(), options.workDir())) {
      return grade(options, copy.labs(options.labs()), corpus);
    }
  }

  private static GradeReport grade(Options options, Path labsDir, Corpus corpus)
      throws IOException {
    boolean asNobodyHere = options.sandbox().walls() == Sandbox.Walls.USER;
    Path shown = asNobodyHere ? forNobody() : options.workDir();
    try {
      return grade(options, labsDir, corpus, shown);
    } finally {
      if (asNobodyHere) {
        Folders.delete(shown.getParent());
      }
    }
  }

  /**
   * A folder for what the student's JVM reads, where nobody can reach it: with the {@link
   * Sandbox.Walls#USER} walls it reads its classes at their real path, and the work folder may lie
   * under one closed to others (a home, a test's). Its top is under /tmp, which anyone may list,
   * and lets others through without listing it; the folder itself is a random name inside, so a
   * process another hand-in left behind cannot find it (the student's own JVM is told it).
   */
  private static Path forNobody() throws IOException {
    Path top = Files.createTempDirectory(Path.of("/tmp"), "ntplab-student-");
    Files.setPosixFilePermissions(top, PosixFilePermissions.fromString("rwx--x--x"));
    byte[] name = new byte[16];
    RANDOM.nextBytes(name);
    return Files.createDirectory(top.resolve(HexFormat.of().formatHex(name)));
  }

  private static GradeReport grade(Options options, Path labsDir, Corpus corpus, Path shown)
      throws IOException {
    Path runtime = StudentRuntime.jar(shown, options.labs());
    Path classes = shown.resolve("classes");
    List<Path> classPath = classPath(runtime, classes, options.labs());
    Ahead processes =
        new Ahead(
            run ->
                StudentProcess.start(
                    classPath,
                    options.sandbox(),
                    options.workDir().resolve("output-" + run + ".log")));
    try {
      processes.startAhead(1); // its JVM starts while the labs compile
      LabCompiler.Result compiled =
          LabCompiler.compile(labsDir, options.shown(), options.labs(), classes, List.of(runtime));
      return grade(options, options.labs(), labsDir, compiled.broken(), corpus, processes);
    } finally {
      processes.discard();
    }
  }

  /**
   * The student runtime and each lab's class folder under {@code classes}, made now so that a
   * process started before the labs compile is shown them; a lab that does not compile leaves its
   * folder empty ({@link LabCompiler}).
   */
  static List<Path> classPath(Path runtime, Path classes, Set<Lab> labs) throws IOException {
    List<Path> classPath = new ArrayList<>();
    classPath.add(runtime);
    for (Lab lab : new TreeSet<>(labs)) {
      classPath.add(Files.createDirectories(classes.resolve(lab.folder())));
    }
    return classPath;
  }

  /**
   * Starts a student process that has run no student code yet: the {@code run}th of one grading,
   * from 1.
   */
  @FunctionalInterface
  interface Starter {
    StudentProcess start(int run) throws IOException;
  }

  /**
   * A student process started ahead of need, while the labs compile or while a student reads the
   * last grade. It has loaded no student class when it is handed out, so it serves the classes
   * compiled after it started, as a process started then would.
   */
  static final class Ahead implements Starter {
    private final Starter fresh;
    private StudentProcess ready;

    Ahead(Starter fresh) {
      this.fresh = fresh;
    }

    /** Starts one to wait, unless one is waiting. */
    void startAhead(int run) throws IOException {
      if (ready == null) {
        ready = fresh.start(run);
      }
    }

    /** The one waiting, if it is still up; else a new one. */
    @Override
    public StudentProcess start(int run) throws IOException {
      StudentProcess waiting = ready;
      ready = null;
      if (waiting != null && waiting.alive()) {
        return waiting;
      }
      if (waiting != null) {
        waiting.kill();
      }
      return fresh.start(run);
    }

    /** Stops the one waiting, if any: nothing needed it. */
    void discard() {
      if (ready != null) {
        ready.kill();
        ready = null;
      }
    }
  }

  /**
   * Grades {@code labs}, compiled already ({@code broken}: those that did not), in student
   * processes from {@code starter}; {@code labsDir} is where lab 0's script is read.
   */
  static GradeReport grade(
      Options options,
      Set<Lab> labs,
      Path labsDir,
      Map<Lab, String> broken,
      Corpus corpus,
      Starter starter)
      throws IOException {
    List<ExerciseResult> results = new ArrayList<>();
    boolean cutByWallClock;
    // Hidden cases are put to processes of their own (Grader.gradeWith): one started only if
    // there are any, numbered with the others so that their outputs never share a file.
    AtomicInteger runs = new AtomicInteger();
    try (Students students = new Students(starter, labsDir, options, runs);
        Students hiddenStudents = new Students(starter, labsDir, options, runs);
        Grader grader =
            new Grader(options.callLimit())
                .withDeadline(options.deadline())
                .hiding(options.showHidden() ? label -> false : corpus::isHidden)
                .standingOn(corpus)) {
      for (Lab lab : new TreeSet<>(labs)) {
        String why = broken.get(lab);
        results.addAll(
            why != null
                ? broken(lab, why, Grading.exercises(lab, corpus))
                : grade(grader, lab, lab.exercises(), corpus, students, hiddenStudents));
      }
      cutByWallClock = grader.cutByWallClock();
    }
    return new GradeReport(results, cutByWallClock);
  }

  private static <S> List<ExerciseResult> grade(
      Grader grader,
      Lab lab,
      Lab.Exercises<S> exercises,
      Corpus corpus,
      Students students,
      Students hiddenStudents) {
    return grader.gradeWith(
        exercises.of().apply(corpus),
        students.source(lab, exercises.contract()),
        hiddenStudents.source(lab, exercises.contract()));
  }

  /** A lab not to run: the first exercise shows why in full, the others point to it. */
  public static List<ExerciseResult> broken(
      Lab lab, String why, List<? extends Exercise<?>> exercises) {
    List<ExerciseResult> results = new ArrayList<>();
    for (Exercise<?> e : exercises) {
      String message =
          results.isEmpty()
              ? why
              : why.lines().findFirst().orElse(why).replaceFirst(":$", "")
                  + " (see "
                  + exercises.get(0).name()
                  + " for the errors)";
      results.add(new ExerciseResult(lab, e.name(), e.points(), new Outcome.Errored(message)));
    }
    return results;
  }

  /**
   * The student process the labs share (those of the published cases, or those of the hidden ones),
   * started when first needed and again after it ends.
   */
  private static final class Students implements AutoCloseable {
    private final Starter starter;
    private final Path labsDir;
    private final Options options;
    private final AtomicInteger runs;
    private StudentProcess process;

    Students(Starter starter, Path labsDir, Options options, AtomicInteger runs) {
      this.starter = starter;
      this.labsDir = labsDir;
      this.options = options;
      this.runs = runs;
    }

    <S> Grader.Source<S> source(Lab lab, Class<S> contract) {
      return new Grader.Source<>() {
        @Override
        public void prepare() throws IOException {
          if (process == null || !process.alive()) {
            finish();
            process = starter.start(runs.incrementAndGet());
          }
        }

        @Override
        public S create() throws Exception {
          return contract.cast(process.create(lab, lab.isScript() ? script(lab) : null));
        }

        @Override
        public Duration createLimit(Duration callLimit) {
          return lab.isScript() ? WARMUP_LIMIT : callLimit;
        }

        @Override
        public boolean abandon() {
          process.kill();
          return true;
        }

        @Override
        public String ending() {
          return process.ending();
        }

        @Override
        public Optional<ProcessorTime> processorTime() {
          // Lab 0's script runs in a JShell engine, a JVM the student process starts later, which
          // the reading would not see: its limits are the wall clock's.
          return lab.isScript() ? Optional.empty() : process.processorTime();
        }

        @Override
        public Optional<String> stuckAt() {
          return process.stuckAt();
        }
      };
    }

    /**
     * Lab 0's answers, read here and handed over as text: the student process reads no file of
     * ours.
     */
    private String script(Lab lab) throws IOException {
      Path file = labsDir.resolve(lab.folder()).resolve(lab.implementation());
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            options.shown()
                + "/"
                + lab.folder()
                + "/"
                + lab.implementation()
                + " not found: lab "
                + lab.number()
                + "'s answers are a JShell script there");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    }

    private void finish() throws IOException {
      if (process != null) {
        String printed = process.finish();
        if (!printed.isEmpty()) {
          // The student's words, shown on the grader's terminal: no control of theirs acts there.
          options.printed().accept(Printable.text(printed));
        }
        process = null;
      }
    }

    @Override
    public void close() throws IOException {
      finish();
    }
  }
}
