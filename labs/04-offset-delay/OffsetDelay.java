package org.ntplab.labs.offsetdelay;

import org.ntplab.lab.OffsetDelayLab;

/** Lab 4: offset and delay. Read README.md beside this file, then replace each throw. */
public class OffsetDelay implements OffsetDelayLab {

  @Override
  public long offsetNanos(long t1, long t2, long t3, long t4) {
    throw new UnsupportedOperationException(
        "Lab 4: implement offsetNanos(t1, t2, t3, t4): ((T2-T1)+(T3-T4))/2 in nanoseconds, era-safe");
  }

  @Override
  public long delayNanos(long t1, long t2, long t3, long t4) {
    throw new UnsupportedOperationException(
        "Lab 4: implement delayNanos(t1, t2, t3, t4): (T4-T1)-(T3-T2) in nanoseconds, never below zero");
  }
}
