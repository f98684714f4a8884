package org.ntplab.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.ntplab.inspect.Meanings;

/**
 * Puts each exercise's cases to the student's code and compares with the reference. Every call
 * runs under a time limit. Within an exercise, grading stops at the first exception or timeout
 * (the rest would likely fail the same way) but goes on past wrong answers, to count them.
 */
public final class Grader implements AutoCloseable {

  /** Generous: a correct answer takes microseconds; a slow first call loads classes. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);

  private final TimeLimit timeLimit;

  public Grader(Duration timeLimit) {
    this.timeLimit = new TimeLimit(timeLimit);
  }

  /** Told as each exercise starts and ends: how a grading child reports where it is. */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void started(Exercise<?> exercise) {}

    default void finished(ExerciseResult result) {}
  }

  /** Grades {@code exercises} against one instance made by {@code factory} (student code too). */
  public <S> List<ExerciseResult> grade(List<Exercise<S>> exercises, Callable<S> factory) {
    return grade(exercises, factory, Listener.NONE);
  }

  public <S> List<ExerciseResult> grade(List<Exercise<S>> exercises, Callable<S> factory, Listener listener) {
    List<ExerciseResult> results = new ArrayList<>();
    Outcome broken = null;
    S student = null;
    try {
      student = timeLimit.call(factory);
    } catch (ExecutionException e) {
      broken = failure(e.getCause(), "creating the lab's class", null);
    } catch (TimeoutException e) {
      broken = new Outcome.TimedOut("creating the lab's class did not finish within " + seconds());
    }
    for (Exercise<S> exercise : exercises) {
      listener.started(exercise);
      Outcome outcome = broken != null ? broken : grade(exercise, student);
      ExerciseResult result = new ExerciseResult(exercise.lab(), exercise.name(), exercise.points(), outcome);
      listener.finished(result);
      results.add(result);
    }
    if (student instanceof AutoCloseable resources) {
      close(resources);
    }
    return results;
  }

  private <S> Outcome grade(Exercise<S> exercise, S student) {
    List<Case<S>> cases = exercise.cases();
    TimeLimit.Calls calls = timeLimit.callEach(cases.stream().map(c -> (Callable<?>) () -> c.answer().apply(student))
        .toList());
    int failed = 0;
    String first = null;
    for (int i = 0; i < calls.answers().size(); i++) {
      Case<S> c = cases.get(i);
      Optional<String> mismatch = c.comparison().mismatch(c.expected(), calls.answers().get(i));
      if (mismatch.isPresent()) {
        failed++;
        if (first == null) {
          first = where(c) + c.call() + ": " + mismatch.get();
        }
      }
    }
    if (calls.answers().size() < cases.size()) {
      Case<S> c = cases.get(calls.answers().size());
      if (calls.timedOut() != null) {
        return new Outcome.TimedOut(where(c) + c.call() + " did not return within " + seconds()
            + " (an endless loop?)");
      }
      if (calls.failed().getCause() instanceof ProgramEnded ended) {
        return new Outcome.Errored(where(c) + ended.getMessage());
      }
      return failure(calls.failed().getCause(), where(c) + c.call(), student);
    }
    return failed == 0 ? new Outcome.Passed(cases.size()) : new Outcome.Failed(failed, cases.size(), first);
  }

  /** A student that holds resources (lab 0's JShell engine) gives them back after its exercises. */
  private static void close(AutoCloseable resources) {
    try {
      resources.close();
    } catch (Exception e) {
      // Grading is over for this student: a failure to clean up changes no outcome.
    }
  }

  /** {@code fixture x (reply), field stratum: }, or for a case on no fixture just {@code question 1: }. */
  private static String where(Case<?> c) {
    return c.fixture().isEmpty() ? c.field() + ": " : "fixture " + c.fixture() + ", field " + c.field() + ": ";
  }

  /** A stub's UnsupportedOperationException means "not started"; anything else is the student's bug. */
  private static Outcome failure(Throwable thrown, String doing, Object student) {
    if (thrown instanceof UnsupportedOperationException) {
      return new Outcome.NotStarted(String.valueOf(thrown.getMessage()));
    }
    String context = doing == null ? "" : doing + " threw ";
    // A lab that uses what it may not fails to link: the loader's reason says more than the class name.
    String what = thrown instanceof NoClassDefFoundError && thrown.getCause() instanceof ClassNotFoundException cause
        ? thrown + " (" + cause.getMessage() + ")" : String.valueOf(thrown);
    return new Outcome.Errored(context + what + topFrame(thrown, student).map(f -> "\n    at " + frame(f)).orElse(""));
  }

  /** The frame to look at: the first one in the student's package, else the first at all. */
  static Optional<StackTraceElement> topFrame(Throwable thrown, Object student) {
    StackTraceElement[] trace = thrown.getStackTrace();
    String prefix = student == null ? LabClassLoader.LABS : student.getClass().getPackageName() + ".";
    for (StackTraceElement frame : trace) {
      if (frame.getClassName().startsWith(prefix)) {
        return Optional.of(frame);
      }
    }
    return trace.length == 0 ? Optional.empty() : Optional.of(trace[0]);
  }

  /** {@code pkg.Class.method(File.java:12)}, without the class loader's name a child JVM would add. */
  static String frame(StackTraceElement f) {
    String where = f.getFileName() == null ? "Unknown Source"
        : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
    return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
  }

  private String seconds() {
    return Meanings.duration(Meanings.seconds(timeLimit.limit()));
  }

  @Override
  public void close() {
    timeLimit.close();
  }
}
