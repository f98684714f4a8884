package org.ntplab.mitigation;

/**
 * A server as the system process sees it (RFC 5905 §11.2): its name, what its packets said
 * (stratum, leap indicator 3 or not, root delay and root dispersion in seconds) and its clock
 * filter's output.
 */
public record Candidate(
    String name,
    int stratum,
    boolean unsynchronized,
    double rootDelay,
    double rootDispersion,
    PeerEstimate estimate) {

  public Candidate {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a candidate needs a name");
    }
  }

  public double offset() {
    return estimate.offset();
  }

  public double jitter() {
    return estimate.jitter();
  }
}
