package org.ntplab.grading.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ntplab.fixture.FixtureException;
import org.ntplab.grading.Case;
import org.ntplab.grading.Comparison;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.Exercise;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Grader;
import org.ntplab.grading.Lab;

/**
 * Grade reports made by the real grader from a captured reply: lab 3's "server reply" asked of a
 * student who copies the reply and spoils some bytes of it, so a report has a byte diff to show.
 */
final class FailedOnBytes {

  private FailedOnBytes() {}

  /** The first captured reply of the built-in fixtures. */
  static Corpus.TimePacket reply() throws FixtureException {
    return Corpus.load().packets().stream()
        .filter(p -> p.label().endsWith("(reply)"))
        .findFirst()
        .orElseThrow();
  }

  /** The grade of a student whose reply has {@code spoil} done to it; hidden if {@code hidden}. */
  static GradeReport grade(Corpus.TimePacket reply, UnaryOperator<byte[]> spoil, boolean hidden) {
    byte[] header = Arrays.copyOf(reply.bytes(), 48);
    Case<UnaryOperator<byte[]>> asked =
        new Case<>(
            reply.label(),
            "header",
            "serverReply(fields)",
            header,
            student -> student.apply(header.clone()),
            Comparison.packet());
    Exercise<UnaryOperator<byte[]>> exercise =
        new Exercise<>(Lab.of(3), "server reply", 10, List.of(asked));
    try (Grader grader = new Grader(Duration.ofSeconds(5)).hiding(label -> hidden)) {
      return new GradeReport(grader.grade(List.of(exercise), () -> spoil));
    }
  }

  /** {@code bytes} with byte {@code offset} made {@code value}. */
  static byte[] with(byte[] bytes, int offset, int value) {
    bytes[offset] = (byte) value;
    return bytes;
  }
}
