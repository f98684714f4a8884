package org.ntplab.grading;

import java.util.ArrayList;
import java.util.List;
import org.ntplab.lab.OffsetDelayLab;
import org.ntplab.sync.Sample;

/** Lab 4: offset and delay of every exchange with the client's T1 and T4. */
final class OffsetDelayExercises {

  /** Two correct orders of rounding may each lose half a nanosecond per difference. */
  private static final long TOLERANCE_NANOS = 2;

  private OffsetDelayExercises() {}

  static List<Exercise<OffsetDelayLab>> of(Corpus corpus) {
    List<Case<OffsetDelayLab>> offsets = new ArrayList<>();
    List<Case<OffsetDelayLab>> delays = new ArrayList<>();
    for (Corpus.Exchange x : corpus.exchanges()) {
      Sample s = Sample.of(x.t1(), x.reply(), x.t4());
      long t1 = s.t1().bits();
      long t2 = s.t2().bits();
      long t3 = s.t3().bits();
      long t4 = s.t4().bits();
      String args = String.format("(0x%016xL, 0x%016xL, 0x%016xL, 0x%016xL)", t1, t2, t3, t4);
      offsets.add(new Case<>(x.label(), "offset", "offsetNanos" + args, s.offsetNanos(),
          lab -> lab.offsetNanos(t1, t2, t3, t4), Comparison.within(TOLERANCE_NANOS)));
      delays.add(new Case<>(x.label(), "delay", "delayNanos" + args, s.delayNanos(),
          lab -> lab.delayNanos(t1, t2, t3, t4), Comparison.within(TOLERANCE_NANOS)));
    }
    return List.of(
        new Exercise<>(Lab.OFFSET_DELAY, "offset", 12, offsets),
        new Exercise<>(Lab.OFFSET_DELAY, "delay", 13, delays));
  }
}
