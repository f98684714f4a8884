package org.ntplab.grading.student;

/**
 * What a student's code did instead of returning or throwing: it ended the program. The grader
 * shows the message as it is, not as something thrown.
 */
public final class ProgramEnded extends RuntimeException {

  /** What every such message ends with. */
  public static final String NEVER_END = "a lab must return its answer, never end the program";

  public ProgramEnded(String message) {
    super(message, null, false, false);
  }
}
