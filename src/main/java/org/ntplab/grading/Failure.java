package org.ntplab.grading;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An exercise's first failing case as data, for a report that shows more than a line: where, what,
 * the call, both answers, and the bytes it stands on. One on a hidden fixture holds its field and
 * nothing else, so no report can show what the grader must not.
 *
 * @param fixture as {@link Case#fixture()}: empty for a case on no fixture, and when hidden
 * @param expected the reference's answer as shown (text quoted, bytes in hex); empty when hidden
 * @param got the student's answer, shown the same way; empty when hidden
 * @param mismatch the comparison's own words, e.g. {@code expected 2, got 3}; empty when hidden
 * @param packet the reference's bytes when both answers are bytes, else the fixture's packet the
 *     case stands on, if known
 * @param student the student's bytes, when both answers are bytes
 * @param rules the ids of the lab README's rules the case exercises ({@link Case#rules()}), sorted;
 *     none when hidden
 */
public record Failure(
    boolean hidden,
    String fixture,
    String field,
    String call,
    String expected,
    String got,
    String mismatch,
    Optional<byte[]> packet,
    Optional<byte[]> student,
    List<String> rules) {

  public Failure {
    rules = rules.stream().sorted().distinct().toList();
  }

  /** A case on a hidden fixture: its field only. */
  static Failure hidden(String field) {
    return new Failure(
        true, "", field, "", "", "", "", Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * A visible case's failure: {@code input} is the packet it stands on; when both answers are bytes
   * (or datagrams of bytes), the packet kept is the reference's answer, beside the student's.
   */
  static Failure of(Case<?> c, Object answer, String mismatch, Optional<byte[]> input) {
    Optional<byte[]> expectedBytes = bytes(c.expected());
    Optional<byte[]> studentBytes = bytes(answer);
    boolean ofBytes = expectedBytes.isPresent() && studentBytes.isPresent();
    return new Failure(
        false,
        c.fixture(),
        c.field(),
        c.call(),
        shown(c.expected()),
        shown(answer),
        mismatch,
        ofBytes ? expectedBytes : input,
        ofBytes ? studentBytes : Optional.empty(),
        List.copyOf(c.rules()));
  }

  /**
   * The one-line message text reports print: {@code fixture x (reply), field stratum:
   * stratum(packet): expected 2, got 3}.
   */
  public String text() {
    return hidden
        ? Grader.HIDDEN + ", field " + field + ": the answer differs from the reference's"
        : Grader.where(fixture, field) + call + ": " + mismatch;
  }

  /**
   * Offsets where the student's bytes differ from the packet's, a missing byte included; none
   * unless both are bytes.
   */
  public List<Integer> differingOffsets() {
    List<Integer> offsets = new ArrayList<>();
    if (packet.isPresent() && student.isPresent()) {
      byte[] e = packet.get();
      byte[] a = student.get();
      for (int i = 0; i < Math.max(e.length, a.length); i++) {
        if (i >= e.length || i >= a.length || e[i] != a[i]) {
          offsets.add(i);
        }
      }
    }
    return offsets;
  }

  /** The NTP header field at {@code offset} (RFC 5905 Figure 8), or {@code after the header}. */
  public static String fieldAt(int offset) {
    return ByteDiff.field(offset);
  }

  private static Optional<byte[]> bytes(Object value) {
    if (value instanceof byte[] b) {
      return Optional.of(b);
    }
    return value instanceof Optional<?> o && o.isPresent() && o.get() instanceof byte[] b
        ? Optional.of(b)
        : Optional.empty();
  }

  /**
   * An answer as a reader wants it: strings quoted and escaped, bytes in hex, an empty datagram as
   * none.
   */
  private static String shown(Object value) {
    if (value instanceof byte[] b) {
      return HexFormat.ofDelimiter(" ").formatHex(b);
    }
    if (value instanceof Optional<?> o) {
      return o.isEmpty() ? "none" : shown(o.get());
    }
    return value instanceof String s ? Comparison.quoted(s) : String.valueOf(value);
  }
}
