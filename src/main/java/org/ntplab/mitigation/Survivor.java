package org.ntplab.mitigation;

/**
 * A truechimer as the cluster and combine algorithms take it (RFC 5905 §11.2.2): its offset θ and
 * jitter ψ in seconds, its stratum and root distance λ.
 */
public record Survivor(
    String name, double offset, double jitter, int stratum, double rootDistance) {

  public Survivor {
    if (!(rootDistance > 0) || Double.isInfinite(rootDistance)) {
      throw new IllegalArgumentException(name + ": the root distance must be above zero");
    }
  }

  /** The merit λ_p = stratum × MAXDIST + λ: lower is better, stratum first (§11.2.2). */
  public double merit() {
    return stratum * Constants.MAXDIST + rootDistance;
  }
}
