package org.ntplab.grading;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ntplab.client.TimeClient;
import org.ntplab.lab.TimeProtocolLab;
import org.ntplab.wire.NtpTimestamp;

/**
 * Lab 8: RFC 868's 4-byte answer, read and written, and a UDP client on a scripted server
 * ({@link ScriptedTimeServer}). The real values are the seconds of every receive and transmit
 * timestamp in the fixtures (an RFC 868 server would have sent those 4 bytes at that moment); the
 * edges are the era's ends and the two epochs.
 */
final class TimeProtocolExercises {

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
    values.forEach((value, label) -> {
      byte[] answer = bytes(value);
      String args = "(new byte[] {" + javaBytes(answer) + "})";
      seconds.add(new Case<>(label, "seconds", "seconds" + args, value, lab -> lab.seconds(answer.clone()),
          Comparison.word()));
      decoded.add(new Case<>(label, "time", "toInstant" + args, TimeClient.instant(value),
          lab -> lab.toInstant(answer.clone()), Comparison.exact()));
    });
    List<Case<TimeProtocolLab>> encoded = new ArrayList<>();
    instants.forEach((instant, label) -> encoded.add(new Case<>(label, "answer bytes",
        "encode(Instant.parse(\"" + instant + "\"))", bytes(NtpTimestamp.from(instant).seconds()),
        lab -> lab.encode(instant), Comparison.bytes())));
    return List.of(
        new Exercise<>(Lab.TIME_PROTOCOL, "seconds", 2, seconds),
        new Exercise<>(Lab.TIME_PROTOCOL, "instant (era rule)", 3, decoded),
        new Exercise<>(Lab.TIME_PROTOCOL, "encode", 2, encoded),
        new Exercise<>(Lab.TIME_PROTOCOL, "query over UDP", 3, queries(values)));
  }

  /** The UDP client on a scripted server: answers, silence and retries, datagrams that are not 4 bytes. */
  private static List<Case<TimeProtocolLab>> queries(Map<Long, String> values) {
    List<Case<TimeProtocolLab>> cases = new ArrayList<>();
    byte[] answer = bytes(values.keySet().iterator().next());
    String label = values.values().iterator().next();
    List<byte[]> silence = List.of();
    for (long edge : EDGES.keySet()) {
      scripted(cases, EDGES.get(edge) + ", answered at once", List.of(List.of(bytes(edge))));
    }
    scripted(cases, label + ", no answer to any request", List.of(silence));
    scripted(cases, label + ", an answer to the third request only", List.of(silence, silence, List.of(answer)));
    byte[] ntpReply = new byte[48];
    ntpReply[0] = 0x24;
    System.arraycopy(answer, 0, ntpReply, 40, 4);
    scripted(cases, label + ", a 48-byte NTP reply first", List.of(List.of(ntpReply, answer)));
    scripted(cases, label + ", 3 bytes first", List.of(List.of(Arrays.copyOf(answer, 3), answer)));
    scripted(cases, label + ", 5 bytes first", List.of(List.of(Arrays.copyOf(answer, 5), answer)));
    scripted(cases, label + ", only datagrams of the wrong length", List.of(List.of(new byte[0], new byte[8])));
    return cases;
  }

  private static void scripted(List<Case<TimeProtocolLab>> cases, String label, List<List<byte[]>> replies) {
    ScriptedTimeServer.Run expected = ScriptedTimeServer.reference(replies);
    String call = "query(transport, " + ScriptedTimeServer.WAIT + ")";
    cases.add(new Case<>(label, "answer", call, expected.answer(),
        lab -> ScriptedTimeServer.student(lab, replies).answer(), Comparison.exact()));
    cases.add(new Case<>(label, "requests sent", call, expected.sent().size(),
        lab -> ScriptedTimeServer.student(lab, replies).sent().size(), Comparison.exact()));
    cases.add(new Case<>(label, "request", call, expected.sent().get(0),
        lab -> ScriptedTimeServer.student(lab, replies).sent().stream().findFirst().orElse(new byte[0]),
        Comparison.bytes()));
  }

  private static void add(Map<Long, String> values, Map<Instant, String> instants, NtpTimestamp t, String label) {
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
    edges.put(Instant.parse("2036-02-07T06:28:15.999999999Z"), "edge: the last instant before the 2036 wrap");
    edges.put(Instant.parse("2036-02-07T06:28:16Z"), "edge: the 2036 wrap");
    edges.put(Instant.parse("2104-02-26T09:42:23.5Z"), "edge: 2104, the window's last second");
    edges.put(Instant.parse("2026-11-22T01:00:44.999Z"), "edge: a fraction of a second, truncated not rounded");
    return edges;
  }
}
