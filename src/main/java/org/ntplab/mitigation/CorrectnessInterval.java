package org.ntplab.mitigation;

/**
 * A candidate's correctness interval [θ − λ, θ + λ] (RFC 5905 §11.2.1): the offset θ its filter
 * gave and its root distance λ, in seconds. If the server is correct, the true offset is inside.
 */
public record CorrectnessInterval(String name, double offset, double rootDistance) {

  public CorrectnessInterval {
    if (!Double.isFinite(offset)) {
      throw new IllegalArgumentException(name + ": the offset must be a finite number");
    }
    if (!(rootDistance >= 0) || Double.isInfinite(rootDistance)) {
      throw new IllegalArgumentException(name + ": the root distance must be zero or more");
    }
  }

  /** The lowpoint θ − λ. */
  public double low() {
    return offset - rootDistance;
  }

  /** The highpoint θ + λ. */
  public double high() {
    return offset + rootDistance;
  }
}
