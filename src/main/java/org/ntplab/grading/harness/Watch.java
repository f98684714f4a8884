package org.ntplab.grading.harness;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.student.WarmupAnswers;

/**
 * Grades a labs folder again on every save, lab by lab: a changed lab alone is compiled again (in
 * this JVM, by {@link LabCompiler}) and graded as {@link Harness#grade} grades it, from a copy, in
 * a student process behind the same {@link Sandbox} walls. What is kept warm is this JVM (javac,
 * the grader, the fixtures) and one student process started ahead ({@link Harness.Ahead}), after
 * each grading: it has loaded no student class yet, so it serves the classes compiled after it
 * started, and no process that ran a student's code ever serves another grading.
 */
public final class Watch implements AutoCloseable {

  /**
   * Editors save in bursts (a temporary file, a rename, a touch): a lab is graded once they have
   * been quiet this long.
   */
  static final Duration QUIET = Duration.ofMillis(100);

  /**
   * Output logs are numbered round this many, so that a long session leaves a few files, not
   * thousands.
   */
  private static final int LOGS = 8;

  /** What became of one round of grading. */
  public sealed interface Round permits Graded, Failed {
    /** The labs it was about: those changed, or every watched one at the start. */
    Set<Lab> labs();
  }

  /**
   * The labs' grade, what their code printed (shown with the grade, where the table's screen would
   * hide it: {@code Options.printed} is not told), and how long compiling and grading them took.
   */
  public record Graded(Set<Lab> labs, GradeReport report, String printed, Duration took)
      implements Round {

    public Graded {
      labs = Set.copyOf(labs);
    }
  }

  /**
   * The labs could not be graded (their folder could not be read, say): they are graded again after
   * the next save.
   */
  public record Failed(Set<Lab> labs, String why) implements Round {

    public Failed {
      labs = Set.copyOf(labs);
    }
  }

  private final Harness.Options options;
  private final Corpus corpus;
  private final WatchService watcher;
  private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();
  private final Path classes;
  private final List<Path> classPath;

  /** Every process started and not yet seen gone, for {@link #close}. */
  private final Set<StudentProcess> started = ConcurrentHashMap.newKeySet();

  private final Harness.Ahead processes = new Harness.Ahead(run -> start());
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean closed;
  private int logs;

  private Watch(Harness.Options options, Corpus corpus, WatchService watcher) throws IOException {
    this.options = options;
    this.corpus = corpus;
    this.watcher = watcher;
    this.classes = options.workDir().resolve("classes");
    this.classPath =
        Harness.classPath(
            StudentRuntime.jar(options.workDir(), options.labs()), classes, options.labs());
  }

  /** Watches {@code options.labsDir()} for changes to {@code options.labs()}. */
  public static Watch open(Harness.Options options, Corpus corpus) throws IOException {
    if (!Files.isDirectory(options.labsDir())) {
      throw new IOException(options.shown() + ": no such folder");
    }
    WatchService watcher = options.labsDir().getFileSystem().newWatchService();
    try {
      Watch watch = new Watch(options, corpus, watcher);
      watch.register(options.labsDir());
      return watch;
    } catch (IOException | RuntimeException e) {
      watcher.close();
      throw e;
    }
  }

  /**
   * Grades every watched lab, then each changed lab after every save, telling {@code told} each
   * time, until {@link #close}.
   */
  public void run(Consumer<Round> told) throws InterruptedException {
    try {
      Set<Lab> labs = new TreeSet<>();
      labs.addAll(options.labs());
      while (!closed) {
        if (!labs.isEmpty()) {
          Round round = round(labs);
          if (closed) {
            break;
          }
          told.accept(round);
          if (round instanceof Graded) {
            labs.clear(); // a failed round's labs wait for the next save with the ones it changes
          }
        }
        labs.addAll(changes());
      }
    } finally {
      ended.countDown();
    }
  }

  /**
   * Grades {@code labs}; once more if the folder changed under the copy (an editor renaming its
   * files, say).
   */
  private Round round(Set<Lab> labs) throws InterruptedException {
    long start = System.nanoTime();
    IOException failure = null;
    for (int attempt = 0; attempt < 2 && !closed; attempt++) {
      try {
        StringBuilder printed = new StringBuilder();
        GradeReport report = grade(labs, printed);
        return new Graded(
            labs, report, printed.toString(), Duration.ofNanos(System.nanoTime() - start));
      } catch (IOException | RuntimeException e) {
        failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        Thread.sleep(QUIET.toMillis());
      }
    }
    return new Failed(
        labs, failure == null ? "no longer watching" : String.valueOf(failure.getMessage()));
  }

