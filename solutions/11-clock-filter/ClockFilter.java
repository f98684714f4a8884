package org.ntplab.labs.clockfilter;

import java.util.ArrayList;
import java.util.List;
import org.ntplab.lab.ClockFilterLab;
import org.ntplab.lab.FilterOutput;
import org.ntplab.lab.FilterSample;
import org.ntplab.lab.PeerFilter;

/** Lab 11, solved: RFC 5905's clock filter, one object per peer. */
public class ClockFilter implements ClockFilterLab {

  static final double PHI = 15e-6;
  static final double MAXDISP = 16;
  static final double MAXDIST = 1;
  static final double SGATE = 3;
  static final int NSTAGE = 8;

  @Override
  public PeerFilter newFilter(double precision, int pollExponent) {
    return new Filter(precision, Math.scalb(1.0, pollExponent));
  }

  /** One peer's register, newest first, and its last output. */
  static final class Filter implements PeerFilter {
    private final double precision;
    private final double poll;
    private final FilterSample[] stages = new FilterSample[NSTAGE];
    private FilterOutput.Update last;

    Filter(double precision, double poll) {
      this.precision = precision;
      this.poll = poll;
      for (int i = 0; i < NSTAGE; i++) {
        stages[i] = dummy(0);
      }
    }

    private static FilterSample dummy(double time) {
      return new FilterSample(0, MAXDISP, MAXDISP, time);
    }

    @Override
    public FilterOutput add(FilterSample sample) {
      return shift(sample, sample.time());
    }

    @Override
    public FilterOutput miss(double now) {
      return shift(dummy(now), now);
    }

    private FilterOutput shift(FilterSample sample, double now) {
      System.arraycopy(stages, 0, stages, 1, NSTAGE - 1);
      stages[0] = sample;
      // Insertion sort by delay: stable, so of equal delays the newer stays first.
      List<FilterSample> sorted = new ArrayList<>();
      for (FilterSample s : stages) {
        int at = sorted.size();
        while (at > 0 && sorted.get(at - 1).delay() > s.delay()) {
          at--;
        }
        sorted.add(at, s);
      }
      double dispersion = 0;
      List<FilterSample> valid = new ArrayList<>();
      for (int i = 0; i < NSTAGE; i++) {
        double grown = grown(sorted.get(i), now);
        dispersion += grown / Math.pow(2, i + 1);
        if (grown < MAXDISP) {
          valid.add(sorted.get(i));
        }
      }
      if (valid.isEmpty()) {
        return new FilterOutput.NoUpdate(FilterOutput.Reason.NO_SAMPLE);
      }
      FilterSample pick = valid.get(0);
      double squares = 0;
      for (FilterSample s : valid) {
        squares += (s.offset() - pick.offset()) * (s.offset() - pick.offset());
      }
      double jitter =
          Math.max(precision, valid.size() < 2 ? 0 : Math.sqrt(squares / (valid.size() - 1)));
      if (last != null) {
        if (pick.time() <= last.time()) {
          return new FilterOutput.NoUpdate(FilterOutput.Reason.NOT_NEWER);
        }
        boolean settled = dispersion < MAXDIST && grown(pick, now) < MAXDIST;
        boolean soon = pick.time() - last.time() < 2 * poll;
        if (settled && soon && Math.abs(pick.offset() - last.offset()) > SGATE * jitter) {
          return new FilterOutput.NoUpdate(FilterOutput.Reason.POPCORN_SPIKE);
        }
      }
      last = new FilterOutput.Update(pick.offset(), pick.delay(), dispersion, jitter, pick.time());
      return last;
    }

    private static double grown(FilterSample s, double now) {
      return Math.min(MAXDISP, s.dispersion() + PHI * Math.max(0, now - s.time()));
    }
  }
}
