package org.ntplab.grading;

/**
 * Two byte arrays side by side in hex, 16 bytes a line, with every byte that differs (or is missing
 * from the other array) in brackets: {@code 24 03 [00] e7}. Brackets rather than colour because the
 * text also goes to results.json and to terminals without colour.
 */
final class ByteDiff {

  private ByteDiff() {}

  static String describe(byte[] expected, byte[] actual) {
    StringBuilder out = new StringBuilder();
    int first = firstDifference(expected, actual);
    out.append(
        expected.length == actual.length
            ? "bytes differ, first at offset " + first
            : "expected "
                + expected.length
                + " bytes, got "
                + actual.length
                + " (first difference at offset "
                + first
                + ")");
    int length = Math.max(expected.length, actual.length);
    for (int line = 0; line < length; line += 16) {
      out.append(String.format("%n  %04x expected %s", line, row(expected, actual, line)));
      out.append(String.format("%n       actual   %s", row(actual, expected, line)));
    }
    return out.toString();
  }

  static int firstDifference(byte[] a, byte[] b) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      if (a[i] != b[i]) {
        return i;
      }
    }
    return n;
  }

  /**
   * The header field at {@code offset} (RFC 5905 Figure 8), for a message about a difference there.
   */
  static String field(int offset) {
    String[] fields = {
      "leap, version, mode",
      "stratum",
      "poll",
      "precision",
      "root delay",
      "root dispersion",
      "reference ID",
      "reference timestamp",
      "origin timestamp",
      "receive timestamp",
      "transmit timestamp"
    };
    if (offset < 4) {
      return fields[offset];
    }
    if (offset < 16) {
      return fields[3 + offset / 4];
    }
    return offset < 48 ? fields[5 + offset / 8] : "after the header";
  }

  private static String row(byte[] these, byte[] others, int start) {
    StringBuilder row = new StringBuilder();
    for (int i = start; i < start + 16 && i < Math.max(these.length, others.length); i++) {
      if (i > start) {
        row.append(i % 4 == 0 ? "  " : " ");
      }
      if (i >= these.length) {
        row.append(" -- ");
        continue;
      }
      String hex = String.format("%02x", these[i]);
      boolean same = i < others.length && others[i] == these[i];
      row.append(same ? " " + hex + " " : "[" + hex + "]");
    }
    return row.toString();
  }
}
