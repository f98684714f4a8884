package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureCheck;
import org.ntplab.fixture.FixtureJson;
import org.ntplab.testing.CapturedReply;
import org.ntplab.testing.UdpResponder;
import org.ntplab.wire.NtpTimestamp;

/**
 * {@code ntplab inspect} over real UDP on loopback, against a responder that answers with a real
 * captured reply (origin patched to our request), and a clock that reads the capture's T1 and T4:
 * so the offset and delay are the capture's own.
 */
class InspectCommandTest {

  @TempDir Path dir;

  UdpResponder responder;
  String server;

  @BeforeEach
  void start() throws IOException {
    responder = UdpResponder.capturedReply();
    server = responder.hostPort();
  }

  @AfterEach
  void stop() {
    responder.close();
  }

  /**
   * A clock that reads T1, T4, T1, T4... with the given T4s in turn (the capture's when none
   * given).
   */
  static Clock capturedClock(Instant... t4s) {
    Instant[] arrivals = t4s.length == 0 ? new Instant[] {CapturedReply.t4()} : t4s;
    Clock clock = mock(Clock.class);
    AtomicInteger reads = new AtomicInteger();
    when(clock.instant())
        .thenAnswer(
            call -> {
              int n = reads.getAndIncrement();
              return n % 2 == 0 ? CapturedReply.t1() : arrivals[(n / 2) % arrivals.length];
            });
    return clock;
  }

  static CliRun inspect(Clock clock, String... args) {
    List<String> all = new ArrayList<>(List.of("inspect"));
    all.addAll(List.of(args));
    return CliRun.with(new TestCommands(clock), all.toArray(String[]::new));
  }

  static CliRun inspect(String... args) {
    return inspect(capturedClock(), args);
  }

  static String golden(String name) throws IOException {
    try (InputStream in = InspectCommandTest.class.getResourceAsStream("/golden/inspect/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void showsRequestReplyTimestampsOffsetDelayAndTheTimingDiagram() throws IOException {
    CliRun run = inspect(server);
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    String out = run.out();
    assertTrue(
        out.startsWith(
            "request: 48 bytes to "
                + server
                + ", transmit field: a random nonce (RFC 9109)\n"
                + "NTPv4 client packet, 48 bytes: 48-byte header\n"),
        out);
    assertTrue(
        out.contains(
            "\nreply: 48 bytes from "
                + server
                + "\nNTPv4 server packet, 48 bytes: 48-byte header\n"),
        out);
    assertTrue(
        out.contains(
            "0020   ea 4b c7 6d  receive time    ea4bc76d.46ee714b    2024-07-24T18:33:17.277075845Z\n"),
        out);
    assertTrue(
        out.contains(
            "timestamps:\n"
                + "T1  client transmit  ea4bc76d.46ddacef  2024-07-24T18:33:17.276820Z\n"
                + "    our clock as the request left (kept aside: the request carried a nonce)\n"
                + "T2  server receive   ea4bc76d.46ee714b  2024-07-24T18:33:17.277075845Z\n"),
        out);
    assertTrue(
        out.contains(
            "offset  +36.5 µs (+36481 ns): your clock is 36.5 µs behind the server's\n"
                + "delay   439 µs (438728 ns): the round trip less the server's processing time\n"),
        out);
    assertTrue(out.contains("fit to use: no problems found"), out);
    assertTrue(out.endsWith("timing diagram:\n" + golden("timing-captured-lan.txt")), out);
    assertTrue(!out.contains("\u001b["), "no colour off a terminal");
  }

  @Test
  void classicRequestsCarryT1AndTheRequestedVersion() {
    CliRun run = inspect(server, "--classic", "--version", "3");
    assertEquals(0, run.exitCode(), run.err());
    byte[] request = responder.requests().get(0).bytes();
    assertEquals(0x1b, request[0]);
    assertEquals(NtpTimestamp.from(CapturedReply.t1()), CapturedReply.transmitOf(request));
    assertTrue(run.out().contains(", transmit field: T1 (classic SNTP)\n"), run.out());
    assertTrue(run.out().contains("    our clock as the request left\n"), run.out());
  }

  @Test
  void jsonHasTheDesignFieldsAndTheExchange() throws IOException {
    CliRun run = inspect(server, "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of(
            "leap",
            "version",
            "mode",
            "stratum",
            "poll",
            "precision",
            "rootDelay",
            "rootDispersion",
            "referenceId",
            "referenceTime",
            "originTime",
            "receiveTime",
            "transmitTime",
            "kissCode",
            "extensionFields",
            "mac",
            "length",
            "t1",
            "t4",
            "offset",
            "delay",
            "server",
            "authenticated",
            "problems"),
        names);
    assertTrue(json.get("authenticated").isNull(), "an unsigned request: nothing to verify");
    assertEquals("ea4bc76d.46ddacef", json.get("t1").get("hex").asText());
    assertEquals("2024-07-24T18:33:17.276820Z", json.get("t1").get("instant").asText());
    assertEquals("ea4bc76d.46fed634", json.get("t4").get("hex").asText());
    assertEquals("0.000036481", json.get("offset").decimalValue().toPlainString());
    assertEquals("0.000438728", json.get("delay").decimalValue().toPlainString());
    assertEquals(server, json.get("server").asText());
    assertEquals(0, json.get("problems").size());
  }

  @Test
  void rawIsBytesOnlyAndPastesBackIntoDecode() {
    CliRun run = inspect(server, "--raw");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .startsWith(
                "# request, 48 bytes to "
                    + server
                    + "\n00000000: 23000000 00000000 00000000 00000000"),
        run.out());
    assertTrue(
        run.out()
            .contains(
                "# reply, 48 bytes from "
                    + server
                    + "\n00000000: 240206e6 00000310 00000125 d8ef230c"),
        run.out());
    CliRun decoded = CliRun.withInput(run.out(), "decode", "-");
    assertEquals(0, decoded.exitCode(), decoded.err());
    assertTrue(decoded.out().contains("NTPv4 client packet, 48 bytes"), decoded.out());
    assertTrue(decoded.out().contains("NTPv4 server packet, 48 bytes"), decoded.out());
  }

