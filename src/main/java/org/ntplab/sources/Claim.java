package org.ntplab.sources;

/**
 * What a server's last reply said of itself: stratum, whether its leap indicator was 3
 * (unsynchronized), root delay and root dispersion in seconds, and its precision in seconds.
 */
public record Claim(
    int stratum,
    boolean unsynchronized,
    double rootDelay,
    double rootDispersion,
    double precision) {}
