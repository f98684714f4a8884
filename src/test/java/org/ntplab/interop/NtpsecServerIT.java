package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.client.QueryResult;
import org.ntplab.server.Faults;
import org.ntplab.server.NtpServer;
import org.ntplab.server.ServerConfig;
import org.ntplab.sync.Fitness;
import org.ntplab.sync.Problem;
import org.ntplab.sync.Sample;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * Our client against NTPsec's ntpd in three states: just started with no time source (what it sends
 * before its first synchronization), in orphan mode (a server with no upstream that serves anyway),
 * and rate-limiting with kiss-o'-death.
 *
 * <p>ntpd serves on port 123 only, and each test starts its own: one at a time, on 127.0.0.1.
 */
class NtpsecServerIT {

  private static final InetSocketAddress ADDRESS = new InetSocketAddress(Peers.LOOPBACK, 123);

  /** The orphan stratum configured below: any value from 1 to 15 would do. */
  private static final int ORPHAN_STRATUM = 5;

  @TempDir Path dir;

  /**
   * ntpd on 127.0.0.1:123 alone (by default it opens the wildcard address and every interface
   * address), with the clock discipline switched off ({@code disable ntp}: the loop stays open,
   * which its manual offers for testing), then {@code lines}. NTPsec 1.2 stops answering a client
   * that sends more than a burst of about 20 at 1 a second even without {@code limited}; the tests
   * ask faster than a real client would, so the limit is raised (a later {@code limit} line wins).
   */
  private Daemon start(String... lines) throws IOException {
    List<String> conf =
        new ArrayList<>(
            List.of(
                "interface ignore wildcard",
                "interface ignore ipv6",
                "interface listen 127.0.0.1",
                "statsdir " + dir + "/",
                "disable ntp",
                "disable kernel",
                "limit average 50 burst 100"));
    conf.addAll(List.of(lines));
    Path file = Files.write(dir.resolve("ntp.conf"), conf);
    return Daemon.start(
        Peers.ntpsecVersion(), ADDRESS, dir, Map.of(), Peers.ntpsecNtpdCommand(file));
  }

  /**
   * Before it has ever synchronized, ntpd answers with the kiss code INIT: LI 3, stratum 0 (its
   * stratum 16 goes on the wire as 0), no reference time; the receive and transmit times are real.
   * Our lab server's {@code --unsynchronized} copies exactly these fields.
   */
  @Test
  void withNoTimeSourceItSendsKissCodeInit() throws IOException {
    try (Daemon ntpd = start()) {
      QueryResult.KissOfDeath kod =
          assertInstanceOf(
              QueryResult.KissOfDeath.class,
              ntpd.await(
                  "answers", Duration.ofSeconds(10), QueryResult.Exchange.class::isInstance));
      NtpPacket reply = kod.reply();
      List<Problem> problems =
          Fitness.RFC_5905.problems(reply, Sample.of(kod.t1Timestamp(), reply, kod.t4Timestamp()));
      assertAll(
          ntpd.context("answered " + OurClient.describe(kod)),
          () -> assertEquals(KissCode.INIT, kod.code(), "kiss code"),
          () -> assertEquals(LeapIndicator.UNSYNCHRONIZED, reply.leap(), "leap indicator"),
          () -> assertEquals(0, reply.stratum(), "stratum"),
          () -> assertEquals(NtpTimestamp.ZERO, reply.referenceTime(), "reference time"),
          () -> assertEquals(originOf(kod), reply.originTime(), "origin (our nonce)"),
          () -> assertFalse(reply.receiveTime().isZero(), "receive time"),
          () -> assertFalse(reply.transmitTime().isZero(), "transmit time"),
          () ->
              assertEquals(
                  List.of(
                      new Problem.KissOfDeath(KissCode.INIT),
                      new Problem.LeapAlarm(),
                      new Problem.NeverSynchronized()),
                  problems,
                  "fitness problems"));

      NtpPacket ours = ourUnsynchronizedReply();
      List<Function<NtpPacket, Object>> fields =
          List.of(
              NtpPacket::leap,
              NtpPacket::stratum,
              NtpPacket::referenceId,
              NtpPacket::referenceTime,
              NtpPacket::rootDelay,
              NtpPacket::mode);
      assertEquals(
          fields.stream().map(f -> f.apply(reply)).toList(),
          fields.stream().map(f -> f.apply(ours)).toList(),
          "our --unsynchronized against "
              + ntpd.name()
              + ": leap, stratum, reference ID, reference time, root delay, mode");
    }
  }