  @Test
  void saveWritesAFixtureThatVerifiesAndIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("Lab Server.json");
    CliRun run = inspect(server, "--save", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().endsWith("\nsaved as a fixture: " + file + "\n"), run.out());

    Fixture fixture = FixtureJson.read(file);
    assertEquals("lab-server", fixture.id());
    assertEquals(NtpTimestamp.parse("ea4bc76d.46ddacef"), fixture.t1());
    assertEquals(NtpTimestamp.parse("ea4bc76d.46fed634"), fixture.t4());
    assertEquals(List.of("v4", "client", "server", "pair"), fixture.tags());
    assertEquals("ntplab inspect", fixture.source().how());
    assertEquals(server, fixture.source().server());
    assertEquals(List.of(), FixtureCheck.problems(fixture));
    CliRun verify = CliRun.of("fixtures", "verify", file.toString());
    assertEquals(0, verify.exitCode(), verify.out());
    assertEquals("1 fixture checked, 0 problems\n", verify.out());

    String before = Files.readString(file);
    CliRun again = inspect(server, "--save", file.toString());
    assertEquals(2, again.exitCode());
    assertEquals(
        "ntplab inspect: " + file + " already exists: fixtures are never overwritten\n",
        again.err());
    assertEquals(before, Files.readString(file));
    assertEquals(1, responder.requests().size(), "refused before querying");
  }

  @Test
  void countShowsTheAnswerWithTheLeastDelay() {
    Clock clock =
        capturedClock(
            CapturedReply.t4().plusMillis(3), CapturedReply.t4(), CapturedReply.t4().plusMillis(1));
    CliRun run = inspect(clock, server, "--count", "3", "--interval", "0");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(3, responder.requests().size());
    assertTrue(run.out().contains("\nbest of 3 by delay: 3.44 ms, [439 µs], 1.44 ms\n"), run.out());
    assertTrue(run.out().contains("offset  +36.5 µs (+36481 ns)"), run.out());
  }

  @Test
  void unfitTimeIsShownWithItsProblems() throws Exception {
    try (UdpResponder unsynchronized =
        UdpResponder.start(
            r -> List.of(CapturedReply.unsynchronized(CapturedReply.answering(r))))) {
      CliRun run = inspect(unsynchronized.hostPort());
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(
          run.out()
              .contains(
                  "not fit to set a clock by (1 problem):\n"
                      + "  - leap indicator 3: the server's clock is unsynchronized\n"),
          run.out());
      JsonNode json =
          new ObjectMapper().readTree(inspect(unsynchronized.hostPort(), "--json").out());
      assertEquals(
          "leap indicator 3: the server's clock is unsynchronized",
          json.get("problems").get(0).asText());
    }
  }

  @Test
  void aKissOfDeathIsShownThenFailsInOneLine() throws Exception {
    try (UdpResponder kod =
        UdpResponder.start(
            r -> List.of(CapturedReply.kissOfDeath(CapturedReply.answering(r), "RATE")))) {
      CliRun run = inspect(kod.hostPort());
      assertEquals(1, run.exitCode());
      assertTrue(run.out().contains("000c   52 41 54 45  reference ID    RATE"), run.out());
      assertTrue(run.out().contains("A kiss-o'-death carries no time"), run.out());
      assertEquals(
          "ntplab inspect: "
              + kod.hostPort()
              + " sent a kiss-o'-death RATE: rate exceeded: the server has"
              + " temporarily denied access (query less often)\n",
          run.err());
      assertEquals(1, kod.requests().size(), "not retried");
    }
  }

  @Test
  void anIpv6LiteralInBrackets() throws Exception {
    try (UdpResponder v6 =
        UdpResponder.start(
            InetAddress.getByName("::1"), r -> List.of(CapturedReply.answering(r)))) {
      assertEquals("[::1]:" + v6.address().getPort(), v6.hostPort());
      CliRun run = inspect(v6.hostPort(), "--json");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(v6.hostPort(), new ObjectMapper().readTree(run.out()).get("server").asText());
    }
  }

  @Test
  void anUnknownHostIsOneLineAndExit1() {
    CliRun run = inspect("no-such-host.invalid");
    assertEquals(1, run.exitCode());
    assertEquals("", run.out());
    assertEquals("ntplab inspect: unknown host no-such-host.invalid\n", run.err());
  }

  @Test
  void silenceIsOneLineAndExit1() throws Exception {
    try (UdpResponder silent = UdpResponder.start(r -> List.of(new byte[20]))) {
      // Long enough for the junk to arrive within its attempt on a loaded machine: each attempt
      // has a port of its own, so junk that comes late is never seen.
      CliRun run = inspect(silent.hostPort(), "--timeout", "400ms", "--attempts", "2");
      assertEquals(1, run.exitCode());
      assertEquals(
          "ntplab inspect: no answer from "
              + silent.hostPort()
              + ": 2 attempts timed out (waited 400 ms, 800 ms);"
              + " 2 other datagrams ignored, the last: not an NTP packet: byte 0 (version): version 0 is not NTP"
              + " (expected: 1 to 4)\n",
          run.err());
    }
  }

  @Test
  void aRefusedPortIsOneLineAndExit1() throws IOException {
    int port;
    try (DatagramSocket gone =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = gone.getLocalPort();
    }
    CliRun run = inspect("127.0.0.1:" + port);
    assertEquals(1, run.exitCode());
    assertEquals(
        "ntplab inspect: 127.0.0.1:" + port + ": port unreachable (nothing listens there)\n",
        run.err());
  }

  @Test
  void withoutAHostItInspectsTheBuiltInLabServer() throws Exception {
    CliRun run = inspect(Clock.systemUTC(), "--json");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .startsWith(
                "no host given: inspecting ntplab's built-in lab server, NTP on 127.0.0.1:"),
        run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(4, json.get("version").asInt());
    assertEquals(4, json.get("mode").asInt());
    assertEquals(3, json.get("stratum").asInt());
    assertEquals("127.127.1.1", json.get("referenceId").get("text").asText());
    assertEquals(0, json.get("problems").size(), json.toString());
  }

  @Test
  void withoutAHostTheTimeProtocolAsksTheBuiltInServerToo() {
    CliRun run = inspect(Clock.systemUTC(), "--protocol", "time");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("(RFC 868 TIME over UDP)"), run.out());
  }

  @Test
  void badUsageIsExit2() {
    assertEquals(2, inspect(server, "--json", "--raw").exitCode());
    assertEquals(2, inspect(server, "--version", "5").exitCode());
    assertEquals(2, inspect(server, "--tcp").exitCode());
    assertEquals(
        2,
        inspect(server, "--protocol", "time", "--save", dir.resolve("t.json").toString())
            .exitCode());
    assertEquals(2, inspect(server, "--timeout", "soon").exitCode());
    assertEquals(2, inspect("127.0.0.1:ntp").exitCode());
    assertEquals(0, responder.requests().size());
  }

  @Test
  void eachBadOptionIsNamedByItself() {
    assertEquals(
        "ntplab inspect: --timeout must be more than 0, not 0 s\n",
        inspect(server, "--timeout", "0").err());
    assertEquals(
        "ntplab inspect: --attempts must be 1 or more, not 0\n",
        inspect(server, "--attempts", "0").err());
    assertEquals(
        "ntplab inspect: --version must be 1 to 4 (NTPv1 to NTPv4), not 5\n",
        inspect(server, "--version", "5").err());
    CliRun time = inspect(server, "--protocol", "time", "--version", "2");
    assertEquals(2, time.exitCode());
    assertEquals(
        "ntplab inspect: --version goes with --protocol ntp: an RFC 868 TIME request is empty\n",
        time.err());
    assertEquals(0, responder.requests().size());
  }

  @Test
  void theTimeProtocolOverUdp() throws Exception {
    byte[] answer = {(byte) 0xea, 0x4b, (byte) 0xc7, 0x6d}; // the capture's T2, whole seconds
    try (UdpResponder time = UdpResponder.start(r -> List.of(answer))) {
      CliRun run = inspect(time.hostPort(), "--protocol", "time");
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(
          run.out()
              .startsWith(
                  "reply: 4 bytes from "
                      + time.hostPort()
                      + " (RFC 868 TIME over UDP)\n"
                      + "00000000: ea4bc76d                             .K.m\n"),
          run.out());
      assertTrue(
          run.out()
              .contains(
                  "seconds since 1900  3930834797 (0xea4bc76d)\n"
                      + "server time         2024-07-24T18:33:17Z (whole seconds: the protocol has no fraction)\n"),
          run.out());
      // 18:33:17.5 against our round trip's middle, 18:33:17.277073.
      assertTrue(
          run.out()
              .contains(
                  "offset              +223 ms ± 0.5 s: your clock is 223 ms behind the server's\n"),
          run.out());
    }
  }

  @Test
  void theTimeProtocolOverTcp() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket connection = listener.accept();
                    OutputStream out = connection.getOutputStream()) {
                  out.write(new byte[] {(byte) 0xea, 0x4b, (byte) 0xc7, 0x6d});
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      answer.start();
      CliRun run =
          inspect("127.0.0.1:" + listener.getLocalPort(), "--protocol", "time", "--tcp", "--json");
      answer.join();
      assertEquals(0, run.exitCode(), run.err());
      JsonNode json = new ObjectMapper().readTree(run.out());
      assertEquals("tcp", json.get("transport").asText());
      assertEquals(3930834797L, json.get("seconds").asLong());
      assertEquals("2024-07-24T18:33:17Z", json.get("time").asText());
    }
  }
}
