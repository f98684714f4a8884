package org.ntplab.mitigation;

import java.util.Optional;

/**
 * Root synchronization distance λ (RFC 5905 Appendix A.5.5.2 {@code root_dist}) and the fitness
 * tests of A.5.5.3 {@code accept} that need no more than a candidate and the time.
 *
 * <p>λ = max(MINDISP, root delay + δ) / 2 + root dispersion + ε + PHI × (now − t) + ψ: the most the
 * candidate's offset can be wrong by, the half-width of its correctness interval [θ − λ, θ + λ].
 *
 * <p>Deviations from A.5.5.3: the loop tests (reference ID is us or our system peer) and the
 * reachability test are left to the caller, which alone knows addresses and polls; only candidates
 * that answered are offered.
 */
public final class RootDistance {

  private RootDistance() {}

  /** λ of {@code c} at {@code now}. */
  public static double of(Candidate c, double now) {
    PeerEstimate e = c.estimate();
    return Math.max(Constants.MINDISP, c.rootDelay() + e.delay()) / 2
        + c.rootDispersion()
        + e.dispersion()
        + Constants.PHI * Math.max(0, now - e.time())
        + e.jitter();
  }

  /** Why a candidate may not take part in the selection at all. */
  public enum Unfit {
    /** Leap indicator 3: the server says its own clock is not synchronized. */
    UNSYNCHRONIZED("leap indicator 3: the server is not synchronized"),
    /** Stratum 16 or more (0, unspecified, is read as 16). */
    STRATUM("stratum 16: the server is not synchronized"),
    /** λ beyond MAXDIST + PHI × the poll interval. */
    TOO_FAR("root distance beyond the threshold");

    private final String meaning;

    Unfit(String meaning) {
      this.meaning = meaning;
    }

    /** One line for a person. */
    public String meaning() {
      return meaning;
    }
  }

  /**
   * What {@code accept} rejects {@code c} for, at {@code now} and system poll exponent {@code
   * poll}.
   */
  public static Optional<Unfit> unfit(Candidate c, double now, int poll) {
    if (c.unsynchronized()) {
      return Optional.of(Unfit.UNSYNCHRONIZED);
    }
    if (c.stratum() == 0 || c.stratum() >= Constants.MAXSTRAT) {
      return Optional.of(Unfit.STRATUM);
    }
    if (of(c, now) > Constants.MAXDIST + Constants.PHI * Constants.pollSeconds(poll)) {
      return Optional.of(Unfit.TOO_FAR);
    }
    return Optional.empty();
  }
}
