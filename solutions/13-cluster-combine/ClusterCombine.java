package org.ntplab.labs.clustercombine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ntplab.lab.ClusterCombineLab;
import org.ntplab.lab.Clustered;
import org.ntplab.lab.Truechimer;

/** Lab 13, solved: discard the worst outlier a round while it helps, then average by 1/λ. */
public class ClusterCombine implements ClusterCombineLab {

  private static final int NMIN = 3;
  private static final double MAXDIST = 1;

  @Override
  public Clustered cluster(List<Truechimer> truechimers) {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < truechimers.size(); i++) {
      list.add(i);
    }
    list.sort(Comparator.comparingDouble(i -> merit(truechimers.get(i))));
    List<Integer> discarded = new ArrayList<>();
    while (true) {
      int worst = 0;
      double max = -1;
      double min = Double.POSITIVE_INFINITY;
      for (int k = 0; k < list.size(); k++) {
        double psi = selectionJitter(truechimers, list, list.get(k));
        // >=: of equal jitters the last, the lowest ranked, goes.
        if (psi >= max) {
          max = psi;
          worst = k;
        }
        min = Math.min(min, truechimers.get(list.get(k)).jitter());
      }
      if (max < min || list.size() <= NMIN) {
        return new Clustered(list, discarded, max);
      }
      discarded.add(list.remove(worst));
    }
  }

  @Override
  public double combinedOffset(List<Truechimer> survivors) {
    double weights = 0;
    double sum = 0;
    for (Truechimer t : survivors) {
      weights += 1 / t.rootDistance();
      sum += t.offset() / t.rootDistance();
    }
    return sum / weights;
  }

  @Override
  public double systemJitter(List<Truechimer> survivors, double selectionJitter) {
    double peer = survivors.get(0).offset();
    double weights = 0;
    double sum = 0;
    for (Truechimer t : survivors) {
      double d = t.offset() - peer;
      weights += 1 / t.rootDistance();
      sum += d * d / t.rootDistance();
    }
    double peerJitter = Math.sqrt(sum / weights);
    return Math.sqrt(selectionJitter * selectionJitter + peerJitter * peerJitter);
  }

  private static double merit(Truechimer t) {
    return t.stratum() * MAXDIST + t.rootDistance();
  }

  /** √(Σ_j (θ_s − θ_j)² / (n − 1)): the j = s term adds nothing, but n counts it. */
  private static double selectionJitter(List<Truechimer> all, List<Integer> list, int s) {
    if (list.size() < 2) {
      return 0;
    }
    double sum = 0;
    for (int j : list) {
      double d = all.get(s).offset() - all.get(j).offset();
      sum += d * d;
    }
    return Math.sqrt(sum / (list.size() - 1));
  }
}
