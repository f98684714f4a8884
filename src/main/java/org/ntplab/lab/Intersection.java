package org.ntplab.lab;

/**
 * Lab 12: the interval [low, high], in seconds, that a majority of the servers' correctness
 * intervals share (RFC 5905 §11.2.1): the true offset is presumed to lie in it.
 */
public record Intersection(double low, double high) {}
