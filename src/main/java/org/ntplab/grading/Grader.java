package org.ntplab.grading;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import org.ntplab.grading.channel.ChannelClosed;
import org.ntplab.grading.channel.RemoteFailure;
import org.ntplab.grading.student.ProgramEnded;
import org.ntplab.grading.student.ScriptException;
import org.ntplab.text.Durations;

/**
 * Puts each exercise's cases to the student's code and compares with the reference. Every call runs
 * under a time limit. Within an exercise, grading stops at the first exception or timeout (the rest
 * would likely fail the same way) but goes on past wrong answers, to count them.
 */
public final class Grader implements AutoCloseable {

  /**
   * Where students' classes are: what under {@code org.ntplab} is a student's, not ntplab's own
   * (the rules on a lab's class files); the frames of a stack trace to show them first.
   */
  public static final String LABS = "org.ntplab.labs.";

  /** Generous: a correct answer takes microseconds; a slow first call loads classes. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);

  private final TimeLimit timeLimit;

  /** {@link System#nanoTime()} past which no exercise is begun; 0 for none. */
  private long deadline;

  private Duration deadlineLimit;

  /**
   * Whether the exercise just graded lost its student object (it ran over, or its process ended).
   */
  private boolean lost;

  /** Whether a limit on the wall clock cut the grading short (see {@link #cutByWallClock}). */
  private boolean cutByWallClock;

  /** The packet a case's fixture label stands on, if known (see {@link #standingOn}). */
  private Function<String, Optional<byte[]>> packets = label -> Optional.empty();

  /**
   * How the exercise just graded did on published and hidden fixtures apart, if it had hidden ones.
   */
  private Optional<ExerciseResult.Split> split = Optional.empty();

  /** Fixture labels (as cases name them) whose cases are graded but never described. */
  private Predicate<String> hidden = label -> false;

  public Grader(Duration timeLimit) {
    this.timeLimit = new TimeLimit(timeLimit);
  }

  /**
   * Whether a limit on the wall clock cut the grading short: a call given up waiting (or where
   * processor time is not read), or an exercise not begun for the deadline. A machine busy with
   * other work (another student's code spinning) runs those out as surely as the student's own code
   * does; a call given up for the processor time its code used is the code's own doing.
   */
  public boolean cutByWallClock() {
    return cutByWallClock;
  }

  /**
   * Where a lab's student object comes from: made before the lab's first exercise, and again after
   * one whose code ran over its time limit or ended its process.
   */
  public interface Source<S> {

    /** Gets ready to make one, outside the time limit (a student process starts here). */
    default void prepare() throws IOException {}

    /** Makes one: runs the student's constructor, under {@link #createLimit}. */
    S create() throws Exception;

    /** How long making one may take. */
    default Duration createLimit(Duration callLimit) {
      return callLimit;
    }

    /**
     * The student's code ran over its time: stop it, if it can be, and say whether the object is
     * gone with it (a process killed) or may still be asked (a thread in this JVM, given up).
     */
    default boolean abandon() {
      return false;
    }

    /**
     * The processor time the student's code has used, if it can be read: call limits then count it
     * rather than the wall clock (see {@link TimeLimit}).
     */
    default Optional<ProcessorTime> processorTime() {
      return Optional.empty();
    }

    /** After a call ran over its time: the line of the student's code it was on, if known. */
    default Optional<String> stuckAt() {
      return Optional.empty();
    }

    /** After a call found the student's process gone: what its code did, for the message. */
    default String ending() {
      return "the student's process ended";
    }

    static <S> Source<S> of(Callable<S> factory) {
      return factory::call;
    }
  }

  /** Grades {@code exercises} against one instance made by {@code factory} (student code too). */
  public <S> List<ExerciseResult> grade(List<Exercise<S>> exercises, Callable<S> factory) {
    return gradeWith(exercises, Source.of(factory));
  }

  /**
   * Grades {@code exercises} against the objects {@code source} makes, one at a time, hidden cases
   * and published ones alike: for objects of trusted code. Students' code goes through the
   * two-source form, as {@code Harness} does.
   */
  public <S> List<ExerciseResult> gradeWith(List<Exercise<S>> exercises, Source<S> source) {
    return gradeWith(exercises, source, source);
  }

