package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.testing.Captures;

class FixtureCommandsTest {

  @TempDir Path dir;

  static long count(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  @Test
  void importWritesFixturesThatVerify() throws IOException {
    CliRun run =
        CliRun.of(
            "import",
            Captures.root().resolve("tcpdump/ntp.pcap").toString(),
            "--out",
            dir.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        "ntp.pcap: 8 NTP datagrams -> 4 fixtures (4 request/reply pairs)\nwrote 4 fixtures under "
            + dir
            + "\n",
        run.out());
    assertEquals(4, count(dir.resolve("replies")));

    CliRun verify = CliRun.of("fixtures", "verify", dir.toString());
    assertEquals(0, verify.exitCode(), verify.out());
    assertEquals("4 fixtures checked, 0 problems\n", verify.out());
  }

  @Test
  void importNeverOverwritesUnlessForced() {
    String pcap = Captures.root().resolve("tcpdump/ntp.pcap").toString();
    assertEquals(0, CliRun.of("import", pcap, "--out", dir.toString()).exitCode());
    CliRun again = CliRun.of("import", pcap, "--out", dir.toString());
    assertEquals(2, again.exitCode());
    assertEquals(
        "ntplab import: "
            + dir.resolve("replies/ntp-1-2.json")
            + " already exists (use --force to overwrite, or --prefix); nothing written\n",
        again.err());
    assertEquals(0, CliRun.of("import", pcap, "--out", dir.toString(), "--force").exitCode());
  }

  @Test
  void twoCapturesThatWouldMakeTheSameFixtureAreRefusedBeforeAnythingIsLost() {
    CliRun run =
        CliRun.of(
            "import",
            Captures.root().resolve("tcpdump/ntp.pcap").toString(),
            Captures.root().resolve("zeek/ntp.pcap").toString(),
            "--out",
            dir.toString());
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .contains("both make ntp-1-2.json: import them separately, each with its own --prefix"),
        run.err());
  }

  @Test
  void importOfAFileThatIsNeitherCaptureNorHexIsOneLine() throws IOException {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "these are my notes\n");
    CliRun run = CliRun.of("import", notes.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, run.exitCode());
    assertEquals(
        "ntplab import: " + notes + ": line 1, column 1: 't' is not a hex digit\n", run.err());
  }

  @Test
  void importOfACaptureWithoutNtpWritesNothingAndFails() throws IOException {
    // A pcap global header (little-endian, Ethernet) and no packets: a capture of something else.
    byte[] header = {
      (byte) 0xd4,
      (byte) 0xc3,
      (byte) 0xb2,
      (byte) 0xa1,
      2,
      0,
      4,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      (byte) 0xff,
      (byte) 0xff,
      0,
      0,
      1,
      0,
      0,
      0
    };
    Path empty = Files.write(dir.resolve("web.pcap"), header);
    CliRun run = CliRun.of("import", empty.toString(), "--out", dir.resolve("out").toString());
    assertEquals(1, run.exitCode());
    assertEquals(
        "ntplab import: no NTP packets on UDP port 123 in "
            + empty
            + ": nothing written (NTP on another port? add --port PORT)\n",
        run.err());
    assertTrue(Files.notExists(dir.resolve("out")));
  }

  @Test
  void verifyReportsEachProblemAndFails() throws IOException {
    Files.writeString(dir.resolve("a.json"), "{\"id\": \"a\", \"reply\": \"24000000\"}");
    Files.writeString(dir.resolve("b.json"), "{\"id\": \"a\", \"reply\": \"24\"}");
    CliRun run = CliRun.of("fixtures", "verify", dir.toString());
    assertEquals(1, run.exitCode());
    assertEquals(
        dir.resolve("b.json")
            + ": line 1, field \"id\": \"a\" is already used by "
            + dir.resolve("a.json")
            + "\n"
            + dir.resolve("a.json")
            + ": reply: byte 4 (header): packet too short: 4 bytes (expected: 48+ bytes)\n"
            + "1 fixture checked, 2 problems\n",
        run.out());
  }

  @Test
  void verifyOfAMissingPathIsBadInput() {
    CliRun run = CliRun.of("fixtures", "verify", dir.resolve("nope").toString());
    assertEquals(2, run.exitCode());
    assertEquals(
        "ntplab fixtures verify: " + dir.resolve("nope") + ": no such file or directory\n",
        run.err());
  }

  @Test
  void usageErrorsExitWith2AndPointAtHelp() {
    CliRun run = CliRun.of("import", "x.pcap");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().startsWith("ntplab import: Missing required option: '--out=DIR'"), run.err());
    assertTrue(run.err().contains("Try 'ntplab import --help' for usage."), run.err());
  }
}
