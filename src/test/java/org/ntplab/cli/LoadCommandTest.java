package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntplab.net.Addresses;
import org.ntplab.server.NtpServer;
import org.ntplab.server.RateLimit;
import org.ntplab.server.ServerConfig;

class LoadCommandTest {

  private NtpServer server;
  private String target;

  @BeforeEach
  void startServer() throws IOException {
    server =
        NtpServer.start(ServerConfig.loopback().withRateLimit(RateLimit.OFF), Clock.systemUTC());
    target = Addresses.text(server.address());
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void printsRatesLossAndPercentiles() {
    CliRun run = CliRun.of("load", target, "--seconds", "300ms", "--window", "4");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("load on " + target + ": "), run.out());
    for (String line :
        new String[] {
          "requests ", "replies ", "lost ", "RTT       p50 ", "server T3-T2  median "
        }) {
      assertTrue(run.out().contains("\n" + line), line + " in\n" + run.out());
    }
    assertEquals("", run.err(), "no progress lines on a short run");
  }

  @Test
  void aLongerRunShowsItsProgressOnStderrEverySecond() {
    CliRun run = CliRun.of("load", target, "--seconds", "2.2", "--window", "1");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .lines()
            .findFirst()
            .orElse("")
            .matches(" +1 s: [\\d,]+ requests, [\\d,]+ replies, 0 lost so far"),
        run.err());
    assertEquals(
        "", CliRun.of("load", target, "--seconds", "2.2", "--window", "1", "--quiet").err());
  }

  @Test
  void jsonHasTheCountsAndNanosecondPercentiles() throws IOException {
    CliRun run = CliRun.of("load", target, "--seconds", "0.3", "--window", "4", "--json");

    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(target, json.get("target").asText());
    assertEquals(4, json.get("window").asInt());
    long sent = json.get("sent").asLong();
    long replies = json.get("replies").asLong();
    assertTrue(sent > 0 && replies <= sent, run.out());
    assertEquals(sent, replies + json.get("lost").asLong());
    assertEquals(replies, json.get("rttNanos").get("count").asLong());
    assertTrue(
        json.get("rttNanos").get("p99").asLong() >= json.get("rttNanos").get("p50").asLong(),
        run.out());
    assertTrue(json.get("serverTimeNanos").has("p50"), run.out());
    assertTrue(json.get("kissOfDeath").isObject(), run.out());
    assertTrue(json.get("repliesPerSecond").asDouble() > 0, run.out());
    assertEquals(0, json.get("warmupReplies").asLong(), "no warmup asked for");
  }

  @Test
  void aRateLimitedServerGetsANote() throws IOException {
    try (NtpServer limited = NtpServer.start(ServerConfig.loopback(), Clock.systemUTC())) {
      // The first kiss takes the server's path through code not run before: a long timeout lets it
      // be slow.
      CliRun run =
          CliRun.of(
              "load",
              Addresses.text(limited.address()),
              "--seconds",
              "0.3",
              "--window",
              "4",
              "--timeout",
              "1s");

      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("kiss-o'-death"), run.out());
      assertTrue(run.out().contains("start it with --rate-interval 0"), run.out());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--seconds 0               | --seconds must be more than 0, not 0",
        "--seconds -1              | --seconds must be more than 0, not -1",
        "--window 0                | --window must be 1 to 65536, not 0",
        "--window 70000            | --window must be 1 to 65536, not 70000",
        "--timeout 0               | --timeout must be more than 0",
      })
  void badValuesAreOneLineAndExit2(String options, String message) {
    String[] args = ("load " + target + " " + options.strip()).split(" ");
    CliRun run = CliRun.of(args);

    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("ntplab load: " + message), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void aMalformedAddressOrNumberIsBadUsage() {
    CliRun port = CliRun.of("load", "127.0.0.1:abc");
    assertEquals(2, port.exitCode());
    assertEquals("ntplab load: '127.0.0.1:abc': port 'abc' is not a number\n", port.err());

    CliRun seconds = CliRun.of("load", target, "--seconds", "ten");
    assertEquals(2, seconds.exitCode());
    assertTrue(
        seconds
            .err()
            .startsWith(
                "ntplab load: Invalid value for option '--seconds': 'ten' is not a duration"),
        seconds.err());

    CliRun fine = CliRun.of("load", target, "--seconds", "0.0000000001");
    assertEquals(2, fine.exitCode());
    assertTrue(fine.err().contains("'0.0000000001' is finer than a nanosecond"), fine.err());
  }

  @Test
  void aPortNobodyListensOnExits1() throws IOException {
    int port;
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = probe.getLocalPort();
    }
    CliRun run = CliRun.of("load", "127.0.0.1:" + port, "--seconds", "5");

    assertEquals(1, run.exitCode(), run.err());
    assertEquals(
        "ntplab load: 127.0.0.1:" + port + ": port unreachable (ICMP): no server listens there\n",
        run.err());
  }

  @Test
  void helpSaysWhatTheNumbersMeanAndHowToUnlimitTheLabServer() {
    CliRun run = CliRun.of("load", "--help");

    assertEquals(0, run.exitCode());
    for (String text :
        new String[] {
          "--seconds",
          "--window",
          "--timeout",
          "--warmup",
          "--json",
          "T3-T2",
          "p99",
          "serve --rate-interval 0",
          "RATE"
        }) {
      assertTrue(run.out().contains(text), text + " in\n" + run.out());
    }
  }
}
