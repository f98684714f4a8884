package org.ntplab.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.mitigation.ClockFilter.Step;
import org.ntplab.mitigation.ClockFilter.Update;
import org.ntplab.testing.Generated;
import org.ntplab.testing.Generated.Gen;

/**
 * The clock filter's rules over random streams: every output is the least-delay sample in the
 * register, arrived after the previous output, and each sample is output at most once.
 */
class ClockFilterPropertiesTest {

  @Generated.Property
  @MethodSource("streams")
  void outputsTheLeastDelaySampleNeverAnOlderOne(List<PeerSample> stream) {
    ClockFilter f = ClockFilter.start(1e-6, 6);
    double lastOutput = Double.NEGATIVE_INFINITY;
    for (PeerSample s : stream) {
      Step step = f.add(s, s.time());
      f = step.filter();
      if (step.outcome() instanceof Update u) {
        double least = f.stages().stream().mapToDouble(PeerSample::delay).min().orElseThrow();
        assertEquals(least, u.estimate().delay(), "the pick has the least delay of the stages");
        assertTrue(u.estimate().time() > lastOutput, "newer than the last output");
        assertTrue(u.estimate().jitter() >= 1e-6, "jitter is at least the precision");
        lastOutput = u.estimate().time();
      }
    }
  }

  static Stream<Named<List<PeerSample>>> streams() {
    return Generated.cases(List.of(List.of()), ClockFilterPropertiesTest::stream);
  }

  private static List<PeerSample> stream(Gen g) {
    List<PeerSample> list = new ArrayList<>();
    double t = 0;
    int n = g.ints(1, 40);
    for (int i = 0; i < n; i++) {
      t += g.ints(1, 1024);
      double delay = g.longs(0, 500_000) * 1e-6;
      double offset = g.longs(-100_000, 100_000) * 1e-6;
      list.add(new PeerSample(offset, delay, g.longs(0, 1000) * 1e-6, t));
    }
    return list;
  }
}
