package org.ntplab.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the rows of a hexdump over the message bytes, so that the per-mode layouts only say which
 * field starts where. Words are 4-byte aligned from the start of the message and every byte lands
 * on exactly one word line: a region that starts inside a word already shown (padding after an odd
 * count of data) is annotated on that word, and a trailing partial word is shown as it is.
 */
final class Table {

  private final byte[] bytes;
  private final List<Row> rows = new ArrayList<>();

  /** Offset of the first word not yet shown. */
  private int next;

  Table(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /** The word at {@code offset}, annotated with its first field. */
  Table word(int offset, String field, String value, String meaning) {
    return word(offset, field, value, meaning, false);
  }

  Table word(int offset, String field, String value, String meaning, boolean problem) {
    rows.add(
        new Row(
            offset,
            Arrays.copyOfRange(bytes, offset, Math.min(offset + 4, bytes.length)),
            field,
            value,
            meaning,
            problem));
    next = offset + 4;
    return this;
  }

  /** A further field of the word above (the first word of a time packet holds six). */
  Table also(String field, String value, String meaning) {
    return also(field, value, meaning, false);
  }

  Table also(String field, String value, String meaning, boolean problem) {
    rows.add(new Row(-1, new byte[0], field, value, meaning, problem));
    return this;
  }

  /**
   * The bytes from {@code from} up to {@code to}: the first word annotated, the rest bytes only.
   */
  Table words(int from, int to, String field, String value, String meaning) {
    if (from >= to) {
      return this;
    }
    int first = from & ~3;
    if (first < next) {
      also(field, value, meaning);
    } else {
      word(first, field, value, meaning);
    }
    for (int offset = first + 4; offset < to; offset += 4) {
      word(offset, "", "", "");
    }
    return this;
  }

  /** The rows, with any bytes no layout claimed shown as such rather than silently dropped. */
  List<Row> rows() {
    if (next < bytes.length) {
      words(next, bytes.length, "(unexplained)", Meanings.bytes(bytes.length - next), "");
    }
    return List.copyOf(rows);
  }
}
