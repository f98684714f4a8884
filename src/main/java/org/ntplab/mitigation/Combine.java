package org.ntplab.mitigation;

import java.util.List;

/**
 * The combine algorithm (RFC 5905 §11.2.3, Appendix A.5.5.5 {@code clock_combine}): the survivors'
 * offsets averaged with weights 1/λ, the inverse of each one's root distance, so that the nearer a
 * server's time is to certain the more it counts.
 *
 * <p>THETA = Σ θ_i/λ_i / Σ 1/λ_i. The peer jitter PSI_p = √(Σ (θ_i − θ_0)²/λ_i / Σ 1/λ_i), θ_0 the
 * system peer's offset, and the system jitter PSI = √(PSI_s² + PSI_p²) with PSI_s the cluster's
 * selection jitter. No deviation from A.5.5.5, which computes THETA and PSI_p alike and leaves PSI
 * to the prose.
 */
public final class Combine {

  private Combine() {}

  /** The system offset THETA and jitters PSI_p, PSI_s and PSI, in seconds. */
  public record Combined(double offset, double peerJitter, double selectionJitter, double jitter) {}

  /** Combines the cluster's ranked survivors (the first is the system peer). */
  public static Combined of(Cluster.Result cluster) {
    List<Survivor> survivors = cluster.survivors();
    double first = survivors.get(0).offset();
    double weights = 0;
    double offsets = 0;
    double squares = 0;
    for (Survivor s : survivors) {
      double w = 1 / s.rootDistance();
      weights += w;
      offsets += w * s.offset();
      squares += w * (s.offset() - first) * (s.offset() - first);
    }
    double peerJitter = Math.sqrt(squares / weights);
    double selectionJitter = cluster.selectionJitter();
    return new Combined(
        offsets / weights, peerJitter, selectionJitter, Math.hypot(selectionJitter, peerJitter));
  }
}
