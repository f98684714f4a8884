package org.ntplab.lab;

/** Lab 11's clock filter for one peer: its eight stages and its last output, kept between calls. */
public interface PeerFilter {

  /**
   * Shifts {@code sample} in (the oldest stage falls out) and filters at the sample's own time: the
   * peer's new offset, delay, dispersion and jitter, or why there is no update.
   */
  FilterOutput add(FilterSample sample);

  /**
   * Shifts the dummy sample in, timed {@code now}: what the poll process does when a peer stopped
   * answering. Then filters at {@code now}, as {@link #add} does.
   */
  FilterOutput miss(double now);
}
