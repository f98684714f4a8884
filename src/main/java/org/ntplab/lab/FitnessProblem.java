package org.ntplab.lab;

/** Lab 5's second check: a reason the time in an accepted reply is not fit to use (RFC 5905 §8). */
public enum FitnessProblem {

  /**
   * Stratum 0 with an ASCII kiss code (see {@link ChecksLab#kissCode}): the server sent no time.
   */
  KISS_OF_DEATH,

  /** Stratum 0 without a kiss code: the server did not say why it has no stratum. */
  UNSPECIFIED_STRATUM,

  /** Leap indicator 3: the server's clock is unsynchronized. */
  LEAP_ALARM,

  /** Stratum 16 or more: unsynchronized (16) or reserved (17..255). */
  STRATUM_UNSYNCHRONIZED,

  /** The reference timestamp is zero: the server has never set its clock. */
  NEVER_SYNCHRONIZED,

  /** The reference timestamp is after the transmit timestamp (era-safe difference below zero). */
  REFERENCE_TIME_AFTER_TRANSMIT,

  /** The receive timestamp (T2) is zero. */
  ZERO_RECEIVE_TIME,

  /** δ = (T4 − T1) − (T3 − T2) is below zero: a clock stepped, or a timestamp is wrong. */
  NEGATIVE_DELAY,

  /**
   * The root distance λ = (δ + root delay) / 2 + root dispersion is over 1.5 s (RFC 5905's
   * MAXDIST), δ clamped at zero.
   */
  ROOT_DISTANCE_TOO_LARGE
}
