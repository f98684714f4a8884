package org.ntplab.mitigation;

/**
 * The clock filter's output, a peer's variables (RFC 5905 §10, Figure 19): offset θ, delay δ,
 * dispersion ε and jitter ψ in seconds, and t, the arrival time of the sample they came from.
 */
public record PeerEstimate(
    double offset, double delay, double dispersion, double jitter, double time) {

  /** Peer synchronization distance λ = δ / 2 + ε, ε grown by PHI since t (§10). */
  public double distanceAt(double now) {
    return delay / 2 + dispersion + Constants.PHI * Math.max(0, now - time);
  }
}
