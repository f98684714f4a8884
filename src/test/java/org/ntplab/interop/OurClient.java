package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.ntplab.client.QueryResult;
import org.ntplab.client.SntpClient;
import org.ntplab.client.UdpTransport;
import org.ntplab.sync.Problem;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/** Our SNTP client ({@link SntpClient}, random nonce, real UDP) as the interop tests use it. */
final class OurClient {

  /**
   * Loopback, one clock on both ends: whatever offset shows is timestamping error, far below this.
   */
  static final long ONE_MILLISECOND = 1_000_000;

  private OurClient() {}

  /** One request, one attempt; nothing listening counts as no answer. */
  static QueryResult ask(InetSocketAddress server, int version, Duration timeout) {
    SntpClient.Options options =
        SntpClient.Options.DEFAULTS.withVersion(version).withTimeout(timeout).withAttempts(1);
    try {
      return new SntpClient(new UdpTransport(), Clock.systemUTC()).query(server, options);
    } catch (IOException e) { // port unreachable: the daemon is not listening (yet)
      return new QueryResult.NoAnswer(server, 1, List.of());
    }
  }

  /**
   * The answer with the least delay of {@code count}, as a client picks among its samples (RFC 5905
   * §10): on a busy machine one exchange can be held up on one leg, and half of that delay shows up
   * as offset. Fails unless every query was answered with time.
   */
  static QueryResult.Answered best(Daemon server, int version, int count) {
    SntpClient.Options options =
        SntpClient.Options.DEFAULTS.withVersion(version).withTimeout(Duration.ofSeconds(1));
    List<QueryResult> outcomes;
    try {
      outcomes =
          new SntpClient(new UdpTransport(), Clock.systemUTC())
              .queryEach(server.address(), options, count, Duration.ofMillis(20), outcome -> {});
    } catch (IOException e) {
      throw server.failure("could not be asked: " + e.getMessage());
    }
    for (QueryResult outcome : outcomes) {
      if (!(outcome instanceof QueryResult.Answered)) {
        throw server.failure("asked in NTPv" + version + " gave no time: " + describe(outcome));
      }
    }
    return SntpClient.best(outcomes).orElseThrow();
  }

  /**
   * Checks an answer from a synchronized server: a mode 4 reply in the version asked, the stratum
   * and reference ID expected, no leap warning, our nonce back as its origin, the offset of a clock
   * against itself (loopback: under 1 ms) and nothing that makes the time unfit to use.
   */
  static void assertSynchronizedTime(
      Daemon server, QueryResult.Answered answer, int version, int stratum, String referenceId) {
    assertTime(server, answer, version, stratum, referenceId, List.of());
  }

  /**
   * {@link #assertSynchronizedTime}, except that the fitness check must find exactly {@code
   * problems}.
   */
  static void assertTime(
      Daemon server,
      QueryResult.Answered answer,
      int version,
      int stratum,
      String referenceId,
      List<Problem> problems) {
    NtpPacket reply = answer.reply();
    NtpPacket request = NtpCodec.decodePacket(answer.requestBytes());
    assertAll(
        server.context("asked in NTPv" + version + " answered " + describe(answer)),
        () -> assertEquals(Mode.SERVER, reply.mode(), "mode"),
        () -> assertEquals(version, reply.version(), "version (the request's)"),
        () -> assertEquals(stratum, reply.stratum(), "stratum"),
        () -> assertEquals(referenceId, reply.referenceIdText(), "reference ID"),
        () -> assertEquals(LeapIndicator.NO_WARNING, reply.leap(), "leap indicator"),
        () -> assertEquals(request.transmitTime(), reply.originTime(), "origin (our nonce)"),
        () ->
            assertTrue(
                Math.abs(answer.sample().offsetNanos()) < ONE_MILLISECOND,
                "offset "
                    + answer.sample().offsetNanos()
                    + " ns, delay "
                    + answer.sample().delayNanos()
                    + " ns"),
        () -> assertEquals(problems, answer.problems(), "fitness problems"));
  }

  /** One line: what came back, with the reply's bytes, for failure messages. */
  static String describe(QueryResult outcome) {
    if (outcome == null) {
      return "none";
    }
    if (outcome instanceof QueryResult.NoAnswer) {
      return "no answer";
    }
    QueryResult.Exchange exchange = (QueryResult.Exchange) outcome;
    String bytes = HexFormat.of().formatHex(exchange.replyBytes());
    if (exchange instanceof QueryResult.KissOfDeath kod) {
      return "kiss-o'-death " + kod.code() + " (" + bytes + ")";
    }
    QueryResult.Answered answered = (QueryResult.Answered) exchange;
    return "time, LI "
        + answered.reply().leap().code()
        + ", stratum "
        + answered.reply().stratum()
        + ", problems "
        + answered.problems().stream()
            .map(Problem::describe)
            .collect(Collectors.joining("; ", "[", "]"))
        + " ("
        + bytes
        + ")";
  }
}
