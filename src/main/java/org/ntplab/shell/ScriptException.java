package org.ntplab.shell;

import java.util.List;
import java.util.Optional;

/**
 * What a JShell script's code threw, or why an expression could not be evaluated. The message
 * names the script's line; the stack trace is the script's own frames, e.g. {@code
 * answers.receiveSeconds(answers.jsh:42)}, so a grader shows the student where to look.
 */
public final class ScriptException extends RuntimeException {

  private final String exceptionClass;
  private final String thrownMessage;

  /**
   * @param exceptionClass the class of what the script threw, or null when it threw nothing
   * @param thrownMessage the message of what it threw, or null
   */
  ScriptException(String exceptionClass, String thrownMessage, String message, List<StackTraceElement> frames) {
    super(message, null, false, true);
    this.exceptionClass = exceptionClass;
    this.thrownMessage = thrownMessage;
    setStackTrace(frames.toArray(StackTraceElement[]::new));
  }

  /** The script's first problem, as an exception that points at its line. */
  public static ScriptException of(JshScript.Problem problem) {
    String file = problem.file();
    int dot = file.lastIndexOf('.');
    StackTraceElement at = new StackTraceElement(dot > 0 ? file.substring(0, dot) : file, "<script>", file, problem.line());
    return new ScriptException(null, null, problem.toString(), List.of(at));
  }

  /** E.g. {@code java.lang.UnsupportedOperationException}; empty for a timeout or a compile error. */
  public Optional<String> exceptionClass() {
    return Optional.ofNullable(exceptionClass);
  }

  /** The message of what the script threw, as it gave it (a stub's "Lab 0, question 1: ..."). */
  public Optional<String> thrownMessage() {
    return Optional.ofNullable(thrownMessage);
  }

  /** Just the message: the class name of this wrapper would only be noise. */
  @Override
  public String toString() {
    return getMessage();
  }
}
