package org.ntplab.labs.clustercombine;

import java.util.List;
import org.ntplab.lab.ClusterCombineLab;
import org.ntplab.lab.Clustered;
import org.ntplab.lab.Truechimer;

/** Lab 13: cluster and combine. Read README.md beside this file, then replace each throw. */
public class ClusterCombine implements ClusterCombineLab {

  @Override
  public Clustered cluster(List<Truechimer> truechimers) {
    throw new UnsupportedOperationException("Lab 13: implement cluster(truechimers): rank by merit, then"
        + " discard the largest selection jitter a round until it is below the least peer jitter or 3 are left");
  }

  @Override
  public double combinedOffset(List<Truechimer> survivors) {
    throw new UnsupportedOperationException(
        "Lab 13: implement combinedOffset(survivors): the offsets averaged with weights 1/λ");
  }

  @Override
  public double systemJitter(List<Truechimer> survivors, double selectionJitter) {
    throw new UnsupportedOperationException("Lab 13: implement systemJitter(survivors, selectionJitter):"
        + " √(PSI_s² + PSI_p²), PSI_p the offsets' 1/λ-weighted RMS distance from the first survivor's");
  }
}