  /**
   * Grades {@code exercises}: the cases on published fixtures against the objects {@code source}
   * makes, those on hidden fixtures against {@code hiddenSource}'s. A student's code may keep what
   * a hidden case passed it and give it back where answers and exceptions are shown in full, on a
   * published case; so the harness gives the hidden cases a process of their own, which never
   * answers a published one.
   */
  public <S> List<ExerciseResult> gradeWith(
      List<Exercise<S>> exercises, Source<S> source, Source<S> hiddenSource) {
    List<ExerciseResult> results = new ArrayList<>();
    Supply<S> published = new Supply<>(source, false);
    Supply<S> hiddenOnes = new Supply<>(hiddenSource, true);
    for (Exercise<S> exercise : exercises) {
      Outcome outcome;
      split = Optional.empty();
      if (deadline != 0 && System.nanoTime() - deadline > 0) {
        cutByWallClock = true;
        outcome =
            new Outcome.Errored(
                "not graded: grading ran out of its time limit of "
                    + Durations.text(deadlineLimit));
      } else {
        outcome = grade(exercise, published, hiddenOnes);
      }
      results.add(
          new ExerciseResult(exercise.lab(), exercise.name(), exercise.points(), outcome, split));
    }
    published.close();
    hiddenOnes.close();
    return results;
  }

  /**
   * The student objects one source makes, one at a time: a new one after an exercise that lost it,
   * none after one could not be made.
   */
  private final class Supply<S> {
    private final Source<S> source;
    private final boolean hidden;
    private S student;
    private Outcome broken;

    Supply(Source<S> source, boolean hidden) {
      this.source = source;
      this.hidden = hidden;
    }

    /** Grades {@code cases} in order until one throws or runs over. */
    Part<S> put(List<Case<S>> cases) {
      if (cases.isEmpty()) {
        return new Part<>(cases, new TimeLimit.Calls(List.of(), null, null), null);
      }
      if (student == null && broken == null) {
        try {
          student = create(source);
        } catch (Unmade e) {
          // A hidden process's constructor has run after hidden cases (another lab's): what it
          // threw may quote them.
          broken =
              hidden
                  ? new Outcome.Errored(HIDDEN + ": creating the lab's class failed")
                  : e.outcome;
        }
      }
      if (broken != null) {
        return new Part<>(cases, null, broken);
      }
      lost = false;
      TimeLimit.Calls calls =
          timeLimit.callEach(
              cases.stream().map(c -> (Callable<?>) () -> c.answer().apply(student)).toList(),
              source.processorTime().orElse(null));
      Outcome stop =
          calls.answers().size() < cases.size()
              ? stopped(cases.get(calls.answers().size()), calls, student, source)
              : null;
      if (lost) {
        student = null; // the next exercise gets a new one
      }
      return new Part<>(cases, calls, stop);
    }

    void close() {
      Grader.close(student);
    }
  }

  /**
   * Cases put to one object: the answers they got and, if one stopped them (or none could be put),
   * why.
   */
  private record Part<S>(List<Case<S>> cases, TimeLimit.Calls calls, Outcome stop) {}

  /**
   * Describes a failing case on a hidden fixture without its id, bytes, call or expected value (an
   * instructor's hidden set stays hidden from the students who see the grade).
   */
  public Grader hiding(Predicate<String> fixtures) {
    this.hidden = fixtures;
    return this;
  }

  /** How a hidden fixture's case is named where a visible one would be. */
  static final String HIDDEN = "a hidden fixture";

  /** Begins no exercise past {@code limit} from now: those left are Errored, saying so. */
  public Grader withDeadline(Duration limit) {
    this.deadlineLimit = limit;
    this.deadline = System.nanoTime() + limit.toNanos();
    if (deadline == 0) {
      deadline = 1;
    }
    timeLimit.until(deadline);
    return this;
  }

