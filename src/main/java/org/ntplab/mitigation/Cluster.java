package org.ntplab.mitigation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cluster algorithm (RFC 5905 §11.2.2, the second half of Appendix A.5.5.1 {@code
 * clock_select}): discards the statistical outliers among the truechimers, one per round, and ranks
 * the rest.
 *
 * <p>The survivors are sorted by merit (stratum × MAXDIST + λ). Each round computes every
 * survivor's selection jitter ψ_s = √(Σ_j (θ_s − θ_j)² / (n − 1)); it stops when the largest ψ_s is
 * below the smallest peer jitter ψ_p (discarding more cannot help) or when n ≤ NMIN, and otherwise
 * discards the survivor with the largest ψ_s. The first survivor left is the system peer; the last
 * round's largest ψ_s is the selection jitter PSI_s.
 *
 * <p>Deviations from A.5.5.1: ψ_s is divided by n − 1 as step 3 says (the skeleton does not
 * divide); the survivor discarded is the one with the largest ψ_s (the skeleton remembers the last
 * one compared with, and drops the list's last entry whatever it is); the list is sorted by merit
 * (the skeleton computes the merit and never sorts); of equal ψ_s the lower-ranked goes. The
 * skeleton's anti-clockhop rule (keep the old system peer if it is at the first survivor's stratum)
 * needs a previous round and is the caller's.
 */
public final class Cluster {

  private Cluster() {}

  /** A survivor discarded as an outlier, with its selection jitter in the round that did it. */
  public record Outlier(Survivor survivor, double selectionJitter) {}

  /**
   * The outcome: the survivors ranked (the first is the system peer), the outliers in the order
   * discarded, and the selection jitter PSI_s.
   */
  public record Result(List<Survivor> survivors, List<Outlier> outliers, double selectionJitter) {
    public Result {
      survivors = List.copyOf(survivors);
      outliers = List.copyOf(outliers);
    }

    /** The system peer: the first survivor. */
    public Survivor systemPeer() {
      return survivors.get(0);
    }
  }

  /** Clusters {@code truechimers}, of which there must be at least one. */
  public static Result of(List<Survivor> truechimers) {
    if (truechimers.isEmpty()) {
      throw new IllegalArgumentException("the cluster algorithm needs at least one truechimer");
    }
    List<Survivor> list = new ArrayList<>(truechimers);
    list.sort(Comparator.comparingDouble(Survivor::merit));
    List<Outlier> outliers = new ArrayList<>();
    while (true) {
      int worst = 0;
      double max = -1;
      double min = Double.POSITIVE_INFINITY;
      for (int i = 0; i < list.size(); i++) {
        double psi = selectionJitter(list.get(i), list);
        if (psi >= max) {
          max = psi;
          worst = i;
        }
        min = Math.min(min, list.get(i).jitter());
      }
      if (max < min || list.size() <= Constants.NMIN) {
        return new Result(list, outliers, max);
      }
      outliers.add(new Outlier(list.remove(worst), max));
    }
  }

  /** ψ_s of {@code s} among {@code all}: the RMS of its offset's differences from the others'. */
  static double selectionJitter(Survivor s, List<Survivor> all) {
    if (all.size() < 2) {
      return 0;
    }
    double sum = 0;
    for (Survivor other : all) {
      double d = s.offset() - other.offset();
      sum += d * d;
    }
    return Math.sqrt(sum / (all.size() - 1));
  }
}
