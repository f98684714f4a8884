package org.ntplab.grading.student;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a JShell script's code threw, or why an expression could not be evaluated. The message names
 * the script's line; the stack trace is the script's own frames, e.g. {@code
 * answers.receiveSeconds(answers.jsh:42)}, so a grader shows the student where to look.
 */
public final class ScriptException extends RuntimeException {

  /**
   * What the script's engine throws, with the status after it, when the script calls System.exit.
   */
  static final String EXIT = "$ntplab$exit ";

  private final String exceptionClass;
  private final String thrownMessage;
  private final Integer exitStatus;

  /**
   * @param exceptionClass the class of what the script threw, or null when it threw nothing
   * @param thrownMessage the message of what it threw, or null
   */
  ScriptException(
      String exceptionClass, String thrownMessage, String message, List<StackTraceElement> frames) {
    this(exceptionClass, thrownMessage, null, message, frames);
  }

  private ScriptException(
      String exceptionClass,
      String thrownMessage,
      Integer exitStatus,
      String message,
      List<StackTraceElement> frames) {
    super(message, null, false, true);
    this.exceptionClass = exceptionClass;
    this.thrownMessage = thrownMessage;
    this.exitStatus = exitStatus;
    setStackTrace(frames.toArray(StackTraceElement[]::new));
  }

  /** The script's code called System.exit({@code status}); the frames say where. */
  static ScriptException exited(int status, String message, List<StackTraceElement> frames) {
    return new ScriptException(null, null, status, message, frames);
  }

  /** The script's first problem, as an exception that points at its line. */
  public static ScriptException of(JshScript.Problem problem) {
    String file = problem.file();
    int dot = file.lastIndexOf('.');
    StackTraceElement at =
        new StackTraceElement(
            dot > 0 ? file.substring(0, dot) : file, "<script>", file, problem.line());
    return new ScriptException(null, null, problem.toString(), List.of(at));
  }

  /**
   * E.g. {@code java.lang.UnsupportedOperationException}; empty for a timeout or a compile error.
   */
  public Optional<String> exceptionClass() {
    return Optional.ofNullable(exceptionClass);
  }

  /** The message of what the script threw, as it gave it (a stub's "Lab 0, question 1: ..."). */
  public Optional<String> thrownMessage() {
    return Optional.ofNullable(thrownMessage);
  }

  /**
   * The status the script's code called System.exit with, instead of returning; empty when it did
   * not.
   */
  public OptionalInt exitStatus() {
    return exitStatus == null ? OptionalInt.empty() : OptionalInt.of(exitStatus);
  }

  /** Just the message: the class name of this wrapper would only be noise. */
  @Override
  public String toString() {
    return getMessage();
  }
}
