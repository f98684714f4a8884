package org.ntplab.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Generated cases for property tests: explicit edge values, then {@link #TRIES} pseudo-random ones,
 * each from its own seed, which names the case. The seeds are fixed, so every run checks the same
 * cases; {@code -Dntplab.seed=HEX} makes HEX the first generated case's seed (to re-run a failed
 * case first, or to try others) and {@code -Dntplab.tries=N} changes how many are generated.
 *
 * <pre>{@code
 * @Generated.Property
 * @MethodSource("durations")
 * void roundTrips(Duration d) { ... }
 *
 * static Stream<Named<Duration>> durations() {
 *   return Generated.cases(List.of(Duration.ZERO), g -> Duration.ofNanos(g.longs(0, MAX)));
 * }
 * }</pre>
 */
public final class Generated {

  /** Generated cases per property, jqwik's default number of tries. */
  public static final int TRIES = Integer.getInteger("ntplab.tries", 1000);

  private static final long SEED =
      Long.parseUnsignedLong(System.getProperty("ntplab.seed", "6e74706c61620000"), 16);

  private static final int NAME_LENGTH = 200;

  private Generated() {}

  /** A parameterized test over generated cases, whose failures name the case and its seed. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "[{index}] {0}")
  @ExtendWith(NameInFailures.class)
  public @interface Property {}

  /**
   * The edges, named "edge", then {@link #TRIES} values of {@code generator}, each named by its
   * seed.
   */
  public static <T> Stream<Named<T>> cases(List<T> edges, Function<Gen, T> generator) {
    Stream<Named<T>> explicit =
        edges.stream().map(value -> Named.of("edge: " + describe(value), value));
    Stream<Named<T>> generated =
        LongStream.range(0, TRIES)
            .mapToObj(
                i -> {
                  long seed = SEED + i;
                  T value = generator.apply(new Gen(seed));
                  return Named.of(
                      "seed " + String.format("%016x", seed) + ": " + describe(value), value);
                });
    return Stream.concat(explicit, generated);
  }

  /** Every combination of the given values, for edge cases built from several edge values. */
  public static List<long[]> combinations(long[]... values) {
    List<long[]> out = new ArrayList<>();
    out.add(new long[0]);
    for (long[] choices : values) {
      List<long[]> next = new ArrayList<>();
      for (long[] prefix : out) {
        for (long choice : choices) {
          long[] longer = Arrays.copyOf(prefix, prefix.length + 1);
          longer[prefix.length] = choice;
          next.add(longer);
        }
      }
      out = next;
    }
    return out;
  }

  private static String describe(Object value) {
    String text =
        value instanceof byte[] bytes
            ? bytes.length + " bytes " + HexFormat.of().formatHex(bytes)
            : String.valueOf(value);
    return text.length() > NAME_LENGTH ? text.substring(0, NAME_LENGTH) + "…" : text;
  }

  /**
   * One case's values: uniform in each range, except that one time in 16 a value is an edge of its
   * range (either end, one inside either end, or 0 and ±1 when in range), as jqwik mixes edge cases
   * in.
   */
  public static final class Gen {

    private final SplittableRandom random;

    Gen(long seed) {
      this.random = new SplittableRandom(seed);
    }

    /** A long from {@code min} to {@code max}, both included. */
    public long longs(long min, long max) {
      if (random.nextInt(16) == 0) {
        long[] edges = {min, max, min + 1, max - 1, 0, 1, -1};
        long edge = edges[random.nextInt(edges.length)];
        if (edge >= min && edge <= max) {
          return edge;
        }
      }
      if (max < Long.MAX_VALUE) {
        return random.nextLong(min, max + 1);
      }
      return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
    }

    /** An int from {@code min} to {@code max}, both included. */
    public int ints(int min, int max) {
      return (int) longs(min, max);
    }

    public long anyLong() {
      return longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public int anyInt() {
      return ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public byte[] bytes(int length) {
      byte[] bytes = new byte[length];
      for (int i = 0; i < length; i++) {
        bytes[i] = (byte) ints(Byte.MIN_VALUE, Byte.MAX_VALUE);
      }
      return bytes;
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
      return choices[ints(0, choices.length - 1)];
    }

    public <T> T oneOf(List<T> choices) {
      return choices.get(ints(0, choices.size() - 1));
    }

    public boolean coin() {
      return random.nextBoolean();
    }

    /**
     * An index into {@code weights}, each chosen in proportion to its weight (jqwik's frequencyOf).
     */
    public int weighted(int... weights) {
      int pick = random.nextInt(Arrays.stream(weights).sum());
      int i = 0;
      while (pick >= weights[i]) {
        pick -= weights[i++];
      }
      return i;
    }
  }

  /** Puts the case's name (its seed and value) in front of whatever a case throws. */
  static final class NameInFailures implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) {
      // The report names the invocation's index already; an assertion's message says enough, any
      // other exception needs its type too.
      String name = context.getDisplayName().replaceFirst("^\\[\\d+\\] ", "");
      String what = thrown instanceof AssertionError ? thrown.getMessage() : thrown.toString();
      throw new AssertionError(name + " -- " + what, thrown);
    }
  }
}
