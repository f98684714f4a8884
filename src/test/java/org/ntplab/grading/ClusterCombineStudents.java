package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ntplab.lab.ClusterCombineLab;
import org.ntplab.lab.Clustered;
import org.ntplab.lab.Truechimer;

/**
 * Lab 13's hand-written students: a correct one written as a student would, each rule a method a
 * mistake overrides.
 */
final class ClusterCombineStudents {

  private ClusterCombineStudents() {}

  static class ClusterCombine implements ClusterCombineLab {

    static final int NMIN = 3;

    @Override
    public Clustered cluster(List<Truechimer> truechimers) {
      List<Integer> list = new ArrayList<>();
      for (int i = 0; i < truechimers.size(); i++) {
        list.add(i);
      }
      list.sort(Comparator.comparingDouble(i -> rank(truechimers.get(i))));
      List<Integer> discarded = new ArrayList<>();
      while (true) {
        double[] psi = new double[list.size()];
        double min = Double.POSITIVE_INFINITY;
        for (int k = 0; k < list.size(); k++) {
          psi[k] = selectionJitter(truechimers, list, list.get(k));
          min = Math.min(min, truechimers.get(list.get(k)).jitter());
        }
        int worst = worst(psi);
        double max = 0;
        for (double p : psi) {
          max = Math.max(max, p);
        }
        if (stopByJitter(max, min) || stopBySize(list.size())) {
          return new Clustered(list, discarded, max);
        }
        discarded.add(list.remove(worst));
      }
    }

    /** Merit: stratum × MAXDIST + λ. */
    protected double rank(Truechimer t) {
      return t.stratum() + t.rootDistance();
    }

    /** The position of the survivor to discard: the largest ψ_s, the last of equal ones. */
    protected int worst(double[] psi) {
      int worst = 0;
      for (int k = 0; k < psi.length; k++) {
        if (psi[k] >= psi[worst]) {
          worst = k;
        }
      }
      return worst;
    }

    protected boolean stopByJitter(double maxSelectionJitter, double minPeerJitter) {
      return maxSelectionJitter < minPeerJitter;
    }

    protected boolean stopBySize(int n) {
      return n <= NMIN;
    }

    protected double selectionJitter(List<Truechimer> all, List<Integer> list, int s) {
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

    @Override
    public double combinedOffset(List<Truechimer> survivors) {
      double weights = 0;
      double sum = 0;
      for (Truechimer t : survivors) {
        weights += weight(t);
        sum += weight(t) * t.offset();
      }
      return sum / weights;
    }

    protected double weight(Truechimer t) {
      return 1 / t.rootDistance();
    }

    @Override
    public double systemJitter(List<Truechimer> survivors, double selectionJitter) {
      double from = center(survivors);
      double weights = 0;
      double sum = 0;
      for (Truechimer t : survivors) {
        weights += 1 / t.rootDistance();
        sum += (t.offset() - from) * (t.offset() - from) / t.rootDistance();
      }
      return Math.hypot(selectionJitter, Math.sqrt(sum / weights));
    }

    /** What PSI_p is measured from: the system peer's offset. */
    protected double center(List<Truechimer> survivors) {
      return survivors.get(0).offset();
    }
  }
}
