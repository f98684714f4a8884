package org.ntplab.labs.clockfilter;

import org.ntplab.lab.ClockFilterLab;
import org.ntplab.lab.FilterOutput;
import org.ntplab.lab.FilterSample;
import org.ntplab.lab.PeerFilter;

/** Lab 11: the clock filter. Read README.md beside this file, then replace each throw. */
public class ClockFilter implements ClockFilterLab {

  @Override
  public PeerFilter newFilter(double precision, int pollExponent) {
    throw new UnsupportedOperationException(
        "Lab 11: implement newFilter(precision, pollExponent): return a new Filter, eight dummy"
            + " stages (0, 16, 16, 0), nothing output yet");
  }

  /** One peer's filter: keep its eight stages and its last output in fields. */
  static final class Filter implements PeerFilter {

    @Override
    public FilterOutput add(FilterSample sample) {
      throw new UnsupportedOperationException(
          "Lab 11: implement add(sample): shift it in, sort by delay, pick the least, grow and"
              + " weigh the dispersions, RMS jitter; no update if not newer or a popcorn spike");
    }

    @Override
    public FilterOutput miss(double now) {
      throw new UnsupportedOperationException(
          "Lab 11: implement miss(now): shift the dummy (0, 16, 16, now) in, then filter as add");
    }
  }
}
