package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureCheck;
import org.ntplab.fixture.FixtureJson;
import org.ntplab.testing.CapturedReply;
import org.ntplab.testing.UdpResponder;

/** {@code ntplab capture} over real UDP: files, ids, progress, and that what it writes verifies. */
class CaptureCommandTest {

  @TempDir Path dir;

  static CliRun capture(String... args) {
    List<String> all = new ArrayList<>(List.of("capture"));
    all.addAll(List.of(args));
    return CliRun.with(
        new TestCommands(InspectCommandTest.capturedClock()), all.toArray(String[]::new));
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void writesOneFixturePerExchangeWithProgressAndEveryOneVerifies() throws Exception {
    try (UdpResponder responder = UdpResponder.capturedReply()) {
      CliRun run =
          capture(responder.hostPort(), "--out", dir.toString(), "--count", "3", "--interval", "0");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(
          "captured 1/3\ncaptured 2/3\ncaptured 3/3\n",
          run.err(),
          "one line per query off a terminal");
      assertEquals(
          "captured 3 of 3 from "
              + responder.hostPort()
              + " into "
              + dir.resolve("replies")
              + ": capture-127.0.0.1-1 .. capture-127.0.0.1-3\n",
          run.out());

      List<Path> files = files(dir);
      assertEquals(
          List.of(
              dir.resolve("replies/capture-127.0.0.1-1.json"),
              dir.resolve("replies/capture-127.0.0.1-2.json"),
              dir.resolve("replies/capture-127.0.0.1-3.json")),
          files);
      for (Path file : files) {
        Fixture fixture = FixtureJson.read(file);
        assertEquals(List.of(), FixtureCheck.problems(fixture), file.toString());
        assertEquals("ntplab capture", fixture.source().how());
        assertEquals(CapturedReply.t1(), fixture.capturedAt());
      }
      CliRun verify = CliRun.of("fixtures", "verify", dir.toString());
      assertEquals(0, verify.exitCode(), verify.out());
      assertEquals("3 fixtures checked, 0 problems\n", verify.out());
    }
  }

  @Test
  void neverOverwritesButTakesTheNextFreeNumber() throws Exception {
    try (UdpResponder responder = UdpResponder.capturedReply()) {
      assertEquals(
          0,
          capture(responder.hostPort(), "--out", dir.toString(), "--count", "2", "--interval", "0")
              .exitCode());
      Path first = dir.resolve("replies/capture-127.0.0.1-1.json");
      String before = Files.readString(first);
      CliRun again =
          capture(responder.hostPort(), "--out", dir.toString(), "--count", "2", "--interval", "0");
      assertEquals(0, again.exitCode(), again.err());
      assertTrue(
          again.out().endsWith(": capture-127.0.0.1-3 .. capture-127.0.0.1-4\n"), again.out());
      assertEquals(before, Files.readString(first));
      assertEquals(4, files(dir).size());
      assertEquals(0, CliRun.of("fixtures", "verify", dir.toString()).exitCode());
    }
  }

  @Test
  void aKissOfDeathIsKeptAndEndsTheSeries() throws Exception {
    AtomicInteger answered = new AtomicInteger();
    try (UdpResponder responder =
        UdpResponder.start(
            request ->
                List.of(
                    answered.incrementAndGet() == 1
                        ? CapturedReply.answering(request)
                        : CapturedReply.kissOfDeath(CapturedReply.answering(request), "RATE")))) {
      CliRun run =
          capture(responder.hostPort(), "--out", dir.toString(), "--count", "5", "--interval", "0");
      assertEquals(1, run.exitCode());
      assertEquals(2, responder.requests().size(), "no query after the kiss");
      assertEquals(
          "captured 1/5\ncaptured 2/5\nntplab capture: stopped after 2 of 5: kiss-o'-death RATE: rate exceeded:"
              + " the server has temporarily denied access (query less often)\n",
          run.err());
      Fixture kod = FixtureJson.read(dir.resolve("replies/capture-127.0.0.1-2.json"));
      assertTrue(kod.hasTag("kod-rate"), kod.tags().toString());
      assertEquals(List.of(), FixtureCheck.problems(kod));
    }
  }

  @Test
  void unansweredQueriesAreCountedAndFail() throws Exception {
    try (UdpResponder silent = UdpResponder.start(request -> List.of())) {
      CliRun run =
          capture(
              silent.hostPort(),
              "--out",
              dir.toString(),
              "--count",
              "2",
              "--interval",
              "0",
              "--timeout",
              "20ms",
              "--attempts",
              "1");
      assertEquals(1, run.exitCode());
      assertTrue(
          run.err()
              .startsWith(
                  "captured 0/2 (1 unanswered)\ncaptured 0/2 (2 unanswered)\n"
                      + "ntplab capture: 2 of 2 queries got no answer; last: no answer from "
                      + silent.hostPort()),
          run.err());
      assertEquals("captured 0 of 2 from " + silent.hostPort() + "\n", run.out());
      assertTrue(Files.notExists(dir.resolve("replies")));
    }
  }

  @Test
  void aFolderThatCannotBeMadeIsBadInputBeforeAnyQuery() throws Exception {
    try (UdpResponder silent = UdpResponder.start(request -> List.of())) {
      Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
      CliRun run = capture(silent.hostPort(), "--out", file.resolve("fixtures").toString());
      assertEquals(2, run.exitCode());
      assertTrue(
          run.err()
              .startsWith(
                  "ntplab capture: --out "
                      + file.resolve("fixtures")
                      + ": cannot create the folder ("),
          run.err());
      assertEquals(0, silent.requests().size());
    }
  }

  @Test
  void idsAreMadeFromTheHostAsTyped() {
    assertEquals("capture-time.example.org", ExchangeFixtures.id("capture-Time.Example.ORG"));
    assertEquals("capture-2001-db8-1", ExchangeFixtures.id("capture-2001:db8::1"));
    assertEquals("capture", ExchangeFixtures.id("--"));
  }
}
