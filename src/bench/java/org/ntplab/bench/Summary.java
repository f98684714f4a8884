package org.ntplab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Prints a JMH result file as medians (time and bytes per operation) and the ratios the targets are
 * stated in. Medians, not means: on a shared 2-core machine one slow iteration is someone else's
 * build.
 */
public final class Summary {

  private Summary() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : "target/jmh-result.json");
    Map<String, double[]> results = new LinkedHashMap<>(); // name -> {median time, B/op}
    System.out.printf("%n%-45s %12s %10s%n", "benchmark (median of iterations)", "time/op", "B/op");
    for (JsonNode run : new ObjectMapper().readTree(file.toFile())) {
      String name = run.get("benchmark").asText().replace("org.ntplab.bench.", "");
      JsonNode primary = run.get("primaryMetric");
      double median = median(primary.get("rawData"));
      JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
      double bytes = alloc.isMissingNode() ? Double.NaN : median(alloc.get("rawData"));
      results.put(name.substring(name.indexOf('.') + 1), new double[] {median, bytes});
      System.out.printf(
          "%-45s %9.1f %-2s %10s%n",
          name,
          median,
          primary.get("scoreUnit").asText().replace("/op", ""),
          Double.isNaN(bytes) ? "-" : String.format("%.0f", bytes));
    }
    System.out.println();
    ratio(
        results,
        "decode: Commons Net (reused message) / ntplab",
        "decodeCommonsNet",
        "decodeNtplab",
        "target >= 5");
    ratio(
        results,
        "decode: Commons Net (new message) / ntplab",
        "decodeCommonsNetNewMessage",
        "decodeNtplab",
        "target >= 5");
    ratio(
        results,
        "decode: ntplab / plain record, allocated",
        "decodeNtplab",
        "decodePlainRecordAllocated",
        "one object instead of eight");
    ratio(
        results,
        "decode: ntplab / plain record, not allocated",
        "decodeNtplab",
        "decodePlainRecord",
        "the floor");
    ratio(results, "encode: Commons Net / ntplab", "encodeCommonsNet", "encodeNtplab", "");
    double[] graded = results.get("gradeDecodeLabPerFixture");
    double[] direct = results.get("decodeLabDirectPerFixture");
    if (graded != null && direct != null) {
      System.out.printf(
          "grading adds per graded fixture (lab 2): %.1f us (target <= 1000 us)%n",
          graded[0] - direct[0]);
    }
    double[] labs = results.get("gradeFixtureLabsPerFixture");
    if (labs != null) {
      System.out.printf(
          "grading labs 1-5 per fixture, student code included: %.1f us (target <= 1000 us)%n",
          labs[0]);
    }
  }

  private static void ratio(
      Map<String, double[]> results, String what, String slow, String fast, String target) {
    if (results.containsKey(slow) && results.containsKey(fast)) {
      System.out.printf(
          "%-50s %6.2fx  %s%n", what, results.get(slow)[0] / results.get(fast)[0], target);
    }
  }

  private static double median(JsonNode rawData) {
    double[] values =
        StreamSupport.stream(rawData.spliterator(), false)
            .flatMap(fork -> StreamSupport.stream(fork.spliterator(), false))
            .mapToDouble(JsonNode::asDouble)
            .sorted()
            .toArray();
    int n = values.length;
    return n == 0
        ? Double.NaN
        : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}
