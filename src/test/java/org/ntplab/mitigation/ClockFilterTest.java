package org.ntplab.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.ntplab.mitigation.ClockFilter.NoUpdate;
import org.ntplab.mitigation.ClockFilter.Reason;
import org.ntplab.mitigation.ClockFilter.Step;
import org.ntplab.mitigation.ClockFilter.Update;

/** The clock filter (RFC 5905 §10) on hand-checked streams. */
class ClockFilterTest {

  private static final double PRECISION = 1e-6;
  private static final double EPS = 1e-12;

  private static PeerSample sample(double offset, double delay, double time) {
    return new PeerSample(offset, delay, 0, time);
  }

  private static PeerEstimate updated(Step step) {
    return assertInstanceOf(Update.class, step.outcome()).estimate();
  }

  private static Reason refused(Step step) {
    return assertInstanceOf(NoUpdate.class, step.outcome()).reason();
  }

  @Test
  void theFirstSampleIsOutputWithTheDummiesDispersion() {
    Step step = ClockFilter.start(PRECISION, 6).add(new PeerSample(0.010, 0.020, 0.001, 10), 10);

    PeerEstimate e = updated(step);
    assertEquals(0.010, e.offset(), EPS);
    assertEquals(0.020, e.delay(), EPS);
    // 0.001/2 + 16 × (1/4 + 1/8 + ... + 1/256) = 0.0005 + 16 × 0.49609375 = 7.938
    assertEquals(7.938, e.dispersion(), EPS);
    assertEquals(PRECISION, e.jitter(), EPS, "one valid stage: the jitter is the precision");
    assertEquals(10, e.time(), EPS);
  }

  @Test
  void keepsTheLeastDelaySampleNotTheNewest() {
    Step a = ClockFilter.start(PRECISION, 6).add(sample(0.010, 0.020, 10), 10);
    Step b = a.filter().add(sample(0.012, 0.030, 74), 74);

    // The least delay is still A's, already used: nothing new, and the output stays A's.
    assertEquals(Reason.NOT_NEWER, refused(b));
    assertEquals(0.010, b.filter().last().orElseThrow().offset(), EPS);

    Step c = b.filter().add(sample(0.011, 0.015, 138), 138);
    PeerEstimate e = updated(c);
    assertEquals(0.011, e.offset(), EPS);
    // Sorted by delay: C (.015), A (.020), B (.030). ψ = √(((.011−.010)² + (.011−.012)²) / 2) =
    // .001
    assertEquals(0.001, e.jitter(), EPS);
    // Aged at 138: C 0, A 15e-6 × 128 = .00192, B 15e-6 × 64 = .00096; then five dummies.
    // ε = 0/2 + .00192/4 + .00096/8 + 16 × (1/16 + ... + 1/256) = .00048 + .00012 + 1.9375
    assertEquals(1.9381, e.dispersion(), EPS);
  }

  @Test
  void equalDelaysPickTheNewer() {
    Step a = ClockFilter.start(PRECISION, 6).add(sample(0.010, 0.020, 10), 10);
    Step b = a.filter().add(sample(0.011, 0.020, 74), 74);

    assertEquals(0.011, updated(b).offset(), EPS);
  }

  @Test
  void aPopcornSpikeIsSuppressedUntilTwoPollIntervalsHavePassed() {
    // Poll exponent 10 (1024 s), A used at t = 0, then a burst of eight samples 40 ms away.
    ClockFilter f = ClockFilter.start(PRECISION, 10).add(sample(0.010, 0.010, 0), 0).filter();
    Step step = null;
    for (int k = 1; k <= 8; k++) {
      step = f.add(sample(0.0500 + 0.0001 * (k % 2), 0.050 + 0.001 * k, 16 * k), 16 * k);
      f = step.filter();
      if (k < 8) {
        assertEquals(Reason.NOT_NEWER, refused(step), "A still has the least delay");
      }
    }
    // A has fallen out: the pick is sample 1 (.0501). ψ = √(4 × .0001² / 7) = 7.6e-5, so
    // SGATE × ψ = 2.3e-4, and the jump from A's .010 is .0401, within 2048 s of A: a spike.
    assertEquals(Reason.POPCORN_SPIKE, refused(step));
    assertEquals(0.010, step.filter().last().orElseThrow().offset(), EPS);

    // Two poll intervals after A, the new offset is believed.
    Step later = f.add(sample(0.0502, 0.040, 2100), 2100);
    assertEquals(0.0502, updated(later).offset(), EPS);
  }

  @Test
  void theJitterIsMeasuredFromThePickSoALoneJumpIsNotASpike() {
    ClockFilter f = ClockFilter.start(PRECISION, 10);
    for (int k = 0; k < 5; k++) {
      f = f.add(sample(0.010, 0.030 - 0.001 * k, 64 * k), 64 * k).filter();
    }
    // The pick .060 is .05 from each of the other five: ψ = .05 and 3ψ > .05 (RFC 5905 §10).
    Step jump = f.add(sample(0.060, 0.010, 320), 320);
    assertEquals(0.060, updated(jump).offset(), EPS);
    assertEquals(0.05, updated(jump).jitter(), EPS);
  }

  @Test
  void eightMissesEmptyTheFilter() {
    ClockFilter f = ClockFilter.start(PRECISION, 6).add(sample(0.01, 0.02, 10), 10).filter();
    Step step = null;
    for (int i = 1; i <= 8; i++) {
      step = f.miss(10 + 64 * i);
      f = step.filter();
    }
    assertEquals(Reason.NO_SAMPLE, refused(step));
  }

  @Test
  void aStageOlderThanTheLastOutputIsNeverOutputAgain() {
    Step a = ClockFilter.start(PRECISION, 6).add(sample(0.010, 0.010, 10), 10);
    Step b = a.filter().add(sample(0.020, 0.050, 20), 20);
    Step c = b.filter().add(sample(0.030, 0.060, 30), 30);

    assertEquals(Reason.NOT_NEWER, refused(b));
    assertEquals(Reason.NOT_NEWER, refused(c));
  }
}
