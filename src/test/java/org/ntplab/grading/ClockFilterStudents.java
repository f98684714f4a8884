package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import org.ntplab.lab.ClockFilterLab;
import org.ntplab.lab.FilterOutput;
import org.ntplab.lab.FilterSample;
import org.ntplab.lab.PeerFilter;
import org.ntplab.mitigation.Constants;

/**
 * Lab 11's hand-written students: a correct filter whose every step is a method, so that each
 * classic mistake is one override of it.
 */
final class ClockFilterStudents {

  private ClockFilterStudents() {}

  /** A correct clock filter. */
  static class Filter implements ClockFilterLab {

    @Override
    public PeerFilter newFilter(double precision, int pollExponent) {
      return new Peer(this, precision, Constants.pollSeconds(pollExponent));
    }

    /** How many samples the register keeps. */
    int stages() {
      return Constants.NSTAGE;
    }

    /** Whether a missed poll shifts the dummy in. */
    boolean shiftsMisses() {
      return true;
    }

    /** The stages in the order the pick is taken from: by delay, the newer first. */
    List<FilterSample> ordered(List<FilterSample> newestFirst) {
      List<FilterSample> sorted = new ArrayList<>(newestFirst);
      sorted.sort(Comparator.comparingDouble(FilterSample::delay));
      return sorted;
    }

    double grown(FilterSample s, double now) {
      return Math.min(Constants.MAXDISP, s.dispersion() + Constants.PHI * (now - s.time()));
    }

    double weight(int i) {
      return Math.scalb(1.0, -(i + 1));
    }

    double jitter(double pick, List<FilterSample> others) {
      double sum = 0;
      for (FilterSample s : others) {
        sum += (pick - s.offset()) * (pick - s.offset());
      }
      return others.isEmpty() ? 0 : Math.sqrt(sum / others.size());
    }

    /** Whether a pick at {@code time} may follow an output of a sample at {@code last}. */
    boolean newEnough(double time, double last) {
      return time > last;
    }

    boolean spike(double jump, double jitter, boolean settled, boolean soon) {
      return settled && soon && jump > Constants.SGATE * jitter;
    }
  }

  /** One peer's state, steered by its student's methods. */
  static final class Peer implements PeerFilter {
    private final Filter student;
    private final double precision;
    private final double poll;
    private final LinkedList<FilterSample> register = new LinkedList<>();
    private FilterOutput.Update last;

    Peer(Filter student, double precision, double poll) {
      this.student = student;
      this.precision = precision;
      this.poll = poll;
      for (int i = 0; i < student.stages(); i++) {
        register.add(new FilterSample(0, Constants.MAXDISP, Constants.MAXDISP, 0));
      }
    }

    @Override
    public FilterOutput add(FilterSample sample) {
      return shift(sample, sample.time());
    }

    @Override
    public FilterOutput miss(double now) {
      return student.shiftsMisses()
          ? shift(new FilterSample(0, Constants.MAXDISP, Constants.MAXDISP, now), now)
          : last == null ? new FilterOutput.NoUpdate(FilterOutput.Reason.NO_SAMPLE) : last;
    }

    private FilterOutput shift(FilterSample sample, double now) {
      register.addFirst(sample);
      if (register.size() > student.stages()) {
        register.removeLast();
      }
      List<FilterSample> sorted = student.ordered(register);
      double dispersion = 0;
      List<FilterSample> valid = new ArrayList<>();
      for (int i = 0; i < sorted.size(); i++) {
        double grown = student.grown(sorted.get(i), now);
        dispersion += grown * student.weight(i);
        if (grown < Constants.MAXDISP) {
          valid.add(sorted.get(i));
        }
      }
      if (valid.isEmpty()) {
        return new FilterOutput.NoUpdate(FilterOutput.Reason.NO_SAMPLE);
      }
      FilterSample pick = valid.get(0);
      double jitter =
          Math.max(precision, student.jitter(pick.offset(), valid.subList(1, valid.size())));
      if (last != null) {
        if (!student.newEnough(pick.time(), last.time())) {
          return new FilterOutput.NoUpdate(FilterOutput.Reason.NOT_NEWER);
        }
        boolean settled =
            dispersion < Constants.MAXDIST && student.grown(pick, now) < Constants.MAXDIST;
        boolean soon = pick.time() - last.time() < 2 * poll;
        if (student.spike(Math.abs(pick.offset() - last.offset()), jitter, settled, soon)) {
          return new FilterOutput.NoUpdate(FilterOutput.Reason.POPCORN_SPIKE);
        }
      }
      last = new FilterOutput.Update(pick.offset(), pick.delay(), dispersion, jitter, pick.time());
      return last;
    }
  }
}
