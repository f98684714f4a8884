package org.ntplab.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntplab.mitigation.CorrectnessInterval;
import org.ntplab.mitigation.Selection;

/**
 * The selection as a picture on one time axis: a line per server with its correctness interval
 * drawn {@code [---|---]} (the bar θ − λ to θ + λ, {@code |} its offset θ), then the majority's
 * intersection drawn {@code ===}, then the axis's two ends. Where two marks fall in one column the
 * offset wins over the bar's ends, so that a narrow interval still shows where it is.
 */
final class IntersectionPicture {

  /** The label of the intersection's line. */
  static final String LABEL = "intersection";

  /** Columns of the axis. */
  static final int WIDTH = 60;

  private IntersectionPicture() {}

  /**
   * The lines, each {@code labelWidth} wide before the axis; empty when no server has an interval.
   */
  static List<String> draw(
      List<CorrectnessInterval> intervals,
      Optional<Selection.Majority> intersection,
      int labelWidth) {
    if (intervals.isEmpty()) {
      return List.of();
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (CorrectnessInterval c : intervals) {
      lo = Math.min(lo, c.low());
      hi = Math.max(hi, c.high());
    }
    if (hi - lo <= 0) {
      hi = lo + 1e-9;
    }
    Axis axis = new Axis(lo, hi);
    List<String> lines = new ArrayList<>();
    for (CorrectnessInterval c : intervals) {
      char[] row = blank();
      int a = axis.column(c.low());
      int b = axis.column(c.high());
      for (int i = a; i <= b; i++) {
        row[i] = '-';
      }
      row[a] = '[';
      row[b] = ']';
      row[axis.column(c.offset())] = '|';
      lines.add(pad(c.name(), labelWidth) + new String(row).stripTrailing());
    }
    if (intersection.isPresent()) {
      char[] row = blank();
      for (int i = axis.column(intersection.get().low());
          i <= axis.column(intersection.get().high());
          i++) {
        row[i] = '=';
      }
      lines.add(pad(LABEL, labelWidth) + new String(row).stripTrailing());
    }
    String left = SourcesTable.signed(lo);
    String right = SourcesTable.signed(hi);
    int gap = Math.max(1, WIDTH - left.length() - right.length());
    lines.add(pad("", labelWidth) + left + " ".repeat(gap) + right);
    return lines;
  }

  private static char[] blank() {
    char[] row = new char[WIDTH];
    java.util.Arrays.fill(row, ' ');
    return row;
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  /** Seconds to columns, the lowest edge in column 0 and the highest in the last. */
  private record Axis(double lo, double hi) {
    int column(double seconds) {
      long c = Math.round((seconds - lo) / (hi - lo) * (WIDTH - 1));
      return (int) Math.max(0, Math.min(WIDTH - 1, c));
    }
  }
}
