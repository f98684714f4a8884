package org.ntplab.grading;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ntplab.client.TimeClient;
import org.ntplab.lab.TimeProtocolLab;
import org.ntplab.wire.NtpTimestamp;

/**
 * Lab 8: RFC 868's 4-byte answer, read and written, and a UDP client on a scripted server ({@link
 * ScriptedTimeServer}). The real values are the seconds of every receive and transmit timestamp in
 * the fixtures (an RFC 868 server would have sent those 4 bytes at that moment); the edges are the
 * era's ends and the two epochs.
 */
final class TimeProtocolExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(
          8,
          "time-protocol",
          "TimeProtocol",
          Lab.Exercises.of(TimeProtocolLab.class, TimeProtocolExercises::of));

  private static final HexFormat HEX = HexFormat.of();

  /** Seconds since 1900 that a careless reading gets wrong, each with why it is here. */
  private static final Map<Long, String> EDGES = edges();

  /** Instants whose 4 bytes a careless writer gets wrong. */
  private static final Map<Instant, String> EDGE_INSTANTS = edgeInstants();

  private TimeProtocolExercises() {}

  static List<Exercise<TimeProtocolLab>> of(Corpus corpus) {
    // Each distinct value once, under the first fixture that has it: a corpus holds many repeats.
    Map<Long, String> values = new LinkedHashMap<>();
    Map<Instant, String> instants = new LinkedHashMap<>();
    for (Corpus.TimePacket p : corpus.packets()) {
      add(values, instants, p.packet().receiveTime(), p.label() + ", receive timestamp");
      add(values, instants, p.packet().transmitTime(), p.label() + ", transmit timestamp");
    }
    EDGES.forEach(values::putIfAbsent);
    EDGE_INSTANTS.forEach(instants::putIfAbsent);

    List<Case<TimeProtocolLab>> seconds = new ArrayList<>();
    List<Case<TimeProtocolLab>> decoded = new ArrayList<>();
    values.forEach(
        (value, label) -> {
          byte[] answer = bytes(value);
          String args = "(new byte[] {" + javaBytes(answer) + "})";
          Set<String> order =
              Rules.when(
                  Integer.reverseBytes((int) (long) value) != (int) (long) value, "big-endian");
          seconds.add(
              new Case<>(
                  label,
                  "seconds",
                  "seconds" + args,
                  value,
                  lab -> lab.seconds(answer.clone()),
                  Comparison.word(),
                  Rules.union(order, Rules.when(value >= 1L << 31, "seconds-unsigned"))));
          // Era 1 (top bit clear) is where a reading that ignores the era goes wrong.
          decoded.add(
              new Case<>(
                  label,
                  "time",
                  "toInstant" + args,
                  TimeClient.instant(value),
                  lab -> lab.toInstant(answer.clone()),
                  Comparison.exact(),
                  Rules.union(
                      order, Set.of("epoch-1900"), Rules.when(value < 1L << 31, "era-rule"))));
        });
    List<Case<TimeProtocolLab>> encoded = new ArrayList<>();
    instants.forEach(
        (instant, label) -> {
          long value = NtpTimestamp.from(instant).seconds();
          Set<String> rules =
              Rules.union(
                  Set.of("epoch-1900"),
                  Rules.when(Integer.reverseBytes((int) value) != (int) value, "big-endian"),
                  Rules.when(instant.getNano() >= 500_000_000, "encode-truncates"),
                  Rules.when(!instant.isBefore(TimeClient.instant(0)), "encode-modulo"));
          encoded.add(
              new Case<>(
                  label,
                  "answer bytes",
                  "encode(Instant.parse(\"" + instant + "\"))",
                  bytes(value),
                  lab -> lab.encode(instant),
                  Comparison.bytes(),
                  rules));
        });
    return List.of(
        new Exercise<>(LAB, "seconds", 2, seconds),
        new Exercise<>(LAB, "instant (era rule)", 3, decoded),
        new Exercise<>(LAB, "encode", 2, encoded),
        new Exercise<>(LAB, "query over UDP", 3, queries(values)));
  }

  /**
   * The UDP client on a scripted server: answers, silence and retries, datagrams that are not 4
   * bytes.
   */
  private static List<Case<TimeProtocolLab>> queries(Map<Long, String> values) {
    List<Case<TimeProtocolLab>> cases = new ArrayList<>();
    byte[] answer = bytes(values.keySet().iterator().next());
    String label = values.values().iterator().next();
    List<byte[]> silence = List.of();
    for (long edge : EDGES.keySet()) {
      scripted(
          cases, EDGES.get(edge) + ", answered at once", List.of(List.of(bytes(edge))), Set.of());
    }
    Set<String> retries = Set.of("query-retries");
    scripted(cases, label + ", no answer to any request", List.of(silence), retries);
    scripted(
        cases,
        label + ", an answer to the third request only",
        List.of(silence, silence, List.of(answer)),
        retries);
    byte[] ntpReply = new byte[48];
    ntpReply[0] = 0x24;
    System.arraycopy(answer, 0, ntpReply, 40, 4);
    Set<String> length = Set.of("query-4-bytes");
    scripted(
        cases, label + ", a 48-byte NTP reply first", List.of(List.of(ntpReply, answer)), length);
    scripted(
        cases,
        label + ", 3 bytes first",
        List.of(List.of(Arrays.copyOf(answer, 3), answer)),
        length);
    scripted(
        cases,
        label + ", 5 bytes first",
        List.of(List.of(Arrays.copyOf(answer, 5), answer)),
        length);
    scripted(
        cases,
        label + ", only datagrams of the wrong length",
        List.of(List.of(new byte[0], new byte[8])),
        length);
    return cases;
  }

  private static void scripted(
      List<Case<TimeProtocolLab>> cases,
      String label,
      List<List<byte[]>> replies,
      Set<String> rules) {
    ScriptedTimeServer.Run expected = ScriptedTimeServer.reference(replies);
    String call = "query(transport, " + ScriptedTimeServer.WAIT + ")";
    cases.add(
        new Case<>(
            label,
            "answer",
            call,
            expected.answer(),
            lab -> ScriptedTimeServer.student(lab, replies).answer(),
            Comparison.exact(),
            rules));
    cases.add(
        new Case<>(
            label,
            "requests sent",
            call,
            expected.sent().size(),
            lab -> ScriptedTimeServer.student(lab, replies).sent().size(),
            Comparison.exact(),
            rules));
    cases.add(
        new Case<>(
            label,
            "request",
            call,
            expected.sent().get(0),
            lab ->
                ScriptedTimeServer.student(lab, replies).sent().stream()
                    .findFirst()
                    .orElse(new byte[0]),
            Comparison.bytes(),
            Set.of("query-request")));
  }

  private static void add(
      Map<Long, String> values, Map<Instant, String> instants, NtpTimestamp t, String label) {
    values.putIfAbsent(t.seconds(), label);
    if (!t.isZero()) {
      instants.putIfAbsent(t.toInstant(NtpTimestamp.DEFAULT_PIVOT), label);
    }
  }

  /** The answer a TIME server sends: the 32-bit value big-endian, as the lab server writes it. */
  private static byte[] bytes(long seconds) {
    return ByteBuffer.allocate(4).putInt((int) seconds).array();
  }

  private static String javaBytes(byte[] b) {
    List<String> out = new ArrayList<>();
    for (byte x : b) {
      out.add(x < 0 ? "(byte) 0x" + HEX.toHexDigits(x) : "0x" + HEX.toHexDigits(x));
    }
    return String.join(", ", out);
  }

  private static Map<Long, String> edges() {
    Map<Long, String> edges = new LinkedHashMap<>();
    edges.put(0L, "edge: 0, the wrap on 2036-02-07T06:28:16Z (era 1), not 1900");
    edges.put(1L, "edge: 1, a second after the 2036 wrap");
    edges.put(0x7fff_ffffL, "edge: 0x7fffffff, the last second of the window (2104)");
    edges.put(0x8000_0000L, "edge: 0x80000000, the first second of the window (1968)");
    edges.put(2_208_988_800L, "edge: 2208988800, the Unix epoch");
    edges.put(0xffff_ffffL, "edge: 0xffffffff, the last second before the 2036 wrap");
    return edges;
  }

  private static Map<Instant, String> edgeInstants() {
    Map<Instant, String> edges = new LinkedHashMap<>();
    edges.put(Instant.parse("1900-01-01T00:00:00Z"), "edge: 1900, the epoch");
    edges.put(Instant.EPOCH, "edge: 1970, the Unix epoch");
    edges.put(
        Instant.parse("2036-02-07T06:28:15.999999999Z"),
        "edge: the last instant before the 2036 wrap");
    edges.put(Instant.parse("2036-02-07T06:28:16Z"), "edge: the 2036 wrap");
    edges.put(Instant.parse("2104-02-26T09:42:23.5Z"), "edge: 2104, the window's last second");
    edges.put(
        Instant.parse("2026-11-22T01:00:44.999Z"),
        "edge: a fraction of a second, truncated not rounded");
    return edges;
  }
}