  /** Why a student object could not be made: the outcome of every exercise of its lab. */
  private static final class Unmade extends Exception {
    final transient Outcome outcome;

    Unmade(Outcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }

  /**
   * Looks up the packet each case's fixture label ({@code id (reply)}, or an exchange's {@code id})
   * stands on in {@code corpus}, for the failure's data: a report shows it as a hexdump.
   */
  public Grader standingOn(Corpus corpus) {
    this.packets = label -> packet(corpus, label);
    return this;
  }

  private static Optional<byte[]> packet(Corpus corpus, String label) {
    for (Corpus.TimePacket p : corpus.packets()) {
      if (p.label().equals(label)) {
        return Optional.of(p.bytes());
      }
    }
    return corpus.captures().stream()
        .filter(c -> c.id().equals(label))
        .map(c -> c.reply() != null ? c.reply() : c.request())
        .filter(b -> b != null)
        .findFirst();
  }

  private <S> S create(Source<S> source) throws Unmade {
    try {
      source.prepare();
    } catch (IOException e) {
      throw new Unmade(
          new Outcome.Errored("the student's code could not be started: " + e.getMessage()));
    }
    Duration limit = source.createLimit(timeLimit.limit());
    TimeLimit.Calls made;
    try (TimeLimit creating = new TimeLimit(limit)) {
      made =
          creating.callEach(
              List.<Callable<S>>of(source::create), source.processorTime().orElse(null));
    }
    if (made.timedOut() != null) {
      cutByWallClock |= made.overrun().byWallClock();
      source.abandon();
      throw new Unmade(
          new Outcome.TimedOut(
              "creating the lab's class" + overran(limit, made.overrun()) + stuck(source)));
    }
    if (made.failed() != null) {
      Throwable thrown = made.failed().getCause();
      if (thrown instanceof ChannelClosed) {
        throw new Unmade(new Outcome.Errored("creating the lab's class: " + source.ending()));
      }
      throw new Unmade(failure(thrown, "creating the lab's class", null));
    }
    @SuppressWarnings("unchecked") // the one answer is create's own
    S student = (S) made.answers().get(0);
    return student;
  }

  private <S> Outcome grade(Exercise<S> exercise, Supply<S> published, Supply<S> hiddenOnes) {
    List<Case<S>> cases = exercise.cases();
    Part<S> open = published.put(cases.stream().filter(c -> !hides(c)).toList());
    Tally shown = tally(open, false);
    List<Case<S>> closed = cases.stream().filter(this::hides).toList();
    if (open.stop() != null) {
      if (!closed.isEmpty() && open.calls() != null) {
        split =
            Optional.of(
                new ExerciseResult.Split(
                    open.stop(),
                    new Outcome.Errored("not graded: the exercise stopped on an earlier case")));
      }
      return open.stop();
    }
    if (closed.isEmpty()) {
      return shown.failed == 0
          ? new Outcome.Passed(cases.size())
          : new Outcome.Failed(shown.failed, cases.size(), shown.first);
    }
    Part<S> kept = hiddenOnes.put(closed);
    Tally hidden = tally(kept, true);
    if (kept.stop() != null) {
      split = Optional.of(new ExerciseResult.Split(shown.outcome(), kept.stop()));
      return kept.stop();
    }
    split = Optional.of(new ExerciseResult.Split(shown.outcome(), hidden.outcome()));
    int failed = shown.failed + hidden.failed;
    return failed == 0
        ? new Outcome.Passed(cases.size())
        : new Outcome.Failed(
            failed, cases.size(), shown.first != null ? shown.first : hidden.first);
  }

  /** The answers {@code part} got, compared: described in full unless {@code hides}. */
  private <S> Tally tally(Part<S> part, boolean hides) {
    Tally tally = new Tally();
    if (part.calls() == null) {
      return tally;
    }
    for (int i = 0; i < part.calls().answers().size(); i++) {
      Case<S> c = part.cases().get(i);
      Object answer = part.calls().answers().get(i);
      Optional<String> mismatch = compare(c, answer);
      tally.count(
          mismatch.map(
              m ->
                  hides
                      ? Failure.hidden(c.field())
                      : Failure.of(c, answer, m, packets.apply(c.fixture()))));
    }
    return tally;
  }

