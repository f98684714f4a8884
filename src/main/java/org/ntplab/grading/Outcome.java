package org.ntplab.grading;

/** What became of one exercise. */
public sealed interface Outcome {

  boolean passed();

  /** Every case agreed with the reference. */
  record Passed(int cases) implements Outcome {
    @Override
    public boolean passed() {
      return true;
    }
  }

  /** Some cases disagreed; the first is described in full. */
  record Failed(int failedCases, int cases, String firstFailure) implements Outcome {
    @Override
    public boolean passed() {
      return false;
    }
  }

  /** The stub still throws UnsupportedOperationException. */
  record NotStarted(String message) implements Outcome {
    @Override
    public boolean passed() {
      return false;
    }
  }

  /** The student's code threw, or could not be loaded; the message points into their code. */
  record Errored(String message) implements Outcome {
    @Override
    public boolean passed() {
      return false;
    }
  }

  /** A call did not return within the time limit (an endless loop, most likely). */
  record TimedOut(String message) implements Outcome {
    @Override
    public boolean passed() {
      return false;
    }
  }
}
