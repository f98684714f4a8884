package org.ntplab.grading;

/**
 * The processor time a student's code has used so far, as the kernel counts it: what a call's time
 * limit counts where it can be read, so that other work on the machine (another hand-in graded
 * beside it, a busy laptop) does not make a correct answer run over.
 */
@FunctionalInterface
public interface ProcessorTime {

  /** Nanoseconds of processor time used so far; only differences mean anything. */
  long nanos();
}
