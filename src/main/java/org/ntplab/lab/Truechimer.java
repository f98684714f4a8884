package org.ntplab.lab;

/**
 * Lab 13: a server the selection kept (RFC 5905 §11.2.2): its offset θ, root distance λ and peer
 * jitter ψ in seconds, and its stratum.
 */
public record Truechimer(double offset, double rootDistance, double jitter, int stratum) {}
