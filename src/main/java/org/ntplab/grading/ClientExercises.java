package org.ntplab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;
import org.ntplab.grading.ScriptedServer.Datagram;
import org.ntplab.grading.ScriptedServer.Run;
import org.ntplab.grading.ScriptedServer.Script;
import org.ntplab.lab.ClientLab;
import org.ntplab.lab.ClientResult;
import org.ntplab.server.NtpServer;
import org.ntplab.server.ServerConfig;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpHeader;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.ReferenceId;

/**
 * Lab 6: the student's client on a scripted server ({@link ScriptedServer}), each script also run
 * through the reference {@link org.ntplab.client.SntpClient} for the expected outcome: every
 * fixture's reply replayed, silence and retries, datagrams to ignore, kiss-o'-death; then once
 * against the real lab server on a loopback port.
 */
final class ClientExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(6, "client", "Client", Lab.Exercises.of(ClientLab.class, ClientExercises::of));

  /** Reading the clock may round T1 or T4 either way: one unit of 2^-32 s. */
  private static final long TIMESTAMP_TOLERANCE = 1;

  private static final long NANOS_TOLERANCE = 2;

  /** On loopback a reply takes microseconds; three silent attempts must fit the time limit. */
  static final Duration REAL_TIMEOUT = Duration.ofMillis(300);

  /** What the lab server says about itself in the one real exchange. */
  static final ServerConfig LAB_SERVER =
      ServerConfig.loopback()
          .withStratum(2)
          .withReferenceId(new ReferenceId(0xc000027b))
          .withPrecision(-20);

  private ClientExercises() {}

  static List<Exercise<ClientLab>> of(Corpus corpus) {
    Map<String, byte[]> replyBytes = new HashMap<>();
    corpus.packets().forEach(p -> replyBytes.put(p.label(), p.bytes()));
    List<Case<ClientLab>> requests = new ArrayList<>();
    List<Case<ClientLab>> replays = new ArrayList<>();
    Bench bench = null;
    for (Corpus.Exchange x : corpus.exchanges()) {
      NtpPacket reply = x.reply();
      if (reply.stratum() == 0 && reply.kissCode().isEmpty()) {
        continue; // stratum 0 without a kiss code: the lab's contract does not say what that is
      }
      byte[] bytes = replyBytes.get(x.label() + " (reply)");
      Instant t1 = x.t1().toInstant(NtpTimestamp.DEFAULT_PIVOT);
      Duration after = Duration.between(t1, x.t4().toInstant(NtpTimestamp.DEFAULT_PIVOT));
      Script script =
          new Script(t1, List.of(List.of(new Datagram(after, ScriptedServer.answering(bytes)))));
      int version = reply.version();
      Run expected = ScriptedServer.reference(script, version);
      String call = call(version, ScriptedServer.WAIT);
      requests.add(
          new Case<>(
              x.label(),
              "request",
              call + ", first request sent",
              expected.firstRequest(),
              lab -> ScriptedServer.student(lab, script, version).firstRequest(),
              request(),
              version == 3 ? Set.of("request-bytes") : Set.of("request-bytes", "request-version")));
      replays.add(
          new Case<>(
              x.label(),
              "answer",
              call,
              expected.result(),
              lab -> ScriptedServer.student(lab, script, version).completed().result(),
              result(),
              replayed(expected.result())));
      if (bench == null && isPlainReply(reply, after)) {
        bench = new Bench(x.label(), t1, after, bytes);
      }
    }
    if (bench == null) {
      throw new IllegalStateException(
          "no fixture has a plain server reply with T1 and T4 to build lab 6's scripts on");
    }
    return List.of(
        new Exercise<>(LAB, "request", 4, requests),
        new Exercise<>(LAB, "replayed replies", 6, replays),
        new Exercise<>(LAB, "retries", 4, retries(bench)),
        new Exercise<>(LAB, "ignores what is not the reply", 6, ignoring(bench)),
        new Exercise<>(LAB, "kiss-o'-death", 3, kisses(bench, corpus, replyBytes)),
        new Exercise<>(LAB, "lab server", 2, List.of(labServer())));
  }

  /**
   * What a replayed reply's outcome would catch broken: not the reply at all, or each part of an
   * answer.
   */
  private static Set<String> replayed(ClientResult result) {
    if (!(result instanceof ClientResult.Answered a)) {
      return result instanceof ClientResult.KissOfDeath ? Set.of("kiss-o-death") : Set.of();
    }
    Set<String> rules = new LinkedHashSet<>(Set.of("offset-delay"));
    rules.addAll(Rules.when(a.t4() != a.t1(), "t4-at-once"));
    rules.addAll(Rules.when(a.t2() != a.t3(), "t2-t3-from-reply"));
    rules.addAll(
        Rules.when(a.referenceId() >>> 31 == 1, "refid-raw")); // read into an int, it goes negative
    return rules;
  }

  /** The exchange the synthetic scripts are built on: a real reply, arriving within the wait. */
  private record Bench(String label, Instant t1, Duration delay, byte[] reply) {
    Datagram real() {
      return new Datagram(delay, ScriptedServer.answering(reply));
    }

    /** Junk that arrives halfway through the round trip, before the real reply. */
    Datagram junk(UnaryOperator<byte[]> spoil) {
      UnaryOperator<byte[]> answer = ScriptedServer.answering(reply);
      return new Datagram(delay.dividedBy(2), request -> spoil.apply(answer.apply(request)));
    }
  }

  private static boolean isPlainReply(NtpPacket reply, Duration delay) {
    return reply.mode() == Mode.SERVER
        && reply.stratum() >= 1
        && reply.stratum() <= 15
        && !reply.transmitTime().isZero()
        && !reply.receiveTime().isZero()
        && !delay.isNegative()
        && delay.compareTo(Duration.ofMillis(500)) < 0;
  }

  private static List<Case<ClientLab>> retries(Bench bench) {
    List<Datagram> silence = List.of();
    List<Case<ClientLab>> cases = new ArrayList<>();
    Set<String> retries = Set.of("retries");
    scripted(cases, bench, "no reply to any request", List.of(silence), retries);
    scripted(
        cases,
        bench,
        "a reply to the second request only",
        List.of(silence, List.of(bench.real())),
        retries);
    scripted(
        cases,
        bench,
        "a reply to the third request only",
        List.of(silence, silence, List.of(bench.real())),
        retries);
    return cases;
  }

  private static List<Case<ClientLab>> ignoring(Bench bench) {
    // Each piece of junk carries the server's times an hour on, so taking it shows in T2 and T3.
    UnaryOperator<byte[]> later = p -> shiftServerTimes(p, 3600);
    record Junk(String what, String rule, UnaryOperator<byte[]> spoil) {}
    List<Junk> junk =
        List.of(
            new Junk(
                "a spoofed reply first (origin one unit off what was sent)",
                "reply-origin",
                p -> addToLong(later.apply(p), NtpHeader.ORIGIN_TIME, 1)),
            new Junk(
                "a mode 3 packet first (a client request)",
                "reply-mode",
                p -> mode(later.apply(p), 3)),
            new Junk(
                "a mode 5 packet first (broadcast)", "reply-mode", p -> mode(later.apply(p), 5)),
            new Junk(
                "a reply with transmit timestamp zero first",
                "reply-transmit",
                p -> zeroTransmit(later.apply(p))),
            new Junk(
                "47 bytes of a reply first (too short)",
                "reply-length",
                p -> Arrays.copyOf(later.apply(p), 47)),
            // A kiss-o'-death stops a client for good: one that reads the kiss before the origin
            // can be
            // silenced by anyone who can send it a datagram.
            new Junk(
                "a spoofed kiss-o'-death first (stratum 0, RATE, origin one unit off)",
                "kiss-only-in-the-reply",
                p -> kiss(addToLong(later.apply(p), NtpHeader.ORIGIN_TIME, 1), "RATE")));
    List<Case<ClientLab>> cases = new ArrayList<>();
    List<Datagram> all = new ArrayList<>();
    for (Junk j : junk) {
      scripted(
          cases,
          bench,
          j.what(),
          List.of(List.of(bench.junk(j.spoil()), bench.real()), List.of(bench.real())),
          Set.of(j.rule()));
      all.add(bench.junk(j.spoil()));
    }
    all.add(bench.real());
    scripted(
        cases,
        bench,
        "all " + junk.size() + " of those first, then the reply",
        List.of(all, List.of(bench.real())),
        Set.of());
    return cases;
  }

  private static List<Case<ClientLab>> kisses(
      Bench bench, Corpus corpus, Map<String, byte[]> replyBytes) {
    List<Case<ClientLab>> cases = new ArrayList<>();
    for (String code : List.of("RATE", "DENY", "RSTR")) {
      byte[] kiss = bench.reply().clone();
      kiss[NtpHeader.STRATUM] = 0;
      ByteBuffer.wrap(kiss).putInt(NtpHeader.REFERENCE_ID, ReferenceId.ofAscii(code).bits());
      Bench kissing = new Bench(bench.label(), bench.t1(), bench.delay(), kiss);
      scripted(
          cases,
          kissing,
          "stratum 0 and " + code + " put in the reply",
          List.of(List.of(kissing.real())),
          Set.of("kiss-o-death"));
    }
    for (Corpus.Exchange x : corpus.exchanges()) {
      if (x.reply().mode() == Mode.SERVER && x.reply().kissCode().isPresent()) {
        Bench captured =
            new Bench(x.label(), bench.t1(), bench.delay(), replyBytes.get(x.label() + " (reply)"));
        scripted(
            cases,
            captured,
            "the captured kiss-o'-death",
            List.of(List.of(captured.real())),
            Set.of("kiss-o-death"));
      }
    }
    return cases;
  }

  /** Two cases for one script: the outcome, and how many requests were sent. */
  private static void scripted(
      List<Case<ClientLab>> cases,
      Bench bench,
      String what,
      List<List<Datagram>> replies,
      Set<String> rules) {
    Script script = new Script(bench.t1(), replies);
    int version = 4;
    Run expected = ScriptedServer.reference(script, version);
    String label = bench.label() + ", " + what;
    String call = call(version, ScriptedServer.WAIT);
    cases.add(
        new Case<>(
            label,
            "answer",
            call,
            expected.result(),
            lab -> ScriptedServer.student(lab, script, version).completed().result(),
            result(),
            rules));
    cases.add(
        new Case<>(
            label,
            "requests sent",
            call,
            expected.sent().size(),
            lab -> ScriptedServer.student(lab, script, version).completed().sent().size(),
            Comparison.exact(),
            rules));
  }

  /**
   * The one real exchange: over UDP to the lab server on a loopback port, the system clock on both
   * sides.
   */
  private static Case<ClientLab> labServer() {
    long id = Integer.toUnsignedLong(LAB_SERVER.referenceId().bits());
    String expected =
        String.format(
            "Answered with stratum %d, referenceId 0x%08x and an offset under 1 s",
            LAB_SERVER.stratum(), id);
    Function<ClientLab, ClientResult> ask =
        lab -> {
          try (NtpServer server = NtpServer.start(LAB_SERVER, Clock.systemUTC());
              UdpLabTransport transport = new UdpLabTransport(server.address())) {
            return lab.query(transport, Clock.systemUTC(), 4, REAL_TIMEOUT);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    Comparison facts =
        (e, actual) -> {
          if (!(actual instanceof ClientResult.Answered a)) {
            return Optional.of("expected " + e + ", got " + describe(actual));
          }
          if (a.stratum() != LAB_SERVER.stratum()) {
            return Optional.of(
                "stratum: expected " + LAB_SERVER.stratum() + ", got " + a.stratum());
          }
          if (a.referenceId() != id) {
            return Optional.of(
                String.format("referenceId: expected 0x%08x, got 0x%08x", id, a.referenceId()));
          }
          if (Math.abs(a.offsetNanos()) >= 1_000_000_000L) {
            return Optional.of(
                "offsetNanos: expected under 1 s either way (same clock both sides), got "
                    + a.offsetNanos());
          }
          return Optional.empty();
        };
    return new Case<>(
        "lab server on " + LAB_SERVER.bind().getAddress().getHostAddress(),
        "answer",
        "query(udp, Clock.systemUTC(), 4, " + REAL_TIMEOUT + ")",
        expected,
        ask,
        facts);
  }

  private static String call(int version, Duration timeout) {
    return "query(transport, clock, " + version + ", " + timeout + ")";
  }

  /** Requests: the reference's bytes, but T1's fraction may be rounded either way by one unit. */
  static Comparison request() {
    return (expected, actual) -> {
      byte[] e = (byte[]) expected;
      byte[] a = (byte[]) actual;
      if (a == null) {
        return Optional.of("expected a request of " + e.length + " bytes, got none sent");
      }
      int t1 = NtpHeader.TRANSMIT_TIME;
      if (a.length == e.length
          && Arrays.equals(e, 0, t1, a, 0, t1)
          && Math.abs(ByteBuffer.wrap(e).getLong(t1) - ByteBuffer.wrap(a).getLong(t1))
              <= TIMESTAMP_TOLERANCE) {
        return Optional.empty();
      }
      return Optional.of(ByteDiff.describe(e, a));
    };
  }

  /** Outcomes: the same kind; for an answer, field by field, the first that differs named. */
  static Comparison result() {
    return (expected, actual) -> {
      if (actual == null || expected.getClass() != actual.getClass()) {
        return Optional.of("expected " + describe(expected) + ", got " + describe(actual));
      }
      if (expected instanceof ClientResult.Answered e
          && actual instanceof ClientResult.Answered a) {
        return field("t1", e.t1(), a.t1(), TIMESTAMP_TOLERANCE, ClientExercises::timestamp)
            .or(() -> field("t2", e.t2(), a.t2(), 0, ClientExercises::timestamp))
            .or(() -> field("t3", e.t3(), a.t3(), 0, ClientExercises::timestamp))
            .or(() -> field("t4", e.t4(), a.t4(), TIMESTAMP_TOLERANCE, ClientExercises::timestamp))
            .or(
                () ->
                    field(
                        "offsetNanos",
                        e.offsetNanos(),
                        a.offsetNanos(),
                        NANOS_TOLERANCE,
                        String::valueOf))
            .or(
                () ->
                    field(
                        "delayNanos",
                        e.delayNanos(),
                        a.delayNanos(),
                        NANOS_TOLERANCE,
                        String::valueOf))
            .or(() -> field("stratum", e.stratum(), a.stratum(), 0, String::valueOf))
            .or(
                () ->
                    field(
                        "referenceId", e.referenceId(), a.referenceId(), 0, ClientExercises::word));
      }
      return expected.equals(actual)
          ? Optional.empty()
          : Optional.of("expected " + describe(expected) + ", got " + describe(actual));
    };
  }

  private static Optional<String> field(
      String name, long expected, long actual, long tolerance, LongFunction<String> show) {
    if (Math.abs(expected - actual) <= tolerance) {
      return Optional.empty();
    }
    return Optional.of(name + ": expected " + show.apply(expected) + ", got " + show.apply(actual));
  }

  private static String timestamp(long bits) {
    return String.format("0x%08x_%08x", bits >>> 32, bits & 0xffff_ffffL);
  }

  private static String word(long bits) {
    return String.format("0x%08x", bits);
  }

  static String describe(Object result) {
    if (result instanceof ClientResult.Answered a) {
      return String.format(
          "Answered(t1 %s, t2 %s, t3 %s, t4 %s, offset %d ns, delay %d ns, stratum %d, referenceId %s)",
          timestamp(a.t1()),
          timestamp(a.t2()),
          timestamp(a.t3()),
          timestamp(a.t4()),
          a.offsetNanos(),
          a.delayNanos(),
          a.stratum(),
          word(a.referenceId()));
    }
    if (result instanceof ClientResult.KissOfDeath k) {
      return "KissOfDeath(\"" + k.code() + "\")";
    }
    if (result instanceof ClientResult.NoAnswer) {
      return "NoAnswer()";
    }
    return String.valueOf(result);
  }

  private static byte[] shiftServerTimes(byte[] packet, long seconds) {
    byte[] received = addToLong(packet, NtpHeader.RECEIVE_TIME, seconds << 32);
    return addToLong(received, NtpHeader.TRANSMIT_TIME, seconds << 32);
  }

  private static byte[] addToLong(byte[] packet, int offset, long amount) {
    byte[] out = packet.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    b.putLong(offset, b.getLong(offset) + amount);
    return out;
  }

  private static byte[] kiss(byte[] packet, String code) {
    byte[] out = packet.clone();
    out[NtpHeader.STRATUM] = 0;
    ByteBuffer.wrap(out).putInt(NtpHeader.REFERENCE_ID, ReferenceId.ofAscii(code).bits());
    return out;
  }

  private static byte[] mode(byte[] packet, int mode) {
    byte[] out = packet.clone();
    out[0] = (byte) (out[0] & ~7 | mode);
    return out;
  }

  private static byte[] zeroTransmit(byte[] packet) {
    byte[] out = packet.clone();
    ByteBuffer.wrap(out).putLong(NtpHeader.TRANSMIT_TIME, 0);
    return out;
  }
}
