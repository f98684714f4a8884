package org.ntplab.grading;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ntplab.grading.student.WarmupAnswers;
import org.ntplab.lab.WarmupLab;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * Lab 0: the classic questions, each answer worked out from the reference codec. Questions about
 * packets are asked on a few fixtures picked by content (one per kind), not all of them: every
 * answer is a JShell evaluation, and each costs a compilation.
 */
final class WarmupExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(
          0,
          "warmup",
          WarmupAnswers.SCRIPT,
          Lab.Exercises.of(WarmupLab.class, WarmupExercises::of));

  /** For answers that no fixture holds: the question's number names the case alone. */
  private static final String NO_FIXTURE = "";

  /** Seconds since 1900 as a double keep about 0.5 µs: allow two units of that. */
  private static final double SECONDS_TOLERANCE = 1e-6;

  private static final int FIRST_BYTES = 6;
  private static final int RECEIVE_TIMES = 4;
  private static final int KISS_CODES = 6;

  private WarmupExercises() {}

  static List<Exercise<WarmupLab>> of(Corpus corpus) {
    byte[] classic = NtpCodec.encode(NtpPacket.clientRequest(3, NtpTimestamp.ZERO));
    long epoch = NtpTimestamp.from(Instant.EPOCH).seconds();
    // The first instant after era 0's last second, found by asking for the next zero timestamp.
    Instant eraEnds =
        NtpTimestamp.ZERO.toInstant(
            new NtpTimestamp(0xffffffff_00000000L).toInstant(NtpTimestamp.DEFAULT_PIVOT));
    return List.of(
        constant(
            "1. seconds from 1900 to 1970",
            1,
            "question 1",
            "epochOffset()",
            epoch,
            WarmupLab::epochOffset,
            "epoch-offset"),
        constant(
            "2. when era 0 ends",
            1,
            "question 2",
            "eraZeroEnds()",
            eraEnds,
            WarmupLab::eraZeroEnds,
            "era-zero-ends"),
        constant(
            "3. bytes in an SNTP request",
            1,
            "question 3",
            "requestLength()",
            classic.length,
            WarmupLab::requestLength,
            "request-length"),
        constant(
            "4. receive timestamp offset",
            1,
            "question 4",
            "receiveTimestampOffset()",
            receiveOffset(),
            WarmupLab::receiveTimestampOffset,
            "receive-offset"),
        new Exercise<>(LAB, "5. version and mode of 0x1b", 2, firstBytes(classic, corpus)),
        new Exercise<>(LAB, "6. receive time in seconds", 2, receiveTimes(corpus)),
        new Exercise<>(LAB, "7. kiss code of a reply", 2, kissCodes(corpus)));
  }

  private static Exercise<WarmupLab> constant(
      String title,
      int points,
      String field,
      String call,
      Object expected,
      java.util.function.Function<WarmupLab, ?> answer,
      String rule) {
    return new Exercise<>(
        LAB,
        title,
        points,
        List.of(
            new Case<>(
                NO_FIXTURE, field, call, expected, answer, Comparison.exact(), Set.of(rule))));
  }

  /** Where a distinctive receive timestamp lands when the reference encodes it. */
  private static int receiveOffset() {
    NtpPacket blank = NtpPacket.clientRequest(4, NtpTimestamp.ZERO);
    NtpTimestamp marker = new NtpTimestamp(0x0123_4567_89ab_cdefL);
    NtpPacket marked =
        new NtpPacket(
            blank.leap(),
            blank.version(),
            blank.mode(),
            blank.stratum(),
            blank.poll(),
            blank.precision(),
            blank.rootDelay(),
            blank.rootDispersion(),
            blank.referenceId(),
            blank.referenceTime(),
            blank.originTime(),
            marker,
            blank.transmitTime(),
            blank.extensionFields(),
            blank.mac());
    byte[] bytes = NtpCodec.encode(marked);
    for (int i = 0; i + 8 <= bytes.length; i++) {
      if (java.nio.ByteBuffer.wrap(bytes, i, 8).getLong() == marker.bits()) {
        return i;
      }
    }
    throw new IllegalStateException("the receive timestamp is not in the encoded packet");
  }

  /** The classic request's 0x1b, then first bytes of other versions and modes from the fixtures. */
  private static List<Case<WarmupLab>> firstBytes(byte[] classic, Corpus corpus) {
    Map<Integer, String> bytes = new LinkedHashMap<>();
    bytes.put(classic[0] & 0xff, "classic SNTP request");
    Set<String> kinds = new HashSet<>(Set.of("3/" + Mode.CLIENT));
    for (Corpus.TimePacket p : corpus.packets()) {
      if (bytes.size() < FIRST_BYTES && kinds.add(p.packet().version() + "/" + p.packet().mode())) {
        bytes.putIfAbsent(p.bytes()[0] & 0xff, p.label());
      }
    }
    // And one under a leap indicator, if none is yet: where a version read without its mask goes
    // wrong.
    if (bytes.keySet().stream().allMatch(b -> b >> 6 == 0)) {
      corpus.packets().stream()
          .filter(p -> (p.bytes()[0] & 0xc0) != 0)
          .findFirst()
          .ifPresent(p -> bytes.put(p.bytes()[0] & 0xff, p.label()));
    }
    List<Case<WarmupLab>> cases = new ArrayList<>();
    bytes.forEach(
        (b, label) -> {
          NtpPacket packet = NtpCodec.decodePacket(header(b));
          String hex = String.format("0x%02x", b);
          // The version under a leap indicator, where forgetting the mask shows; a mode that needs
          // all three bits.
          cases.add(
              new Case<>(
                  label,
                  "version",
                  "version(" + hex + ")",
                  packet.version(),
                  lab -> lab.version(b),
                  Comparison.exact(),
                  Rules.when(packet.leap().code() != 0, "version-bits")));
          cases.add(
              new Case<>(
                  label,
                  "mode",
                  "mode(" + hex + ")",
                  packet.mode().code(),
                  lab -> lab.mode(b),
                  Comparison.exact(),
                  Rules.when(packet.mode().code() >= 4, "mode-bits")));
        });
    return cases;
  }

  /** A 48-byte packet that starts with {@code first}, for the reference to decode. */
  private static byte[] header(int first) {
    byte[] bytes = new byte[NtpPacket.HEADER_LENGTH];
    bytes[0] = (byte) first;
    return bytes;
  }

  /**
   * Replies whose receive timestamps differ in kind: the fraction's top bit set and clear, the
   * seconds' top bit set (era 0) and clear (era 1), where a signed read goes wrong or right.
   */
  private static List<Case<WarmupLab>> receiveTimes(Corpus corpus) {
    Map<String, Corpus.TimePacket> picked = new LinkedHashMap<>();
    for (Corpus.TimePacket p : replies(corpus)) {
      NtpTimestamp t = p.packet().receiveTime();
      if (!t.isZero() && picked.size() < RECEIVE_TIMES) {
        picked.putIfAbsent((t.seconds() >>> 31) + "/" + (t.fraction() >>> 31), p);
      }
    }
    List<Case<WarmupLab>> cases = new ArrayList<>();
    for (Corpus.TimePacket p : picked.values()) {
      NtpTimestamp t = p.packet().receiveTime();
      double seconds =
          BigDecimal.valueOf(t.fraction())
              .divide(BigDecimal.valueOf(1L << 32), MathContext.DECIMAL64)
              .add(BigDecimal.valueOf(t.seconds()))
              .doubleValue();
      byte[] bytes = p.bytes();
      cases.add(
          new Case<>(
              p.label(),
              "receiveTime " + t,
              "receiveSeconds(reply)",
              seconds,
              lab -> lab.receiveSeconds(bytes.clone()),
              Comparison.close(SECONDS_TOLERANCE),
              Rules.union(
                  Rules.when(t.seconds() >>> 31 == 1, "receive-seconds-unsigned"),
                  Rules.when(t.fraction() >>> 31 == 1, "receive-fraction-unsigned"))));
    }
    return cases;
  }

  /**
   * One reply per kiss code in the fixtures, and one of each kind that carries none (stratum 0 or
   * not).
   */
  private static List<Case<WarmupLab>> kissCodes(Corpus corpus) {
    Map<String, Corpus.TimePacket> picked = new LinkedHashMap<>();
    for (Corpus.TimePacket p : replies(corpus)) {
      Optional<KissCode> code = p.packet().kissCode();
      String kind =
          code.map(KissCode::code)
              .orElse(p.packet().stratum() == 0 ? "stratum 0, no code" : "stratum 1 and up");
      if (picked.size() < KISS_CODES) {
        picked.putIfAbsent(kind, p);
      }
    }
    List<Case<WarmupLab>> cases = new ArrayList<>();
    for (Corpus.TimePacket p : picked.values()) {
      String expected = p.packet().kissCode().map(KissCode::code).orElse(null);
      byte[] bytes = p.bytes();
      cases.add(
          new Case<>(
              p.label(),
              "referenceId (stratum " + p.packet().stratum() + ")",
              "kissCode(reply)",
              expected,
              lab -> lab.kissCode(bytes.clone()),
              Comparison.text(),
              Set.of(expected != null ? "kiss-code" : "kiss-code-else-null")));
    }
    return cases;
  }

  /**
   * Server and broadcast packets: the ones that carry the server's time and, at stratum 0, a kiss.
   */
  private static List<Corpus.TimePacket> replies(Corpus corpus) {
    return corpus.packets().stream()
        .filter(p -> p.packet().mode() == Mode.SERVER || p.packet().mode() == Mode.BROADCAST)
        .toList();
  }
}