  /**
   * With {@code tos orphan N} and no source, ntpd serves as an orphan parent at stratum N with its
   * reference ID the loopback address (ntpd's orphan code sets both, and leap 0, without ever
   * setting the clock). Its reference time stays zero, which is true (its clock was never set or
   * corrected) and which our fitness check reports: an SNTP client should not set its clock from a
   * server whose own clock was never set (ntpdig, chronyd -Q and ntplib take the time all the
   * same). It answers versions 1 to 4 in kind.
   */
  @Test
  void inOrphanModeItServesTheOrphanStratumWithItsLoopbackAddressAsReference() throws IOException {
    try (Daemon ntpd = start("tos orphan " + ORPHAN_STRATUM + " orphanwait 0")) {
      ntpd.await(
          "serves as an orphan",
          Duration.ofSeconds(10),
          o -> o instanceof QueryResult.Answered a && a.reply().stratum() == ORPHAN_STRATUM);
      for (int version = 1; version <= 4; version++) {
        QueryResult.Answered answer = OurClient.best(ntpd, version, 3);
        OurClient.assertTime(
            ntpd,
            answer,
            version,
            ORPHAN_STRATUM,
            "127.0.0.1",
            List.of(new Problem.NeverSynchronized()));
      }
    }
  }

  /**
   * {@code restrict default kod limited} with {@code limit average 1 burst 2}: a client that keeps
   * asking (as the wait for the daemon does, every 100 ms) soon gets a kiss-o'-death RATE instead
   * of an answer, in ntpd's form: LI 3, stratum 0, and our nonce as origin, receive and transmit.
   */
  @Test
  void overItsRateLimitItSendsKissCodeRate() throws IOException {
    try (Daemon ntpd = start("restrict default kod limited", "limit average 1 burst 2 kod 1")) {
      QueryResult.KissOfDeath kod =
          (QueryResult.KissOfDeath)
              ntpd.await(
                  "sends kiss code RATE",
                  Duration.ofSeconds(10),
                  o -> o instanceof QueryResult.KissOfDeath k && k.code().equals(KissCode.RATE));
      NtpPacket reply = kod.reply();
      NtpTimestamp nonce = originOf(kod);
      assertAll(
          ntpd.context("answered " + OurClient.describe(kod)),
          () -> assertEquals(KissCode.Action.REDUCE_RATE, kod.action(), "what the client must do"),
          () -> assertEquals(LeapIndicator.UNSYNCHRONIZED, reply.leap(), "leap indicator"),
          () -> assertEquals(Mode.SERVER, reply.mode(), "mode"),
          () ->
              assertEquals(
                  List.of(nonce, nonce, nonce),
                  List.of(reply.originTime(), reply.receiveTime(), reply.transmitTime()),
                  "origin, receive and transmit: our nonce, no time of its own"));
    }
  }

  private static NtpTimestamp originOf(QueryResult.Exchange exchange) {
    return NtpCodec.decodePacket(exchange.requestBytes()).transmitTime();
  }

  private static NtpPacket ourUnsynchronizedReply() throws IOException {
    ServerConfig config = ServerConfig.loopback().withFaults(Faults.NONE.withUnsynchronized(true));
    try (NtpServer server = NtpServer.start(config, Clock.systemUTC())) {
      return assertInstanceOf(
              QueryResult.Exchange.class, OurClient.ask(server.address(), 4, Duration.ofSeconds(1)))
          .reply();
    }
  }
}
