package org.ntplab.grading;

import java.util.List;

/** What a lab asks: its exercises over a corpus, made here, where no student code runs. */
public final class Grading {

  private Grading() {}

  /** The lab's exercises over the corpus, with the reference's answers in their cases. */
  public static List<? extends Exercise<?>> exercises(Lab lab, Corpus corpus) {
    return lab.exercises().of().apply(corpus);
  }
}
