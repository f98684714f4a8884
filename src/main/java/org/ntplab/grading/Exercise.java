package org.ntplab.grading;

import java.util.List;

/**
 * One graded exercise: all or nothing, over every case the fixtures give it.
 *
 * @param title e.g. {@code stratum}; the full name is {@code lab2 decode: stratum}
 */
public record Exercise<S>(Lab lab, String title, int points, List<Case<S>> cases) {

  public Exercise {
    cases = List.copyOf(cases);
  }

  /** Starts with the lab id, as Gradescope's test names should. */
  public String name() {
    return lab.id() + " " + lab.title() + ": " + title;
  }
}