  /**
   * Cases on one side (published or hidden fixtures): how many, how many wrong, the first wrong
   * one.
   */
  private static final class Tally {
    int cases;
    int failed;
    Failure first;

    void count(Optional<Failure> mismatch) {
      cases++;
      if (mismatch.isPresent()) {
        failed++;
        first = first != null ? first : mismatch.get();
      }
    }

    Outcome outcome() {
      return failed == 0 ? new Outcome.Passed(cases) : new Outcome.Failed(failed, cases, first);
    }
  }

  /**
   * Why the exercise stopped at case {@code c}: it ran over its time, threw, or ended its process.
   */
  private <S> Outcome stopped(Case<S> c, TimeLimit.Calls calls, S student, Source<S> source) {
    String call = hides(c) ? HIDDEN + ", field " + c.field() : where(c) + c.call();
    if (calls.timedOut() != null) {
      cutByWallClock |= calls.overrun().byWallClock();
      lost = source.abandon();
      if (timeLimit.pastDeadline()) {
        return new Outcome.Errored(
            "grading stopped: "
                + call
                + " was still running when the time"
                + " limit of "
                + Durations.text(deadlineLimit)
                + " for the whole grading ran out");
      }
      // On a hidden case, not how: a code that recognised the packet could choose to wait or spin.
      return new Outcome.TimedOut(
          hides(c)
              ? call + " did not return within its time limit"
              : call + overran(timeLimit.limit(), calls.overrun()) + stuck(source));
    }
    Throwable thrown = calls.failed().getCause();
    if (thrown instanceof ChannelClosed) {
      lost = true;
      String ending = source.ending();
      // How a process ended is partly its own word (the frame it says called System.exit).
      return new Outcome.Errored(call + ": " + (hides(c) ? "the student's process ended" : ending));
    }
    if (hides(c)) {
      // What a student's code threw may hold the hidden case's bytes: in its message, and in its
      // stack, which the code may set (a method, file and line that spell them), and in its class's
      // name, which the student process may make up or pick. Of all that, one of a few names only.
      return new Outcome.Errored(call + ": your code threw " + hiddenCaseType(thrown));
    }
    if (thrown instanceof ProgramEnded
        || thrown instanceof RemoteFailure r && r.is(ProgramEnded.class)) {
      return new Outcome.Errored(where(c) + thrown.getMessage());
    }
    return failure(thrown, call, student);
  }

