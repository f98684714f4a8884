package org.ntplab.lab;

/**
 * Lab 11: the clock filter (RFC 5905 §10). The grader asks for a new filter per peer and feeds it
 * one sample at a time, reading what it outputs after each. Implemented by {@code
 * org.ntplab.labs.clockfilter.ClockFilter}.
 */
public interface ClockFilterLab {

  /**
   * A new filter for one peer: all eight stages the dummy (offset 0, delay and dispersion MAXDISP =
   * 16 s, time 0), nothing output yet.
   *
   * @param precision the system precision in seconds: the least jitter the filter reports
   * @param pollExponent log2 of the poll interval in seconds: the popcorn spike suppressor's window
   *     is two poll intervals
   */
  PeerFilter newFilter(double precision, int pollExponent);
}
