package org.ntplab.sources;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntplab.mitigation.Combine;
import org.ntplab.mitigation.Constants;
import org.ntplab.mitigation.CorrectnessInterval;
import org.ntplab.mitigation.Discipline;
import org.ntplab.mitigation.PeerEstimate;
import org.ntplab.mitigation.Selection;
import org.ntplab.text.Durations;

/**
 * A {@link Sources.Decision} for people, as {@code ntpq -p} and {@code chronyc sources} lay it out:
 * a line per server (tally code, name, stratum, reach in octal, samples, the filter's offset,
 * delay, dispersion and jitter, root distance, and why it is not {@code *} or {@code +}), the
 * intersection as an {@link IntersectionPicture}, then the combined offset and what the clock
 * discipline would do with it.
 */
public final class SourcesTable {

  private static final String HEADER = "  %-22s %2s %5s %7s %10s %9s %9s %9s %9s  %s";

  private SourcesTable() {}

  /** The lines, each ending in a newline. */
  public static String render(Sources.Decision decision) {
    StringBuilder out = new StringBuilder();
    int width = IntersectionPicture.LABEL.length() + 1;
    for (Sources.Row r : decision.rows()) {
      width = Math.max(width, r.peer().name().length() + 2);
    }
    out.append(
            String.format(
                    HEADER,
                    "server",
                    "st",
                    "reach",
                    "samples",
                    "offset",
                    "delay",
                    "disp",
                    "jitter",
                    "rootdist",
                    "")
                .stripTrailing())
        .append('\n');
    List<CorrectnessInterval> intervals = new ArrayList<>();
    for (Sources.Row r : decision.rows()) {
      out.append(row(r)).append('\n');
      r.interval().ifPresent(intervals::add);
    }
    Optional<Selection.Majority> intersection =
        decision instanceof Sources.Synchronized s
            ? Optional.of(s.intersection())
            : Optional.empty();
    if (!intervals.isEmpty()) {
      out.append('\n');
      for (String line : IntersectionPicture.draw(intervals, intersection, width)) {
        out.append(line).append('\n');
      }
    }
    out.append('\n');
    if (decision instanceof Sources.Synchronized s) {
      out.append(summary(s));
    } else if (decision instanceof Sources.Unsynchronized u) {
      out.append("not synchronized: ").append(u.why()).append('\n');
    }
    return out.toString();
  }

  private static String row(Sources.Row r) {
    Polled p = r.peer();
    String samples = p.samples().size() + "/" + p.polls();
    String st = p.claim().map(c -> String.valueOf(c.stratum())).orElse("-");
    String reach = Integer.toOctalString(p.reach());
    Optional<PeerEstimate> e = p.estimate();
    String line =
        String.format(
            "%c %-22s %2s %5s %7s %10s %9s %9s %9s %9s  %s",
            r.tally().code(),
            p.name(),
            st,
            reach,
            samples,
            e.map(x -> signed(x.offset())).orElse("-"),
            e.map(x -> text(x.delay())).orElse("-"),
            e.map(x -> text(x.dispersion())).orElse("-"),
            e.map(x -> text(x.jitter())).orElse("-"),
            r.interval().map(i -> text(i.rootDistance())).orElse("-"),
            r.why().orElse(""));
    return line.stripTrailing();
  }

  private static String summary(Sources.Synchronized s) {
    Selection.Majority m = s.intersection();
    Combine.Combined c = s.combined();
    return "intersection ["
        + signed(m.low())
        + ", "
        + signed(m.high())
        + "], found allowing "
        + m.falsetickers()
        + (m.falsetickers() == 1 ? " falseticker" : " falsetickers")
        + "\n"
        + "system peer "
        + s.systemPeer()
        + "; combined offset "
        + signed(c.offset())
        + ", jitter "
        + text(c.jitter())
        + "\n"
        + "the clock discipline would "
        + action(s.action(), c.offset())
        + "\n";
  }

  /** What RFC 5905 §11.3's discipline, frequency known, does with offset {@code theta}. */
  static String action(Discipline.Action action, double theta) {
    return switch (action) {
      case SLEW ->
          "slew the clock by "
              + signed(theta)
              + " (within the step threshold "
              + text(Constants.STEPT)
              + ")";
      case STEP ->
          "step the clock by "
              + signed(theta)
              + " (beyond the step threshold "
              + text(Constants.STEPT)
              + ")";
      case IGNORE -> "ignore the offset " + signed(theta) + " for now (an outlier, or measuring)";
      case PANIC ->
          "give up: "
              + signed(theta)
              + " is beyond the panic threshold "
              + text(Constants.PANICT)
              + "; set the clock by hand";
    };
  }

  /** {@code seconds} in a readable unit with its sign: {@code +10.0 ms}. */
  static String signed(double seconds) {
    return Durations.signed(duration(seconds));
  }

  /** {@code seconds} in a readable unit: {@code 102 µs}. */
  static String text(double seconds) {
    return Durations.text(BigDecimal.valueOf(seconds));
  }

  private static Duration duration(double seconds) {
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
