package org.ntplab.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.mitigation.Selection.Majority;
import org.ntplab.testing.Generated;
import org.ntplab.testing.Generated.Gen;

/**
 * The selection's promise: when fewer than half of the servers lie, the intersection holds the true
 * offset and the liars, and only they, are falsetickers. Truechimers here are servers whose
 * interval holds the true offset and every other truechimer's offset (λ ≥ twice the largest error);
 * liars' intervals meet no truechimer's.
 */
class SelectionPropertiesTest {

  /** Servers and the true offset, with the liars' names. */
  record Scenario(double truth, List<CorrectnessInterval> servers, Set<String> liars) {}

  @Generated.Property
  @MethodSource("scenarios")
  void fewerThanHalfLyingFindsTheTruthAndTheLiars(Scenario s) {
    Majority m = assertInstanceOf(Majority.class, Selection.select(s.servers()));

    assertTrue(m.low() <= s.truth() && s.truth() <= m.high(), "the truth is in [l, u]");
    assertEquals(s.liars().size(), m.falsetickers(), "f is the number of liars");
    Set<String> truechimers =
        m.truechimers().stream().map(CorrectnessInterval::name).collect(Collectors.toSet());
    for (CorrectnessInterval c : s.servers()) {
      assertEquals(!s.liars().contains(c.name()), truechimers.contains(c.name()), c.name());
    }
  }

  @Generated.Property
  @MethodSource("scenarios")
  void theOrderOfTheServersDoesNotMatter(Scenario s) {
    List<CorrectnessInterval> reversed = new ArrayList<>(s.servers());
    Collections.reverse(reversed);
    Majority forward = (Majority) Selection.select(s.servers());
    Majority backward = (Majority) Selection.select(reversed);

    assertEquals(forward.low(), backward.low());
    assertEquals(forward.high(), backward.high());
    assertEquals(forward.falsetickers(), backward.falsetickers());
  }

  static Stream<Named<Scenario>> scenarios() {
    return Generated.cases(
        List.of(
            new Scenario(0, List.of(new CorrectnessInterval("t0", 0, 0.001)), Set.of()),
            new Scenario(
                0,
                List.of(
                    new CorrectnessInterval("t0", 0.001, 0.002),
                    new CorrectnessInterval("t1", -0.001, 0.002),
                    new CorrectnessInterval("l0", 1, 0.5)),
                Set.of("l0"))),
        SelectionPropertiesTest::scenario);
  }

  private static double micros(Gen g, long min, long max) {
    return g.longs(min, max) * 1e-6;
  }

  private static Scenario scenario(Gen g) {
    double truth = micros(g, -2_000_000_000L, 2_000_000_000L);
    int m = g.ints(1, 9);
    int liars = g.ints(0, (m - 1) / 2);
    double error = micros(g, 1, 100_000);
    List<CorrectnessInterval> servers = new ArrayList<>();
    double reach = 0;
    for (int i = 0; i < m - liars; i++) {
      double lambda = 2 * error + micros(g, 1, 100_000);
      reach = Math.max(reach, error + lambda);
      servers.add(new CorrectnessInterval("t" + i, truth + micros(g, -1, 1) * error * 1e6, lambda));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < liars; i++) {
      double lambda = micros(g, 1, 500_000);
      double gap = micros(g, 1, 1_000_000);
      double away = reach + gap + lambda;
      servers.add(new CorrectnessInterval("l" + i, truth + (g.coin() ? away : -away), lambda));
      names.add("l" + i);
    }
    Collections.shuffle(servers, new Random(g.anyLong()));
    return new Scenario(truth, servers, names);
  }
}
