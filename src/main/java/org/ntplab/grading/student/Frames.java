package org.ntplab.grading.student;

import java.util.Optional;

/**
 * Where in a lab's code a thread is, read off its stack: who called System.exit, where a call is
 * stuck.
 */
final class Frames {

  private static final String LABS = "org.ntplab.labs.";

  private Frames() {}

  /**
   * Empty unless {@code trace} is the thread in {@code Runtime.exit}; else its caller: the first
   * frame of a lab's class, or failing that the first frame past {@code System.exit}, as {@code
   * pkg.Class.method(File.java:12)}.
   */
  static Optional<String> exitCaller(StackTraceElement[] trace) {
    int exit = 0;
    while (exit < trace.length && !isExit(trace[exit])) {
      exit++;
    }
    if (exit == trace.length) {
      return Optional.empty();
    }
    for (int i = exit + 1; i < trace.length; i++) {
      if (trace[i].getClassName().startsWith(LABS)) {
        return Optional.of(frame(trace[i]));
      }
    }
    int caller = exit + 1;
    while (caller < trace.length && trace[caller].getClassName().equals("java.lang.System")) {
      caller++;
    }
    return Optional.of(caller < trace.length ? frame(trace[caller]) : "");
  }

  /**
   * The first frame of a lab's class, as {@code pkg.Class.method(File.java:12)}: the line a call is
   * on.
   */
  static Optional<String> inLab(StackTraceElement[] trace) {
    for (StackTraceElement f : trace) {
      if (f.getClassName().startsWith(LABS)) {
        return Optional.of(frame(f));
      }
    }
    return Optional.empty();
  }

  private static boolean isExit(StackTraceElement f) {
    return f.getClassName().equals("java.lang.Runtime") && f.getMethodName().equals("exit");
  }

  /** {@code pkg.Class.method(File.java:12)}, without a class loader's or module's name. */
  static String frame(StackTraceElement f) {
    String where =
        f.getFileName() == null
            ? "Unknown Source"
            : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
    return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
  }
}
