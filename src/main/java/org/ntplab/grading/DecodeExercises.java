package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.ntplab.lab.DecodeLab;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpHeader;
import org.ntplab.wire.NtpPacket;

/**
 * Lab 2: every header field of every time packet the reference accepts, then the edges of the
 * one-byte fields that no capture reaches (a poll below zero, a stratum of 128 and up), derived
 * from a captured reply ({@link Derived}).
 */
final class DecodeExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(2, "decode", "Decoder", Lab.Exercises.of(DecodeLab.class, DecodeExercises::of));

  private DecodeExercises() {}

  static List<Exercise<DecodeLab>> of(Corpus corpus) {
    List<Exercise<DecodeLab>> exercises = new ArrayList<>();
    add(
        exercises,
        corpus,
        "leap",
        NtpHeader.FIRST_BYTE,
        1,
        2,
        p -> p.leap().code(),
        DecodeLab::leap,
        Comparison.exact());
    add(
        exercises,
        corpus,
        "version",
        NtpHeader.FIRST_BYTE,
        1,
        2,
        NtpPacket::version,
        DecodeLab::version,
        Comparison.exact());
    add(
        exercises,
        corpus,
        "mode",
        NtpHeader.FIRST_BYTE,
        1,
        2,
        p -> p.mode().code(),
        DecodeLab::mode,
        Comparison.exact());
    add(
        exercises,
        corpus,
        "stratum",
        NtpHeader.STRATUM,
        1,
        2,
        NtpPacket::stratum,
        DecodeLab::stratum,
        Comparison.exact(),
        edges(corpus, NtpHeader.STRATUM, "stratum", 16, 128, 255));
    add(
        exercises,
        corpus,
        "poll",
        NtpHeader.POLL,
        1,
        2,
        NtpPacket::poll,
        DecodeLab::poll,
        Comparison.exact(),
        edges(corpus, NtpHeader.POLL, "poll", -6, -128, 127));
    add(
        exercises,
        corpus,
        "precision",
        NtpHeader.PRECISION,
        1,
        3,
        NtpPacket::precision,
        DecodeLab::precision,
        Comparison.exact(),
        edges(corpus, NtpHeader.PRECISION, "precision", -128, 0, 127));
    add(
        exercises,
        corpus,
        "rootDelay",
        NtpHeader.ROOT_DELAY,
        NtpHeader.WORD_LENGTH,
        2,
        p -> Integer.toUnsignedLong(p.rootDelay().bits()),
        DecodeLab::rootDelay,
        Comparison.word(),
        topBitSet(corpus, NtpHeader.ROOT_DELAY, "root delay"));
    add(
        exercises,
        corpus,
        "rootDispersion",
        NtpHeader.ROOT_DISPERSION,
        NtpHeader.WORD_LENGTH,
        2,
        p -> Integer.toUnsignedLong(p.rootDispersion().bits()),
        DecodeLab::rootDispersion,
        Comparison.word(),
        topBitSet(corpus, NtpHeader.ROOT_DISPERSION, "root dispersion"));
    add(
        exercises,
        corpus,
        "referenceId",
        NtpHeader.REFERENCE_ID,
        NtpHeader.WORD_LENGTH,
        5,
        NtpPacket::referenceIdText,
        DecodeLab::referenceId,
        Comparison.text());
    add(
        exercises,
        corpus,
        "referenceTime",
        NtpHeader.REFERENCE_TIME,
        NtpHeader.TIMESTAMP_LENGTH,
        2,
        p -> p.referenceTime().bits(),
        DecodeLab::referenceTime,
        Comparison.timestamp());
    add(
        exercises,
        corpus,
        "originTime",
        NtpHeader.ORIGIN_TIME,
        NtpHeader.TIMESTAMP_LENGTH,
        2,
        p -> p.originTime().bits(),
        DecodeLab::originTime,
        Comparison.timestamp());
    add(
        exercises,
        corpus,
        "receiveTime",
        NtpHeader.RECEIVE_TIME,
        NtpHeader.TIMESTAMP_LENGTH,
        2,
        p -> p.receiveTime().bits(),
        DecodeLab::receiveTime,
        Comparison.timestamp());
    add(
        exercises,
        corpus,
        "transmitTime",
        NtpHeader.TRANSMIT_TIME,
        NtpHeader.TIMESTAMP_LENGTH,
        2,
        p -> p.transmitTime().bits(),
        DecodeLab::transmitTime,
        Comparison.timestamp());
    return exercises;
  }

  private static void add(
      List<Exercise<DecodeLab>> into,
      Corpus corpus,
      String field,
      int offset,
      int length,
      int points,
      Function<NtpPacket, Object> reference,
      BiFunction<DecodeLab, byte[], ?> student,
      Comparison comparison) {
    add(into, corpus, field, offset, length, points, reference, student, comparison, List.of());
  }

  /**
   * The captured packets first, so the first failure a student sees is on real traffic; then the
   * edges.
   */
  private static void add(
      List<Exercise<DecodeLab>> into,
      Corpus corpus,
      String field,
      int offset,
      int length,
      int points,
      Function<NtpPacket, Object> reference,
      BiFunction<DecodeLab, byte[], ?> student,
      Comparison comparison,
      List<Corpus.TimePacket> edges) {
    List<Case<DecodeLab>> cases = new ArrayList<>();
    List<Corpus.TimePacket> packets = new ArrayList<>(repliesFirst(corpus.packets()));
    packets.addAll(edges);
    for (Corpus.TimePacket p : packets) {
      byte[] bytes = p.bytes();
      // A fresh copy per call: a student's decoder that writes into the array must not spoil the
      // next.
      Object expected = reference.apply(p.packet());
      cases.add(
          new Case<>(
              p.label(),
              field,
              field + "(packet)",
              expected,
              lab -> student.apply(lab, bytes.clone()),
              onTheWire(comparison, bytes, offset, length),
              rules(
                  field, p.packet(), expected, length > 1 && !palindrome(bytes, offset, length))));
    }
    into.add(new Exercise<>(LAB, field, points, cases));
  }

  /**
   * The rules of the README that a wrong {@code field} of {@code p} would break here; {@code
   * ordered}, when the field's bytes read differently the other way round.
   */
  private static Set<String> rules(String field, NtpPacket p, Object expected, boolean ordered) {
    String text = p.referenceIdText();
    boolean ascii = p.stratum() <= 1 && !text.isEmpty() && !text.startsWith("0x");
    Set<String> rules = new LinkedHashSet<>(Set.of("layout"));
    when(rules, ordered, "big-endian");
    switch (field) {
      case "stratum" -> when(rules, p.stratum() >= 128, "stratum-unsigned");
      case "poll" -> when(rules, p.poll() < 0, "poll-signed");
      case "precision" -> when(rules, p.precision() < 0, "precision-signed");
      case "rootDelay", "rootDispersion" ->
          when(rules, (long) expected >= 1L << 31, "root-unsigned");
      case "referenceTime", "originTime", "receiveTime", "transmitTime" ->
          when(
              rules,
              ((long) expected & 0xffff_ffffL) != 0,
              "timestamps-raw"); // seconds alone lose the fraction
      case "referenceId" -> {
        when(rules, ascii && p.stratum() == 0, "refid-kiss-code");
        when(rules, ascii && p.stratum() == 1, "refid-clock-name");
        when(rules, ascii && text.length() < 4, "refid-no-trailing-nuls");
        when(rules, p.stratum() <= 1 && p.referenceId().bits() == 0, "refid-zero-empty");
        when(rules, p.stratum() <= 1 && text.startsWith("0x"), "refid-hex");
        when(rules, p.stratum() >= 2, "refid-dotted-quad");
      }
      default -> {}
    }
    return rules;
  }

  private static void when(Set<String> rules, boolean witnessed, String rule) {
    if (witnessed) {
      rules.add(rule);
    }
  }

  /** Whether the field reads the same both ways round, so that its byte order cannot show. */
  private static boolean palindrome(byte[] bytes, int offset, int length) {
    for (int i = 0; i < length / 2; i++) {
      if (bytes[offset + i] != bytes[offset + length - 1 - i]) {
        return false;
      }
    }
    return true;
  }

  /** {@code comparison}, its mismatch followed by the field's bytes as they are in the packet. */
  private static Comparison onTheWire(
      Comparison comparison, byte[] packet, int offset, int length) {
    return (expected, actual) ->
        comparison
            .mismatch(expected, actual)
            .map(
                m ->
                    m
                        + "; on the wire, "
                        + (length == 1
                            ? "byte " + offset
                            : "bytes " + offset + ".." + (offset + length - 1))
                        + " = ["
                        + HexFormat.ofDelimiter(" ").formatHex(packet, offset, offset + length)
                        + "]");
  }

  /**
   * The first captured reply with byte {@code offset} set to each of {@code values} (signed as Java
   * bytes are).
   */
  private static List<Corpus.TimePacket> edges(
      Corpus corpus, int offset, String field, int... values) {
    List<Corpus.TimePacket> edges = new ArrayList<>();
    Derived.firstCapturedReply(corpus)
        .ifPresent(
            reply -> {
              for (int value : values) {
                Derived.withByte(reply, offset, value, field + " " + value).ifPresent(edges::add);
              }
            });
    return edges;
  }

  /**
   * No capture has a root delay or dispersion of 2^15 s or more: the first reply with the top bit
   * of one set.
   */
  private static List<Corpus.TimePacket> topBitSet(Corpus corpus, int offset, String field) {
    return Derived.firstCapturedReply(corpus)
        .flatMap(
            reply ->
                Derived.withByte(
                    reply, offset, reply.bytes()[offset] | 0x80, field + "'s top bit set"))
        .stream()
        .toList();
  }

  /**
   * Every packet, client requests last. The order decides only which failure is shown first, and a
   * request's fields are mostly zero: a reply's mismatch (a clock name read as an address, say)
   * tells the student more than {@code expected "", got "0.0.0.0"} does.
   */
  private static List<Corpus.TimePacket> repliesFirst(List<Corpus.TimePacket> packets) {
    List<Corpus.TimePacket> ordered = new ArrayList<>(packets);
    ordered.sort(Comparator.comparing(p -> p.packet().mode() == Mode.CLIENT));
    return ordered;
  }
}
