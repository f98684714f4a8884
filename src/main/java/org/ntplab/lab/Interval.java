package org.ntplab.lab;

/**
 * Lab 12: one server's correctness interval [θ − λ, θ + λ] (RFC 5905 §11.2.1) as its offset θ and
 * root distance λ, in seconds. If the server is correct, the true offset lies inside.
 */
public record Interval(double offset, double rootDistance) {}
