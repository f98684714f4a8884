package org.ntplab.inspect;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntplab.sync.Sample;
import org.ntplab.text.Durations;
import org.ntplab.text.Instants;
import org.ntplab.wire.NtpTimestamp;

/**
 * One on-wire exchange drawn in ASCII with its measured values: the client's timeline on the left,
 * the server's on the right, time running down the page, then the delay and offset worked out from
 * the four timestamps. Pure: no I/O but the writer.
 *
 * <pre>
 * client clock (UTC, 2024-07-24)                                server clock (UTC, 2024-07-24)
 * T1 18:33:17.276820000 &gt;--+
 *                          |  request: T2 - T1 = +256 µs
 *                          +----------------------------------&gt; T2 18:33:17.277075845
 *                                                               |  server processing: T3 - T2 = 67.3 µs
 *                          +&lt;---------------------------------- T3 18:33:17.277143117
 *                          |  reply: T4 - T3 = +183 µs
 * T4 18:33:17.277326000 &lt;--+
 *
 * round trip  T4 - T1                      = 506 µs     (506000 ns)
 * processing  T3 - T2                      = 67.3 µs    (67272 ns)
 * delay       (T4 - T1) - (T3 - T2)        = 439 µs     (438728 ns)
 * offset      ((T2 - T1) + (T3 - T4)) / 2  = +36.5 µs   (+36481 ns)
 *             your clock is 36.5 µs behind the server's
 * </pre>
 *
 * <p>The one-way figures mix two clocks, so each carries the offset (with opposite signs): that is
 * why their difference halved is the offset, and why an asymmetric path puts an error of half the
 * asymmetry into it. Times are shown to the nanosecond as times of day when all four fall on one
 * UTC date, else as full instants. A zero timestamp is "unknown" (RFC 5905 §6): differences with it
 * are not computed, since any number would be a lie.
 */
public final class TimingDiagram {

  /** Dashes in each arrow between the timelines. */
  private static final int ARROW = 34;

  private TimingDiagram() {}

