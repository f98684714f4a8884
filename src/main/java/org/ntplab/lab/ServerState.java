package org.ntplab.lab;

/**
 * What a server says about its own clock in every reply, as on the wire: codes as integers, 16.16
 * values and the reference ID as raw unsigned 32 bits (0..2^32-1), the reference timestamp as raw
 * 64 bits.
 *
 * @param leap leap indicator, 0..2
 * @param stratum 1..15
 * @param precision log2 seconds, e.g. -23
 * @param referenceTime when the clock was last set
 */
public record ServerState(
    int leap,
    int stratum,
    int precision,
    long rootDelay,
    long rootDispersion,
    long referenceId,
    long referenceTime) {

  @Override
  public String toString() {
    return String.format(
        "new ServerState(%d, %d, %d, 0x%08xL, 0x%08xL, 0x%08xL, 0x%016xL)",
        leap, stratum, precision, rootDelay, rootDispersion, referenceId, referenceTime);
  }
}
