package org.ntplab.client;

import java.io.IOException;
import java.time.Duration;

/**
 * What changes the system clock: the one place ntplab acts on the machine rather than observing it.
 * {@link DateClockSetter} is the real one; tests use a fake, and must never step a real clock.
 */
public interface ClockSetter {

  /** Whether this process may set the clock at all (on Unix: whether it runs as root). */
  boolean permitted();

  /**
   * Steps the clock by {@code offset}: forward when positive, back when negative. A step, not a
   * slew: the clock jumps, and anything timing itself across the jump sees the difference.
   */
  void step(Duration offset) throws IOException;
}
