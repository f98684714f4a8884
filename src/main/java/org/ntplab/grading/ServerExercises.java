package org.ntplab.grading;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.ntplab.lab.ServerLab;
import org.ntplab.lab.ServerState;
import org.ntplab.server.Disposition;
import org.ntplab.server.DropReason;
import org.ntplab.server.Faults;
import org.ntplab.server.RateLimit;
import org.ntplab.server.ReplyAuth;
import org.ntplab.server.Responder;
import org.ntplab.server.ServerConfig;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpHeader;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.ReferenceId;

/**
 * Lab 7: the lab server's {@link Responder} is the reference. Every datagram in the fixtures
 * (requests and replies, malformed ones included) and damaged copies of a real request go to the
 * student's server and to the Responder, with a server state and T2, T3 that change from case to
 * case; the answers are compared byte for byte, or as a drop.
 */
final class ServerExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(7, "server", "Server", Lab.Exercises.of(ServerLab.class, ServerExercises::of));

  /**
   * A client's address: not port 123, so an NTPv1 mode-0 packet is a client's (as chronyd tells).
   */
  private static final InetSocketAddress CLIENT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 40123);

  /** When the first request arrives; later ones a little over a second apart each. */
  private static final Instant START = Instant.parse("2026-12-01T06:00:00.123456789Z");

  private ServerExercises() {}

  /** A server's state, and how long before the request arrived its clock was last set. */
  private record Setting(
      int leap,
      int stratum,
      int precision,
      long rootDelay,
      long rootDispersion,
      long referenceId,
      Duration referenceAge) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting(
              0,
              2,
              -23,
              0x0000_0a3dL,
              0x0000_051eL,
              0xc000_0201L,
              Duration.ofMillis(64_500)), // 192.0.2.1
          new Setting(
              1,
              1,
              -20,
              0,
              0x0000_0010L,
              0x4750_5300L,
              Duration.ofNanos(16_000_000_001L)), // GPS, leap second ahead
          new Setting(
              0,
              3,
              -25,
              0x0001_8000L,
              0x0000_4000L,
              0x7f7f_0101L,
              Duration.ofSeconds(1))); // chronyd's local clock

  /**
   * One question: a datagram, the state and times to answer it with, and what the reference
   * answers.
   */
  private record Query(
      String label,
      byte[] request,
      ServerState state,
      long receive,
      long transmit,
      Disposition outcome,
      Optional<byte[]> reply) {}

  static List<Exercise<ServerLab>> of(Corpus corpus) {
    List<Query> queries = new ArrayList<>();
    Corpus.Capture firstV4 = null;
    for (Corpus.Capture c : corpus.captures()) {
      if (c.request() != null) {
        queries.add(query(c.id() + " (request)", c.request(), queries.size()));
        if (firstV4 == null
            && c.request().length == NtpPacket.HEADER_LENGTH
            && c.request()[0] == 0x23) {
          firstV4 = c;
        }
      }
      if (c.reply() != null) {
        queries.add(query(c.id() + " (reply)", c.reply(), queries.size()));
      }
    }
    if (firstV4 != null) {
      damaged(queries, firstV4.id(), firstV4.request());
    }
    List<Case<ServerLab>> v4 = new ArrayList<>();
    List<Case<ServerLab>> older = new ArrayList<>();
    List<Case<ServerLab>> signed = new ArrayList<>();
    List<Case<ServerLab>> peers = new ArrayList<>();
    List<Case<ServerLab>> control = new ArrayList<>();
    List<Case<ServerLab>> drops = new ArrayList<>();
    for (Query q : queries) {
      Case<ServerLab> c =
          new Case<>(
              q.label(),
              "reply",
              String.format(
                  "reply(request, %s, 0x%016xL, 0x%016xL)", q.state(), q.receive(), q.transmit()),
              q.reply(),
              lab -> lab.reply(q.request().clone(), q.state(), q.receive(), q.transmit()),
              Comparison.datagram(),
              rules(q.request(), q.outcome()));
      if (q.outcome() instanceof Disposition.Drop d) {
        boolean mode67 =
            d.reason() == DropReason.CONTROL_MODE_6 || d.reason() == DropReason.PRIVATE_MODE_7;
        (mode67 ? control : drops).add(c);
      } else if (q.outcome() instanceof Disposition.Reply r) {
        if (r.auth() instanceof ReplyAuth.CryptoNak) {
          signed.add(c);
        } else if (r.packet().mode() == Mode.SYMMETRIC_PASSIVE) {
          peers.add(c);
        } else {
          (r.packet().version() == 4 ? v4 : older).add(c);
        }
      }
    }
    return List.of(
        new Exercise<>(LAB, "reply to NTPv4 client requests", 6, v4),
        new Exercise<>(LAB, "reply to NTPv1-v3 client requests", 4, older),
        new Exercise<>(LAB, "signed requests: a crypto-NAK", 2, signed),
        new Exercise<>(LAB, "symmetric active peers: a passive reply", 2, peers),
        new Exercise<>(LAB, "never answer mode 6 or 7", 3, control),
        new Exercise<>(LAB, "drop replies, other modes and malformed datagrams", 3, drops));
  }

  /**
   * The README's rules that a wrong answer to {@code request} would break, from what the reference
   * made of it.
   */
  private static Set<String> rules(byte[] request, Disposition outcome) {
    if (outcome instanceof Disposition.Drop d) {
      return switch (d.reason()) {
        case CONTROL_MODE_6, PRIVATE_MODE_7 -> Set.of("never-mode-6-7");
        case NOT_A_CLIENT_REQUEST -> Set.of("drop-non-requests");
        case MALFORMED -> Set.of("drop-malformed");
        default -> Set.of();
      };
    }
    Disposition.Reply reply = (Disposition.Reply) outcome;
    int version = request[0] >> 3 & 7;
    boolean nak = reply.auth() instanceof ReplyAuth.CryptoNak;
    Set<String> rules = new LinkedHashSet<>(List.of("reply-from-state", "reply-t2-t3"));
    rules.addAll(Rules.when(version < 4, "reply-version"));
    rules.addAll(Rules.when(request[NtpHeader.POLL] != 0, "reply-poll"));
    rules.addAll(
        Rules.when(ByteBuffer.wrap(request).getLong(NtpHeader.TRANSMIT_TIME) != 0, "reply-origin"));
    rules.addAll(Rules.when(version == 1 && (request[0] & 7) == 0, "v1-mode-0"));
    rules.addAll(Rules.when(reply.packet().mode() == Mode.SYMMETRIC_PASSIVE, "symmetric-passive"));
    rules.addAll(Rules.when(nak, "crypto-nak"));
    rules.addAll(Rules.when(!nak && request.length > NtpPacket.HEADER_LENGTH, "header-only"));
    return rules;
  }

  /** The {@code index}th question: it takes the next setting and its own times. */
  private static Query query(String label, byte[] request, int index) {
    Setting s = SETTINGS.get(index % SETTINGS.size());
    Instant arrival = START.plusNanos(index * 1_000_123_457L);
    Instant sending = arrival.plusNanos(137_891 + index % 7 * 1_000);
    ServerState state =
        new ServerState(
            s.leap(),
            s.stratum(),
            s.precision(),
            s.rootDelay(),
            s.rootDispersion(),
            s.referenceId(),
            NtpTimestamp.from(arrival.minus(s.referenceAge())).bits());
    long receive = NtpTimestamp.from(arrival).bits();
    long transmit = NtpTimestamp.from(sending).bits();
    Answer answer = answer(request, state, receive, transmit);
    return new Query(label, request, state, receive, transmit, answer.outcome(), answer.reply());
  }

  /** What the Responder decided, and the bytes it sends (empty for a drop). */
  record Answer(Disposition outcome, Optional<byte[]> reply) {}

  /**
   * The Responder's answer, configured as {@code state} says, with its clock reading {@code
   * transmit}. Times made with nanosecond instants, as {@link #query} makes them, go through the
   * Responder's instants unchanged.
   */
  static Answer answer(byte[] request, ServerState state, long receive, long transmit) {
    Instant arrival = new NtpTimestamp(receive).toInstant(NtpTimestamp.DEFAULT_PIVOT);
    Instant sending = new NtpTimestamp(transmit).toInstant(NtpTimestamp.DEFAULT_PIVOT);
    Instant reference =
        new NtpTimestamp(state.referenceTime()).toInstant(NtpTimestamp.DEFAULT_PIVOT);
    ServerConfig config =
        ServerConfig.loopback()
            .withStratum(state.stratum())
            .withReferenceId(new ReferenceId((int) state.referenceId()))
            .withRootDelay(new NtpShort((int) state.rootDelay()).toDuration())
            .withRootDispersion(new NtpShort((int) state.rootDispersion()).toDuration())
            .withReferenceAge(Duration.between(reference, arrival))
            .withPrecision(state.precision())
            .withFaults(Faults.NONE.withLeap(LeapIndicator.of(state.leap())))
            .withRateLimit(RateLimit.OFF);
    // A fresh Responder each time: no rate limiter state, and its clock reads the sending time.
    Responder responder =
        new Responder(config, Clock.fixed(sending, ZoneOffset.UTC), RandomGenerator.getDefault());
    Disposition outcome = responder.respond(request.clone(), CLIENT, arrival);
    return new Answer(
        outcome,
        outcome instanceof Disposition.Reply r
            ? Optional.of(responder.encode(r))
            : Optional.empty());
  }

  /**
   * Copies of a real NTPv4 request, each changed one way: what a server meets but captures rarely
   * hold.
   */
  private static void damaged(List<Query> into, String id, byte[] request) {
    damage(into, id, request, "empty", b -> new byte[0]);
    damage(into, id, request, "cut to 47 bytes", b -> Arrays.copyOf(b, 47));
    damage(into, id, request, "version 0", b -> firstByte(b, b[0] & 0xc7));
    damage(into, id, request, "version 5", b -> firstByte(b, b[0] & 0xc7 | 5 << 3));
    for (int mode : new int[] {0, 2, 4, 5, 6, 7}) {
      damage(into, id, request, "mode " + mode, b -> firstByte(b, b[0] & 0xf8 | mode));
    }
    damage(into, id, request, "1 byte after the header", b -> Arrays.copyOf(b, 49));
    damage(into, id, request, "crypto-NAK after the header", b -> Arrays.copyOf(b, 52));
    damage(into, id, request, "key ID and 16 bytes after the header", b -> Arrays.copyOf(b, 68));
    // No capture's request carries an extension field: one of 28 bytes, the least with no MAC after
    // it (RFC 7822).
    damage(
        into,
        id,
        request,
        "an extension field after the header",
        b -> {
          byte[] out = Arrays.copyOf(b, NtpPacket.HEADER_LENGTH + 28);
          out[NtpPacket.HEADER_LENGTH] = 0x10; // a field type no one has registered: 0x1000
          out[NtpPacket.HEADER_LENGTH + 3] = 28;
          return out;
        });
    damage(
        into,
        id,
        request,
        "as NTPv2, with poll 10",
        b -> {
          byte[] out = firstByte(b, b[0] & 0xc7 | 2 << 3);
          out[2] = 10;
          return out;
        });
  }

  private static void damage(
      List<Query> into, String id, byte[] request, String how, UnaryOperator<byte[]> change) {
    into.add(query(id + " (request, " + how + ")", change.apply(request), into.size()));
  }

  private static byte[] firstByte(byte[] b, int value) {
    byte[] out = b.clone();
    out[0] = (byte) value;
    return out;
  }
}
