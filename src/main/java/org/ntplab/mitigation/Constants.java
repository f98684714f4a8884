package org.ntplab.mitigation;

/**
 * RFC 5905's parameters for the mitigation algorithms, in seconds unless named otherwise. Where the
 * prose (Figures 4, 23 and 27) and Appendix A's skeleton disagree, the prose's value is used and
 * the skeleton's is named beside it: the prose is the normative part of the RFC.
 */
public final class Constants {

  private Constants() {}

  /** Frequency tolerance PHI, 15 ppm: how fast a dispersion grows with age (§7.2, Figure 4). */
  public static final double PHI = 15e-6;

  /** The dispersion of a stage that holds no sample, and the most any dispersion can be (§7.2). */
  public static final double MAXDISP = 16;

  /**
   * The least root delay counted by the root distance (§7.2 gives .005; the skeleton's {@code
   * MINDISP} is .01).
   */
  public static final double MINDISP = 0.005;

  /** The distance threshold: a candidate farther than this is not fit to synchronize to (§7.2). */
  public static final double MAXDIST = 1;

  /** Stages in the clock filter's shift register (§10). */
  public static final int NSTAGE = 8;

  /** The cluster algorithm stops discarding at this many survivors (§11.1, Figure 23). */
  public static final int NMIN = 3;

  /**
   * Fewer truechimers than this and the clock is not disciplined (§11.1, Figure 23; the skeleton
   * calls it {@code NSANE}).
   */
  public static final int CMIN = 1;

  /**
   * The popcorn spike gate: a change of offset beyond SGATE times the jitter is a spike (A.5.2).
   */
  public static final double SGATE = 3;

  /** Least poll exponent, 16 s (§7.2, Figure 4; the skeleton's {@code MINPOLL} is 6, 64 s). */
  public static final int MINPOLL = 4;

  /** Greatest poll exponent, 36.4 h (§7.2). */
  public static final int MAXPOLL = 17;

  /**
   * Offsets beyond this are stepped, not slewed (§11.3, Figure 27 gives .125; the skeleton's {@code
   * STEPT} is .128, as ntpd's is).
   */
  public static final double STEPT = 0.125;

  /** Stepout: how long an offset beyond STEPT must last before it is believed (§11.3). */
  public static final double WATCH = 900;

  /** Offsets beyond this are not corrected at all: the operator must set the clock (§11.3). */
  public static final double PANICT = 1000;

  /**
   * PLL loop gain (A.5.5.6). ntpd's {@code CLOCK_PLL} is 16: with the skeleton's 65536 the PLL's
   * frequency term is 2^24 times smaller, and the FLL does nearly all the work above ALLAN / 2.
   */
  public static final double PLL = 65536;

  /** FLL loop gain (A.5.5.6). */
  public static final double FLL = MAXPOLL + 1;

  /**
   * Averaging constant of the exponential averages and the FLL gain's floor (§11.3, Figure 27 gives
   * 8; the skeleton's {@code AVG} is 4).
   */
  public static final double AVG = 8;

  /** Allan intercept: the FLL takes part only at poll intervals above half of it (A.5.5.6). */
  public static final double ALLAN = 1500;

  /** The poll-adjust hysteresis limit (§11.3). */
  public static final int LIMIT = 30;

  /** The poll-adjust gate: offsets below PGATE times the jitter lengthen the poll (§11.3). */
  public static final double PGATE = 4;

  /** The largest frequency correction, 500 ppm (A.5.5.6). */
  public static final double MAXFREQ = 500e-6;

  /** Stratum 16: unsynchronized (§7.3). */
  public static final int MAXSTRAT = 16;

  /** Seconds in a poll interval of 2^{@code exponent}. */
  public static double pollSeconds(int exponent) {
    return Math.scalb(1.0, exponent);
  }
}
