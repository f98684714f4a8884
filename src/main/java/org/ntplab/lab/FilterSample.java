package org.ntplab.lab;

/**
 * One on-wire sample for lab 11, all in seconds: offset θ and delay δ (lab 4's), dispersion ε when
 * it arrived (both precisions plus PHI × (T4 − T1)), and its arrival time t on the client's clock
 * (seconds since the series began).
 */
public record FilterSample(double offset, double delay, double dispersion, double time) {}
