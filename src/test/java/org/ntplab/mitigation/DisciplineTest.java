package org.ntplab.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.ntplab.mitigation.Discipline.Action;
import org.ntplab.mitigation.Discipline.State;
import org.ntplab.mitigation.Discipline.Update;

/** The clock discipline's state machine (RFC 5905 §11.3, Figure 28) and its loop arithmetic. */
class DisciplineTest {

  private static final double PRECISION = 1e-3;

  private static Discipline sync(double offset, double lastUpdate, int poll) {
    return new Discipline(
        State.SYNC, offset, 0, offset, lastUpdate, 0, PRECISION, 0, 0, poll, PRECISION);
  }

  @Test
  void beyondPanictNothingChanges() {
    Discipline d = Discipline.start(PRECISION);
    Update u = d.update(1000.5, 10);

    assertEquals(Action.PANIC, u.action());
    assertSame(d, u.next());
  }

  @Test
  void nsetMeasuresTheFrequencyOverTheStepoutThenSyncs() {
    Update first = Discipline.start(PRECISION).update(0.050, 10);
    assertEquals(Action.IGNORE, first.action());
    assertEquals(State.FREQ, first.next().state());

    Update early = first.next().update(0.060, 500);
    assertEquals(Action.IGNORE, early.action(), "490 s < WATCH");
    assertEquals(State.FREQ, early.next().state());

    Update late = early.next().update(0.059, 1010);
    // μ = 1010 − 10 = 1000 s: frequency (.059 − 0 − .050) / 1000 = 9e-6
    assertEquals(Action.SLEW, late.action());
    assertEquals(State.SYNC, late.next().state());
    assertEquals(9e-6, late.next().frequency(), 1e-15);
  }

  @Test
  void nsetStepsALargeOffsetAtOnce() {
    Update u = Discipline.start(PRECISION).update(0.5, 10);

    assertEquals(Action.STEP, u.action());
    assertEquals(State.FREQ, u.next().state());
    assertEquals(Constants.MINPOLL, u.next().poll());
  }

  @Test
  void fsetSlewsASmallOffsetAndStepsALargeOne() {
    Discipline d = Discipline.withFrequency(12e-6, PRECISION);

    Update small = d.update(0.01, 10);
    assertEquals(Action.SLEW, small.action());
    assertEquals(State.SYNC, small.next().state());
    assertEquals(12e-6, small.next().frequency(), 1e-15, "FSET keeps the file's frequency");

    Update large = d.update(-0.3, 10);
    assertEquals(Action.STEP, large.action());
    assertEquals(State.SYNC, large.next().state());
  }

  @Test
  void inSyncOneSpikeIsIgnoredAndAStepNeedsTheStepout() {
    Discipline d = sync(0.001, 100, 6);

    Update spike = d.update(0.2, 164);
    assertEquals(Action.IGNORE, spike.action());
    assertEquals(State.SPIK, spike.next().state());

    Update again = spike.next().update(0.2, 228);
    assertEquals(Action.IGNORE, again.action(), "128 s since the last update < WATCH");

    Update inlier = spike.next().update(0.002, 228);
    assertEquals(Action.SLEW, inlier.action(), "an inlier ends the spike");
    assertEquals(State.SYNC, inlier.next().state());

    Update stepout = spike.next().update(0.2, 1000);
    assertEquals(Action.STEP, stepout.action(), "900 s after the last update the step holds");
    assertEquals(State.SYNC, stepout.next().state());
    assertEquals(Constants.MINPOLL, stepout.next().poll());
  }

  @Test
  void theFllTakesPartAboveHalfTheAllanIntercept() {
    // Poll 10 (1024 s > 750): FLL gain max(18 − 10, 8) = 8, (.004 − .001) / (max(1024, 1500) × 8)
    // = 2.5e-7; the PLL adds .004 × 1024 / (4 × 65536 × 1024)² = 5.7e-17.
    Update u = sync(0.001, 0, 10).update(0.004, 1024);

    assertEquals(Action.SLEW, u.action());
    assertEquals(2.5e-7, u.next().frequency(), 1e-15);
  }

  @Test
  void belowHalfTheAllanInterceptOnlyThePllMoves() {
    // Poll 6: .01 × 64 / (4 × 65536 × 64)² = .64 / 2.81475e14 = 2.2737e-15
    Update u = sync(0, 0, 6).update(0.01, 64);

    assertEquals(2.2737e-15, u.next().frequency(), 1e-19);
  }

  @Test
  void theFrequencyIsClampedToMaxfreq() {
    Discipline fast =
        new Discipline(State.SYNC, 0, 0, 0, 0, 4.95e-4, PRECISION, 0, 0, 10, PRECISION);
    // FLL: .1 / (1500 × 8) = 8.3e-6 more would pass 5e-4.
    assertEquals(Constants.MAXFREQ, fast.update(0.1, 1024).next().frequency(), 1e-15);
  }

  @Test
  void quietOffsetsLengthenThePoll() {
    Discipline d = sync(0, 0, Constants.MINPOLL);
    // Offset 0 < PGATE × jitter (.004): the counter gains the poll exponent, 4 a time; the eighth
    // update makes 32 > LIMIT: poll 5, counter 0.
    for (int i = 1; i <= 7; i++) {
      d = d.update(0, 16 * i).next();
      assertEquals(4 * i, d.count());
    }
    d = d.update(0, 128).next();
    assertEquals(5, d.poll());
    assertEquals(0, d.count());
  }

  @Test
  void noisyOffsetsShortenThePollDownToMinpoll() {
    // c.last = .01 and offsets of .01: the jitter stays at the precision, .001, and .01 ≥ PGATE ×
    // .001. The counter loses twice the exponent, 10 a time; −40 < −30 on the fourth: poll 4.
    Discipline d = sync(0.01, 0, 5);
    for (int i = 1; i <= 3; i++) {
      d = d.update(0.01, 32 * i).next();
      assertEquals(-10 * i, d.count());
    }
    d = d.update(0.01, 128).next();
    assertEquals(Constants.MINPOLL, d.poll());
    assertEquals(0, d.count());

    // At MINPOLL, 8 a time: −8, −16, −24, −32 → held at −LIMIT, the exponent stays.
    for (int i = 1; i <= 4; i++) {
      d = d.update(0.01, 128 + 16 * i).next();
    }
    assertEquals(Constants.MINPOLL, d.poll());
    assertEquals(-Constants.LIMIT, d.count());
  }
}
