package org.ntplab.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void percentilesOfAUniformSpreadAreWithinOnePercent() {
    Histogram h = new Histogram();
    for (long v = 1; v <= 100_000; v++) {
      h.record(v * 1_000); // 1 µs to 100 ms
    }
    Percentiles p = h.percentiles();
    assertEquals(100_000, p.count());
    assertEquals(50_000_000, p.p50(), 50_000_000 * 0.01);
    assertEquals(90_000_000, p.p90(), 90_000_000 * 0.01);
    assertEquals(99_000_000, p.p99(), 99_000_000 * 0.01);
    assertEquals(100_000_000, p.max());
  }

  @Test
  void smallValuesAreExactAndNoneGivesZeros() {
    Histogram h = new Histogram();
    assertEquals(Percentiles.NONE, h.percentiles());
    h.record(3);
    h.record(-5); // a clock that stepped back: counted as 0
    h.record(100);
    assertEquals(new Percentiles(3, 3, 100, 100, 100), h.percentiles());
  }

  @Test
  void everyValueFallsInTheBucketThatStartsAtOrBelowIt() {
    for (long v : new long[] {0, 1, 127, 128, 255, 256, 257, 1_000, 123_456_789, 1L << 62}) {
      int i = Histogram.index(v);
      assertTrue(Histogram.lowest(i) <= v, v + " in bucket " + i);
      assertTrue(Histogram.lowest(i + 1) > v, v + " below the next bucket");
    }
  }
}
