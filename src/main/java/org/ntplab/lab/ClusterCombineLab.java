package org.ntplab.lab;

import java.util.List;

/**
 * Lab 13: the cluster and combine algorithms (RFC 5905 §11.2.2 and §11.2.3): from the selection's
 * truechimers, the survivors and the system peer, then one offset and one jitter for the clock.
 * Implemented by {@code org.ntplab.labs.clustercombine.ClusterCombine}.
 */
public interface ClusterCombineLab {

  /**
   * The cluster algorithm on {@code truechimers} (at least one): rank by merit, then discard the
   * survivor of largest selection jitter, one a round, until that jitter is below the smallest peer
   * jitter or NMIN = 3 survivors are left.
   */
  Clustered cluster(List<Truechimer> truechimers);

  /** THETA: the survivors' offsets averaged with weights 1/λ, in seconds. */
  double combinedOffset(List<Truechimer> survivors);

  /**
   * PSI = √(PSI_s² + PSI_p²): PSI_p the survivors' offsets' RMS distance from the first one's (the
   * system peer's), weighted by 1/λ; PSI_s the cluster's {@code selectionJitter}.
   */
  double systemJitter(List<Truechimer> survivors, double selectionJitter);
}