  /**
   * Why {@code answer} is not {@code c}'s expected value, if it is not. An answer of a kind the
   * comparison cannot take (an Optional holding a String where the contract says bytes, passed off
   * by an unchecked cast) is a wrong answer, not a failure of the grader.
   */
  private static Optional<String> compare(Case<?> c, Object answer) {
    try {
      return c.comparison().mismatch(c.expected(), answer);
    } catch (RuntimeException e) {
      return Optional.of(
          "expected "
              + c.expected()
              + ", got an answer of another kind than the contract's ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /** Whether {@code c} is on a hidden fixture whose details this grading must not show. */
  private boolean hides(Case<?> c) {
    return !c.fixture().isEmpty() && hidden.test(c.fixture());
  }

  private static String type(Throwable thrown) {
    return thrown instanceof RemoteFailure r ? r.type() : thrown.getClass().getName();
  }

  /**
   * The exceptions a hidden case names, the ones a lab's own mistakes throw: any other is "another
   * exception". Naming every JDK class would let a student's code pick one of hundreds by the
   * hidden packet's bytes, a byte told per exercise; a few names tell a few bits.
   */
  private static final Set<String> NAMED_ON_HIDDEN_CASES =
      Set.of(
          "java.lang.NullPointerException",
          "java.lang.ArrayIndexOutOfBoundsException",
          "java.lang.IndexOutOfBoundsException",
          "java.lang.ArithmeticException",
          "java.lang.IllegalArgumentException",
          "java.lang.IllegalStateException",
          "java.lang.UnsupportedOperationException",
          "java.lang.ClassCastException",
          "java.lang.NumberFormatException",
          "java.nio.BufferUnderflowException",
          "java.util.NoSuchElementException");

  /** What was thrown on a hidden case, named if it is one of {@link #NAMED_ON_HIDDEN_CASES}. */
  private static String hiddenCaseType(Throwable thrown) {
    String type = type(thrown);
    return NAMED_ON_HIDDEN_CASES.contains(type)
        ? type
        : "another exception (its class is named on the published fixtures)";
  }

  /** A student that holds resources (lab 0's JShell engine) gives them back after its exercises. */
  private static void close(Object student) {
    if (!(student instanceof AutoCloseable resources)) {
      return;
    }
    try {
      resources.close();
    } catch (Exception e) {
      // Grading is over for this student: a failure to clean up changes no outcome.
    }
  }

  private static String where(Case<?> c) {
    return where(c.fixture(), c.field());
  }

  /**
   * {@code fixture x (reply), field stratum: }, or for a case on no fixture just {@code question 1:
   * }.
   */
  static String where(String fixture, String field) {
    return fixture.isEmpty() ? field + ": " : "fixture " + fixture + ", field " + field + ": ";
  }

  /**
   * A stub's UnsupportedOperationException means "not started"; anything else is the student's bug.
   */
  private static Outcome failure(Throwable thrown, String doing, Object student) {
    if (thrown instanceof UnsupportedOperationException
        || thrown instanceof RemoteFailure r && r.is(UnsupportedOperationException.class)) {
      return new Outcome.NotStarted(String.valueOf(thrown.getMessage()));
    }
    if (thrown instanceof ScriptException
        || thrown instanceof RemoteFailure r && r.is(ScriptException.class)) {
      // Lab 0's script: its message names the line and says what went wrong there (a method that
      // does not compile is not something the student's code threw); a frame at "<script>" only
      // repeats that line.
      return new Outcome.Errored(
          (doing == null ? "" : doing + ": ")
              + thrown.getMessage()
              + topFrame(thrown, student)
                  .filter(f -> !f.getMethodName().equals("<script>"))
                  .map(f -> "\n    at " + frame(f))
                  .orElse(""));
    }
    String context = doing == null ? "" : doing + " threw ";
    return new Outcome.Errored(
        context + thrown + topFrame(thrown, student).map(f -> "\n    at " + frame(f)).orElse(""));
  }

  /** The line a call that ran over was last seen on, as a message's last line; "" if unknown. */
  /**
   * How a call ran over {@code limit}: computing (an endless loop), or waiting for something, on
   * the wall clock, with little processor time used.
   */
  private static String overran(Duration limit, TimeLimit.Overrun overrun) {
    return overrun == TimeLimit.Overrun.WAITING
        ? " did not return within "
            + Durations.text(limit.multipliedBy(TimeLimit.WAITING_FACTOR))
            + ", waiting rather than computing (a sleep, a lock, a read with no timeout?)"
        : " did not return within " + Durations.text(limit) + " (an endless loop?)";
  }

  private static String stuck(Source<?> source) {
    return source.stuckAt().map(f -> "\n    at " + f).orElse("");
  }

  /** The frame to look at: the first one in the student's package, else the first at all. */
  static Optional<StackTraceElement> topFrame(Throwable thrown, Object student) {
    StackTraceElement[] trace = thrown.getStackTrace();
    String prefix =
        student == null || Proxy.isProxyClass(student.getClass())
            ? LABS
            : student.getClass().getPackageName() + ".";
    for (StackTraceElement frame : trace) {
      if (frame.getClassName().startsWith(prefix)) {
        return Optional.of(frame);
      }
    }
    return trace.length == 0 ? Optional.empty() : Optional.of(trace[0]);
  }

  /** {@code pkg.Class.method(File.java:12)}, without a class loader's or module's name. */
  static String frame(StackTraceElement f) {
    String where =
        f.getFileName() == null
            ? "Unknown Source"
            : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
    return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
  }

  @Override
  public void close() {
    timeLimit.close();
  }
}
