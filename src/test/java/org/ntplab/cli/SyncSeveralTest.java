package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntplab.net.Addresses;

/**
 * {@code ntplab sync} over several servers, against lab servers started in-process as a user starts
 * them. The clock setter is a fake: these tests may run as root.
 */
class SyncSeveralTest {

  /** The README's demonstration: the servers as it starts them, on a free port each. */
  static final List<List<String>> DEMO =
      List.of(
          List.of("--bind", "127.0.0.11", "--offset", "10ms"),
          List.of("--bind", "127.0.0.12", "--offset", "12ms", "--delay", "5ms"),
          List.of("--bind", "127.0.0.13", "--offset", "8ms", "--asymmetry", "4ms", "--loss", "0.2"),
          List.of("--bind", "127.0.0.14", "--offset", "600ms"));

  /** What every server of the demonstration shares: no rate limit, a root distance to overlap. */
  static final List<String> LAB =
      List.of(
          "--port",
          "0",
          "--time-port",
          "0",
          "--rate-interval",
          "0",
          "--stratum",
          "2",
          "--root-delay",
          "10ms",
          "--root-dispersion",
          "5ms");

  static ServeCommandTest.Running serve(List<String> options) throws Exception {
    List<String> all = new ArrayList<>(options);
    all.addAll(LAB);
    return new ServeCommandTest.Running(all.toArray(String[]::new));
  }

  static CliRun sync(TestCommands.FakeClockSetter setter, List<String> args) {
    List<String> all = new ArrayList<>(List.of("sync"));
    all.addAll(args);
    return CliRun.with(new TestCommands(Clock.systemUTC(), setter), all.toArray(String[]::new));
  }

  @Test
  void theDemonstrationMarksTheLiarAFalsetickerAndCombinesTheOthers() throws Exception {
    List<ServeCommandTest.Running> servers = new ArrayList<>();
    try {
      List<String> args = new ArrayList<>();
      for (List<String> options : DEMO) {
        ServeCommandTest.Running s = serve(options);
        servers.add(s);
        args.add(Addresses.text(s.server.address()));
      }
      args.addAll(List.of("--interval", "250ms"));
      CliRun run = sync(new TestCommands.FakeClockSetter(true), args);
      assertEquals(0, run.exitCode(), run.out() + run.err());
      List<String> rows = run.out().lines().skip(1).limit(4).toList();
      for (String row : rows.subList(0, 3)) {
        assertTrue(row.startsWith("* ") || row.startsWith("+ "), run.out());
      }
      assertTrue(rows.get(3).startsWith("x 127.0.0.14:"), run.out());
      assertTrue(
          rows.get(3).endsWith("its offset is outside the intersection of the majority"),
          run.out());
      assertTrue(run.out().contains("\nintersection  "), run.out());
      assertTrue(run.out().contains("found allowing 1 falseticker\n"), run.out());
      assertTrue(run.out().contains("\nthe clock discipline would slew the clock by +"), run.out());
      assertTrue(run.out().endsWith(" (as root)\n"), run.out());
    } finally {
      for (ServeCommandTest.Running s : servers) {
        s.close();
      }
    }
  }

  @Test
  void aSilentServerShowsInItsReachAndIsNoCrash() throws Exception {
    try (ServeCommandTest.Running a = serve(List.of("--offset", "10ms"));
        ServeCommandTest.Running b = serve(List.of("--offset", "11ms"));
        DatagramSocket silent =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      String quiet = "127.0.0.1:" + silent.getLocalPort();
      CliRun run =
          sync(
              new TestCommands.FakeClockSetter(true),
              List.of(
                  Addresses.text(a.server.address()),
                  Addresses.text(b.server.address()),
                  quiet,
                  "--rounds",
                  "5",
                  "--interval",
                  "100ms",
                  "--timeout",
                  "200ms",
                  "--json"));
      assertEquals(0, run.exitCode(), run.out() + run.err());
      JsonNode json = new ObjectMapper().readTree(run.out());
      JsonNode gone = json.get("servers").get(2);
      assertEquals(quiet, gone.get("name").asText());
      assertEquals("0", gone.get("reach").asText());
      assertEquals(5, gone.get("polls").asInt());
      assertEquals(" ", gone.get("tally").asText());
      assertEquals("never answered (last: no reply)", gone.get("reason").asText());
      assertEquals("37", json.get("servers").get(0).get("reach").asText());
      assertTrue(json.get("synchronized").asBoolean());
    }
  }

  @Test
  void applyStepsByTheCombinedOffset() throws Exception {
    try (ServeCommandTest.Running a = serve(List.of("--offset", "20s"));
        ServeCommandTest.Running b = serve(List.of("--offset", "20s"))) {
      TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
      CliRun run =
          sync(
              setter,
              List.of(
                  Addresses.text(a.server.address()),
                  Addresses.text(b.server.address()),
                  "--rounds",
                  "5",
                  "--interval",
                  "50ms",
                  "--apply"));
      assertEquals(0, run.exitCode(), run.out() + run.err());
      assertEquals(1, setter.steps.size());
      assertEquals(20, setter.steps.get(0).toMillis() / 1000.0, 0.05);
      assertTrue(run.out().contains("the clock discipline would step the clock by +20"), run.out());
      assertTrue(run.out().contains("\nstepped the clock by +20"), run.out());
    }
  }

  @Test
  void badCombinationsAreRefusedInOneLine() {
    TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
    assertRefused(
        setter,
        "--count is for one server; with several, --rounds says how often each is asked",
        "127.0.0.1:9",
        "127.0.0.2:9",
        "--count",
        "3");
    assertRefused(setter, "--rounds must be 1 or more, not 0", "127.0.0.1:9", "--rounds", "0");
    assertRefused(setter, "127.0.0.1:9 is named twice", "127.0.0.1:9", "127.0.0.1:9");
    assertRefused(
        setter, "--json shows, --apply steps: choose one", "127.0.0.1:9", "--json", "--apply");
    assertEquals(List.<Duration>of(), setter.steps);
  }

  private static void assertRefused(
      TestCommands.FakeClockSetter setter, String message, String... args) {
    CliRun run = sync(setter, List.of(args));
    assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
    assertTrue(run.err().contains(message), run.err());
  }
}
