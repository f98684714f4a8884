package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntplab.server.Faults;
import org.ntplab.server.NtpServer;
import org.ntplab.server.RateLimit;
import org.ntplab.server.ServerConfig;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.opentest4j.AssertionFailedError;

/**
 * Our lab server against real clients: NTPsec's ntpdig (also installed as {@code sntp}), chronyd in
 * query-only mode and python3-ntplib, each asking a server started in-process with the faults
 * {@code ntplab serve} offers. ntpdig only speaks to port 123, so its server holds 127.0.0.1:123;
 * the others take any port.
 *
 * <p>Every server here answers without a rate limit (these clients ask several times in a row, and
 * the limit is not what is tested) and is asked three times by our client before a real client
 * asks, so that the first answers of a cold JVM, slow on one leg, do not show up as offset.
 */
class RealClientsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** ntpdig's line: date, time, zone, offset +/- error, host, [address,] stratum, leap. */
  private static final Pattern NTPDIG_LINE =
      Pattern.compile(
          "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? \\([+-]\\d{4}\\) ([+-]\\d+\\.\\d+) \\+/- (\\d+\\.\\d+) \\S+(?: \\S+)? s(\\d+) (\\S+)$");

  private static final Pattern CHRONYD_OFFSET =
      Pattern.compile("System clock wrong by (-?\\d+\\.\\d+) seconds");

  /**
   * ntplib's view of an answer, as JSON: what its NTPStats and ref_id_to_text make of the reply. Of
   * three answers, the one with the least delay, as NTP's clock filter keeps: on a busy machine
   * Python can be descheduled between its clock reading and the send, and the offset is only good
   * to half the delay.
   */
  private static final String NTPLIB =
      """
      import json, sys, ntplib
      host, port, version = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
      answers = [ntplib.NTPClient().request(host, version=version, port=port, timeout=2) for _ in range(3)]
      r = min(answers, key=lambda a: a.delay)
      print(json.dumps({"version": r.version, "mode": r.mode, "stratum": r.stratum, "leap": r.leap,
                        "refId": ntplib.ref_id_to_text(r.ref_id, r.stratum), "offset": r.offset}))
      """;

  private static final double ONE_MILLISECOND = 0.001;

  @Test
  void ntpdigSeesStratum3NoLeapAndNoOffsetBeyondItsErrorBound() throws IOException {
    try (NtpServer server = serve(Faults.NONE, true)) {
      Run ntpdig = ntpdig("-p", "3");
      Matcher line = ntpdigLine(ntpdig);
      assertAll(
          ntpdig.describe(),
          () -> assertEquals("3", line.group(3), "stratum"),
          () -> assertEquals("no-leap", line.group(4), "leap"),
          () -> assertSameClock(line));
    }
  }

  @Test
  void ntpdigJsonReportsStratumLeapAndOffset() throws IOException {
    try (NtpServer server = serve(Faults.NONE, true)) {
      Run ntpdig = ntpdig("-j", "-p", "3");
      JsonNode json = json(ntpdig);
      assertAll(
          ntpdig.describe(),
          () -> assertEquals(3, json.path("stratum").asInt(), "stratum"),
          () -> assertEquals("no-leap", json.path("leap").asText(), "leap"),
          () -> assertEquals("127.0.0.1", json.path("ip").asText(), "ip"),
          () ->
              assertEquals(
                  false,
                  json.path("adjusted").asBoolean(true),
                  "adjusted (it must never set the clock)"),
          () ->
              assertTrue(
                  Math.abs(json.path("offset").asDouble()) < ONE_MILLISECOND,
                  "offset " + json.path("offset")));
    }
  }

  @Test
  void ntpdigSeesAServerOffsetBy2Point5SecondsAs2Point5Seconds() throws IOException {
    try (NtpServer server = serve(Faults.NONE.withOffset(Duration.ofMillis(2500)), true)) {
      Run ntpdig = ntpdig("-j", "-p", "3");
      double offset = json(ntpdig).path("offset").asDouble();
      assertTrue(
          Math.abs(offset - 2.5) < 0.010,
          "offset " + offset + " s, expected 2.5 s ± 10 ms: " + ntpdig.describe());
    }
  }

  /**
   * ntpdig drops a stratum 0 reply as a "probable KOD packet", and with no other server has nothing
   * to report.
   */
  @Test
  void ntpdigDropsAKissOfDeathRateAndFindsNoServer() throws IOException {
    try (NtpServer server = serve(Faults.NONE.withKissOfDeath(KissCode.RATE), false)) {
      assertDropped(ntpdig(), "stratum 0, probable KOD packet");
    }
  }

  /**
   * Our {@code --unsynchronized} sends what ntpd sends before its first synchronization (LI 3,
   * stratum 0, INIT; see NtpsecServerIT), and ntpdig checks the stratum before the leap indicator,
   * so it reports it as it reports NTPsec's own: a probable kiss-o'-death.
   */
  @Test
  void ntpdigTakesAnUnsynchronizedServerForAProbableKissOfDeath() throws IOException {
    try (NtpServer server = serve(Faults.NONE.withUnsynchronized(true), false)) {
      assertDropped(ntpdig(), "stratum 0, probable KOD packet");
    }
  }

  /**
   * With a stratum it believes and LI 3 ({@code --leap 3}), ntpdig says what is wrong: the leap
   * indicator.
   */
  @Test
  void ntpdigDropsALeapAlarmAsNotInSync() throws IOException {
    try (NtpServer server = serve(Faults.NONE.withLeap(LeapIndicator.UNSYNCHRONIZED), true)) {
      assertDropped(ntpdig(), "leap not in sync");
    }
  }

  /** Debian 12's {@code sntp} is a link to ntpdig: the same line, the same exit status. */
  @Test
  void sntpPrintsAnOffsetLineAndExitsWith0() throws IOException {
    try (NtpServer server = serve(Faults.NONE, true)) {
      Run sntp = Run.of(Duration.ofSeconds(30), List.of("sntp", "127.0.0.1"));
      Matcher line = ntpdigLine(sntp);
      assertSameClock(line);
    }
  }

  /**
   * chronyd -Q measures without setting (and it runs without the right to): it prints how far off
   * the clock is.
   */
  @Test
  void chronydQueryModeFindsTheClockRightWithinOneMillisecond() throws IOException {
    try (NtpServer server = serve(ServerConfig.loopback(), Faults.NONE, true)) {
      Run chronyd =
          Run.of(
              Duration.ofSeconds(40),
              Peers.withoutClockAccess(
                  List.of(
                      "chronyd",
                      "-Q",
                      "-t",
                      "20",
                      "server 127.0.0.1 port "
                          + server.address().getPort()
                          + " iburst maxsamples 4")));
      Matcher wrong = CHRONYD_OFFSET.matcher(chronyd.out() + chronyd.err());
      assertTrue(
          chronyd.exitCode() == 0 && wrong.find(), "no offset from chronyd: " + chronyd.describe());
      assertTrue(
          Math.abs(Double.parseDouble(wrong.group(1))) < ONE_MILLISECOND,
          wrong.group() + "; " + chronyd.describe());
    }
  }

  @ParameterizedTest(name = "NTPv{0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void ntplibGetsTimeInTheVersionItAskedIn(int version) throws IOException {
    try (NtpServer server = serve(ServerConfig.loopback(), Faults.NONE, true)) {
      Run ntplib = ntplib(server, version);
      JsonNode json = json(ntplib);
      assertAll(
          ntplib.describe(),
          () -> assertEquals(version, json.path("version").asInt(), "version"),
          () -> assertEquals(4, json.path("mode").asInt(), "mode"),
          () -> assertEquals(3, json.path("stratum").asInt(), "stratum"),
          () -> assertEquals(0, json.path("leap").asInt(), "leap"),
          () ->
              assertEquals(
                  "127.127.1.1", json.path("refId").asText(), "reference ID as ntplib reads it"),
          () ->
              assertTrue(
                  Math.abs(json.path("offset").asDouble()) < ONE_MILLISECOND,
                  "offset " + json.path("offset")));
    }
  }

  /**
   * ntplib has no notion of a kiss-o'-death: it reports the fields, stratum 0 and LI 3, and reads
   * the code as an unknown stratum-0/1 reference clock.
   */
  @Test
  void ntplibReportsAKissOfDeathAsStratum0WithAnUnidentifiedSourceRate() throws IOException {
    try (NtpServer server =
        serve(ServerConfig.loopback(), Faults.NONE.withKissOfDeath(KissCode.RATE), false)) {
      Run ntplib = ntplib(server, 4);
      JsonNode json = json(ntplib);
      assertAll(
          ntplib.describe(),
          () -> assertEquals(0, json.path("stratum").asInt(), "stratum"),
          () -> assertEquals(3, json.path("leap").asInt(), "leap"),
          () ->
              assertEquals(
                  "Unidentified reference source 'RATE'",
                  json.path("refId").asText(),
                  "reference ID"));
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Our server on 127.0.0.1:123, for ntpdig. */
  private static NtpServer serve(Faults faults, boolean warmUp) throws IOException {
    InetSocketAddress address = new InetSocketAddress(Peers.LOOPBACK, 123);
    Peers.requireFree(address, "our lab server for ntpdig");
    return serve(ServerConfig.of(address), faults, warmUp);
  }

  /**
   * @param warmUp ask it three times with our client first; not for a server that answers with a
   *     kiss or not at all, where there is nothing to warm up
   */
  private static NtpServer serve(ServerConfig config, Faults faults, boolean warmUp)
      throws IOException {
    NtpServer server =
        NtpServer.start(config.withRateLimit(RateLimit.OFF).withFaults(faults), Clock.systemUTC());
    if (warmUp) {
      for (int i = 0; i < 3; i++) {
        OurClient.ask(server.address(), 4, Duration.ofSeconds(1));
      }
    }
    return server;
  }

  /** ntpdig asking 127.0.0.1 (port 123), never allowed to set the clock (no -S or -s). */
  private static Run ntpdig(String... options) {
    List<String> command = new ArrayList<>(List.of("ntpdig", "-t", "2"));
    command.addAll(List.of(options));
    command.add("127.0.0.1");
    return Run.of(Duration.ofSeconds(30), command);
  }

  private static Run ntplib(NtpServer server, int version) {
    return Run.of(
        Duration.ofSeconds(30),
        List.of(
            Peers.PYTHON,
            "-c",
            NTPLIB,
            "127.0.0.1",
            String.valueOf(server.address().getPort()),
            String.valueOf(version)));
  }

  /**
   * The server reads the client's own clock: the offset ntpdig prints is zero within its own error
   * bound (half the round trip plus dispersion), or a millisecond, whichever is more, so a loaded
   * machine's slow round trips do not fail what is right.
   */
  private static void assertSameClock(Matcher line) {
    double offset = Math.abs(Double.parseDouble(line.group(1)));
    double error = Double.parseDouble(line.group(2));
    assertTrue(
        offset <= Math.max(ONE_MILLISECOND, error),
        "offset " + line.group(1) + " +/- " + line.group(2));
  }

  private static Matcher ntpdigLine(Run run) {
    Matcher line = NTPDIG_LINE.matcher(run.out().strip());
    if (run.exitCode() != 0 || !line.matches()) {
      throw new AssertionFailedError(
          "expected exit status 0 and one offset line: " + run.describe());
    }
    return line;
  }

  private static JsonNode json(Run run) {
    try {
      if (run.exitCode() != 0) {
        throw new AssertionFailedError("expected exit status 0: " + run.describe());
      }
      return JSON.readTree(run.out());
    } catch (IOException e) {
      throw new AssertionFailedError("not JSON: " + run.describe(), e);
    }
  }

  private static void assertDropped(Run ntpdig, String reason) {
    assertAll(
        ntpdig.describe(),
        () -> assertEquals(1, ntpdig.exitCode(), "exit status"),
        () -> assertEquals("", ntpdig.out(), "stdout"),
        () ->
            assertTrue(
                ntpdig.err().contains("Response dropped: " + reason),
                "the reason it dropped the reply"),
        () -> assertTrue(ntpdig.err().contains("no eligible servers"), "its verdict"));
  }
}
