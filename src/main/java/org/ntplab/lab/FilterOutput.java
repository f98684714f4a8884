package org.ntplab.lab;

/** What lab 11's filter says after a sample: the peer's new variables, or no update and why. */
public sealed interface FilterOutput {

  /**
   * The peer's variables are now these (seconds): the picked sample's offset, delay and arrival
   * time, the filter's dispersion and jitter.
   */
  record Update(double offset, double delay, double dispersion, double jitter, double time)
      implements FilterOutput {}

  /** The peer's variables stay as they were. */
  record NoUpdate(Reason reason) implements FilterOutput {}

  /** Why a filter made no update. */
  enum Reason {
    /** Every stage is empty: dummies, or aged to MAXDISP. */
    NO_SAMPLE,
    /** The least-delay sample is not newer than the last one output. */
    NOT_NEWER,
    /** The least-delay sample's offset jumped more than SGATE × jitter: a popcorn spike. */
    POPCORN_SPIKE
  }
}