  public static String render(Sample sample) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      render(sample, out);
    }
    return text.toString();
  }

  /** Writes the diagram and the arithmetic under it, one {@code println} per line. */
  public static void render(Sample sample, PrintWriter out) {
    Optional<LocalDate> date = commonDate(sample);
    String t1 = label("T1", sample.t1(), date);
    String t2 = label("T2", sample.t2(), date);
    String t3 = label("T3", sample.t3(), date);
    String t4 = label("T4", sample.t4(), date);
    int left = Math.max(t1.length(), t4.length());
    int corner = left + 4; // column of the client-side corner: "T1 ... >--+"
    int server = corner + 1 + ARROW + 2; // column where the server's labels start

    String zone = date.isPresent() ? " (UTC, " + date.get() + ")" : " (UTC)";

    out.println(pad("client clock" + zone, server) + "server clock" + zone);
    out.println(pad(t1, left + 1) + ">--+");
    out.println(
        spaces(corner) + "|  request: T2 - T1 = " + signed(sample.t2(), sample.t1(), "T2", "T1"));
    out.println(spaces(corner) + "+" + "-".repeat(ARROW) + "> " + t2);
    out.println(
        spaces(server)
            + "|  server processing: T3 - T2 = "
            + unsigned(sample.t3(), sample.t2(), "T3", "T2"));
    out.println(spaces(corner) + "+<" + "-".repeat(ARROW) + " " + t3);
    out.println(
        spaces(corner) + "|  reply: T4 - T3 = " + signed(sample.t4(), sample.t3(), "T4", "T3"));
    out.println(pad(t4, left + 1) + "<--+");
    out.println();
    for (String line : arithmetic(sample)) {
      out.println(line);
    }
  }

  /** The sums under the picture, with the exact nanoseconds beside the rounded figure. */
  private static List<String> arithmetic(Sample sample) {
    List<String> lines = new ArrayList<>();
    Optional<String> unknown = unknown(sample);
    if (unknown.isPresent()) {
      lines.add(
          "no delay or offset: " + unknown.get() + ", and every sum with it would be meaningless");
      return lines;
    }
    Duration roundTrip = Duration.ofNanos(sample.t4().nanosSince(sample.t1()));
    Duration processing = Duration.ofNanos(sample.t3().nanosSince(sample.t2()));
    Duration delay = Duration.ofNanos(sample.rawDelayNanos());
    lines.add(sum("round trip", "T4 - T1", roundTrip, false, ""));
    lines.add(sum("processing", "T3 - T2", processing, false, ""));
    lines.add(
        sum(
            "delay",
            "(T4 - T1) - (T3 - T2)",
            delay,
            false,
            delay.isNegative() ? ": negative, a clock stepped or a timestamp is wrong" : ""));
    lines.add(sum("offset", "((T2 - T1) + (T3 - T4)) / 2", sample.offset(), true, ""));
    lines.add(spaces(12) + Meanings.clockStanding(sample.offset()));
    return lines;
  }

  private static String sum(
      String name, String formula, Duration value, boolean signed, String note) {
    String rounded = signed ? Durations.signed(value) : Durations.text(value);
    String exact =
        (signed && !value.isNegative() && !value.isZero() ? "+" : "") + value.toNanos() + " ns";
    return (pad(name, 12) + pad(formula, 29) + "= " + pad(rounded, 11) + "(" + exact + ")" + note)
        .stripTrailing();
  }

  /** Which timestamp is zero ("unknown", RFC 5905 §6), if any: differences with it mean nothing. */
  private static Optional<String> unknown(Sample sample) {
    List<NtpTimestamp> all = List.of(sample.t1(), sample.t2(), sample.t3(), sample.t4());
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).isZero()) {
        return Optional.of("T" + (i + 1) + " is zero (unknown)");
      }
    }
    return Optional.empty();
  }

  private static String signed(
      NtpTimestamp later, NtpTimestamp earlier, String laterName, String earlierName) {
    return difference(later, earlier, laterName, earlierName, true);
  }

  private static String unsigned(
      NtpTimestamp later, NtpTimestamp earlier, String laterName, String earlierName) {
    return difference(later, earlier, laterName, earlierName, false);
  }

  private static String difference(
      NtpTimestamp later,
      NtpTimestamp earlier,
      String laterName,
      String earlierName,
      boolean signed) {
    if (later.isZero() || earlier.isZero()) {
      return "unknown (" + (later.isZero() ? laterName : earlierName) + " is zero)";
    }
    Duration d = Duration.ofNanos(later.nanosSince(earlier));
    return signed ? Durations.signed(d) : Durations.text(d);
  }

  /** The one UTC date all the known timestamps fall on, if there is one. */
  private static Optional<LocalDate> commonDate(Sample sample) {
    // A loop, not lambdas and a stream: each lambda is linked at its first use (start-up).
    LocalDate common = null;
    for (NtpTimestamp t : List.of(sample.t1(), sample.t2(), sample.t3(), sample.t4())) {
      Optional<Instant> instant = t.instant();
      if (instant.isPresent()) {
        LocalDate date = LocalDate.ofInstant(instant.get(), ZoneOffset.UTC);
        if (common != null && !common.equals(date)) {
          return Optional.empty();
        }
        common = date;
      }
    }
    return Optional.ofNullable(common);
  }

  private static String label(String name, NtpTimestamp timestamp, Optional<LocalDate> date) {
    Optional<Instant> instant = timestamp.instant();
    if (instant.isEmpty()) {
      return name + " " + Meanings.timestamp(timestamp);
    }
    return name
        + " "
        + (date.isPresent() ? Instants.timeOfDay(instant.get()) : Instants.isoNanos(instant.get()));
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(1, width - text.length()));
  }

  private static String spaces(int count) {
    return " ".repeat(count);
  }
}
