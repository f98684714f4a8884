package org.ntplab.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntplab.mitigation.RootDistance.Unfit;

/** Root distance and the fitness tests (RFC 5905 A.5.5.2, A.5.5.3). */
class RootDistanceTest {

  private static Candidate candidate(int stratum, boolean unsync, double rootDelay, double disp) {
    return new Candidate(
        "a", stratum, unsync, rootDelay, disp, new PeerEstimate(0.01, 0.020, 0.003, 0.002, 100));
  }

  @Test
  void isHalfTheDelaysPlusTheDispersionsPlusAgePlusJitter() {
    // max(.005, .030 + .020) / 2 + .004 + .003 + 15e-6 × 100 + .002 = .025 + .0105 = .0355
    assertEquals(0.0355, RootDistance.of(candidate(2, false, 0.030, 0.004), 200), 1e-12);
  }

  @Test
  void countsAtLeastMindispOfDelay() {
    Candidate c = new Candidate("a", 1, false, 0, 0, new PeerEstimate(0, 0.001, 0, 0.0001, 100));
    // max(.005, .001) / 2 + .0001 = .0026
    assertEquals(0.0026, RootDistance.of(c, 100), 1e-12);
  }

  @Test
  void unfitForLeapAlarmStratumAndDistance() {
    assertEquals(
        Optional.of(Unfit.UNSYNCHRONIZED), RootDistance.unfit(candidate(2, true, 0, 0), 100, 6));
    assertEquals(
        Optional.of(Unfit.STRATUM), RootDistance.unfit(candidate(16, false, 0, 0), 100, 6));
    assertEquals(Optional.of(Unfit.STRATUM), RootDistance.unfit(candidate(0, false, 0, 0), 100, 6));
    // λ = .01 + 1.5 + .005 = 1.515 > 1 + 15e-6 × 64
    assertEquals(
        Optional.of(Unfit.TOO_FAR), RootDistance.unfit(candidate(2, false, 0, 1.5), 100, 6));
    assertEquals(Optional.empty(), RootDistance.unfit(candidate(2, false, 0.030, 0.004), 100, 6));
  }
}
