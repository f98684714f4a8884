package org.ntplab.lab;

/**
 * Lab 12: which end of a correctness interval an endpoint is, in the order endpoints at one edge
 * are sorted (RFC 5905 §11.2.1: "lowpoint, midpoint, and highpoint").
 */
public enum EndpointType {
  /** θ − λ, the skeleton's type −1. */
  LOW,
  /** θ, the skeleton's type 0. */
  MID,
  /** θ + λ, the skeleton's type +1. */
  HIGH
}
