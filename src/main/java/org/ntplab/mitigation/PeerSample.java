package org.ntplab.mitigation;

/**
 * One on-wire result as the clock filter takes it (RFC 5905 §10): offset θ, delay δ and dispersion
 * ε in seconds, and its time of arrival t on the client's seconds counter. The dispersion is ε(t0)
 * = server precision + client precision + PHI × (T4 − T1) (§9.1).
 */
public record PeerSample(double offset, double delay, double dispersion, double time) {

  public PeerSample {
    if (!Double.isFinite(offset) || !Double.isFinite(delay) || !Double.isFinite(time)) {
      throw new IllegalArgumentException("offset, delay and time must be finite numbers");
    }
    if (!(dispersion >= 0)) {
      throw new IllegalArgumentException("dispersion must be zero or more, not " + dispersion);
    }
  }

  /** The tuple a stage holds before any sample arrives (§10): (0, MAXDISP, MAXDISP, 0). */
  static PeerSample dummy(double time) {
    return new PeerSample(0, Constants.MAXDISP, Constants.MAXDISP, time);
  }

  /** The dispersion grown by PHI for each second since arrival, never beyond MAXDISP. */
  double dispersionAt(double now) {
    return Math.min(Constants.MAXDISP, dispersion + Constants.PHI * Math.max(0, now - time));
  }
}
