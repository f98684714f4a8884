package org.ntplab.grading;

import java.util.Optional;
import org.ntplab.text.Printable;

/**
 * What became of one exercise. Its message quotes the student's code (what it threw, answered, was
 * stuck in), which may hold terminal controls: every message is {@link Printable#text} here, so no
 * table, log or report that shows it can be redrawn by it.
 */
public sealed interface Outcome {

  boolean passed();

  /** Every case agreed with the reference. */
  record Passed(int cases) implements Outcome {
    @Override
    public boolean passed() {
      return true;
    }
  }

  /**
   * Some cases disagreed; the first is described in full.
   *
   * @param firstFailure the first failing case in one message, as text reports print it
   * @param first the same case as data, for the HTML report; empty when read back from JSON
   */
  record Failed(int failedCases, int cases, String firstFailure, Optional<Failure> first)
      implements Outcome {

    public Failed {
      firstFailure = Printable.text(firstFailure);
    }

    public Failed(int failedCases, int cases, String firstFailure) {
      this(failedCases, cases, firstFailure, Optional.empty());
    }

    /** The message is the failure's own text, so the two never disagree. */
    public Failed(int failedCases, int cases, Failure first) {
      this(failedCases, cases, first.text(), Optional.of(first));
    }

    @Override
    public boolean passed() {
      return false;
    }
  }

  /** The stub still throws UnsupportedOperationException. */
  record NotStarted(String message) implements Outcome {

    public NotStarted {
      message = Printable.text(message);
    }

    @Override
    public boolean passed() {
      return false;
    }
  }

  /** The student's code threw, or could not be loaded; the message points into their code. */
  record Errored(String message) implements Outcome {

    public Errored {
      message = Printable.text(message);
    }

    @Override
    public boolean passed() {
      return false;
    }
  }

  /** A call did not return within the time limit (an endless loop, most likely). */
  record TimedOut(String message) implements Outcome {

    public TimedOut {
      message = Printable.text(message);
    }

    @Override
    public boolean passed() {
      return false;
    }
  }
}