  /** Stops watching; the grading under way, if any, is cut short and not told. */
  @Override
  public void close() {
    closed = true;
    try {
      watcher.close();
    } catch (IOException e) {
      // Closing is all that is asked of it.
    }
    started.forEach(StudentProcess::kill);
  }

  /** After {@link #close}: waits, at most {@code limit}, for {@link #run} to return. */
  public boolean awaitEnd(Duration limit) throws InterruptedException {
    return ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  private GradeReport grade(Set<Lab> labs, StringBuilder printed) throws IOException {
    Files.createDirectories(options.workDir());
    processes.startAhead(
        0); // if none waits (the first round, or after a failed one): it starts while the lab
    // compiles
    try (Submission copy = Submission.copy(options.labsDir(), options.workDir())) {
      LabCompiler.Result compiled =
          LabCompiler.compile(
              copy.labs(options.labs()), options.shown(), labs, classes, List.of(classPath.get(0)));
      return Harness.grade(
          options.withPrinted(printed::append),
          labs,
          copy.labs(options.labs()),
          compiled.broken(),
          corpus,
          processes);
    } finally {
      started.removeIf(p -> !p.alive());
      if (!closed) {
        processes.startAhead(0); // while the student reads the table
      }
    }
  }

  private StudentProcess start() throws IOException {
    if (closed) {
      throw new IOException("no longer watching");
    }
    Path log = options.workDir().resolve("output-" + (logs++ % LOGS) + ".log");
    StudentProcess process = StudentProcess.start(classPath, options.sandbox(), log);
    started.add(process);
    return process;
  }

  /**
   * Blocks until a save, then gathers the burst it starts: the watched labs it changed (none when
   * closed).
   */
  private Set<Lab> changes() throws InterruptedException {
    Set<Lab> changed = new TreeSet<>();
    try {
      WatchKey key = watcher.take();
      while (key != null) {
        gather(key, changed);
        key = watcher.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (ClosedWatchServiceException e) {
      return Set.of();
    }
    return changed;
  }

  private void gather(WatchKey key, Set<Lab> changed) {
    Path folder = folders.get(key);
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW || folder == null) {
        changed.addAll(options.labs()); // events were lost: whatever changed, grade it all
        continue;
      }
      Path path = folder.resolve((Path) event.context());
      if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
        registerNew(path); // a new lab or package folder, maybe with files already in it
        labOf(path).ifPresent(changed::add);
      } else if (isLabSource(path)) {
        labOf(path).ifPresent(changed::add);
      }
    }
    if (!key.reset()) {
      folders.remove(key); // the folder is gone
    }
  }

  /** Java sources and lab 0's script; not an editor's swap, backup or lock file beside them. */
  static boolean isLabSource(Path file) {
    String name = file.getFileName().toString();
    return (name.endsWith(".java") || name.equals(WarmupAnswers.SCRIPT))
        && !name.startsWith(".")
        && !name.startsWith("#");
  }

  /** The watched lab whose folder holds {@code path}. */
  Optional<Lab> labOf(Path path) {
    Path relative = options.labsDir().relativize(path);
    if (relative.getNameCount() == 0 || relative.startsWith("..")) {
      return Optional.empty();
    }
    String top = relative.getName(0).toString();
    return options.labs().stream().filter(lab -> lab.folder().equals(top)).findFirst();
  }

  /**
   * Watches {@code root} and every folder in it (the JDK's watch service sees one folder's
   * entries).
   */
  private void register(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path dir : all.filter(Files::isDirectory).toList()) {
        folders.put(dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), dir);
      }
    }
  }

  /**
   * As {@link #register}, for a folder just made, which may be gone again already (an editor's
   * scratch folder).
   */
  private void registerNew(Path root) {
    try {
      register(root);
    } catch (IOException | UncheckedIOException e) {
      // Gone: nothing in it to watch. Its lab is graded again all the same.
    }
  }
}
