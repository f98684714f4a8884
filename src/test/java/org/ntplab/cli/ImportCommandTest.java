package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureJson;
import org.ntplab.testing.Captures;

/**
 * {@code ntplab import} loses nothing: cut captures, other ports, bad files among good ones, hex
 * typos.
 */
class ImportCommandTest {

  private static final Path PCAP = Captures.root().resolve("tcpdump/ntp.pcap"); // 8 frames, 4 pairs

  @TempDir Path dir;

  @Test
  void aCaptureCutShortGivesItsWholeFramesAndOneLineOnWhatWasDropped() throws Exception {
    byte[] original = Files.readAllBytes(PCAP);
    Path cut =
        Files.write(
            dir.resolve("ntp.pcap"),
            Arrays.copyOf(original, original.length - 50)); // tshark: 7 frames

    CliRun run = CliRun.of("import", cut.toString(), "--out", dir.resolve("out").toString());

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        "ntp.pcap: 7 NTP datagrams -> 4 fixtures (3 request/reply pairs)\nwrote 4 fixtures under "
            + dir.resolve("out")
            + "\n",
        run.out());
    assertEquals(
        "ntplab import: warning: ntp.pcap: cut short: dropped what starts at byte 862 (file ends inside a"
            + " record: its header promises 110 bytes, 60 follow); the 7 whole frames before it were read\n",
        run.err());
    assertTrue(
        Files.exists(dir.resolve("out/requests/ntp-7.json")), "frame 7, whose reply was cut off");
    assertEquals(0, CliRun.of("fixtures", "verify", dir.resolve("out").toString()).exitCode());
  }

  @Test
  void ntpOnAnotherPortIsFoundWithPortAndTheFailureWithoutItSaysSo() throws Exception {
    Path moved = Files.write(dir.resolve("lab.pcap"), withNtpPort(Files.readAllBytes(PCAP), 1123));
    Path out = dir.resolve("out");

    CliRun without = CliRun.of("import", moved.toString(), "--out", out.toString());
    assertEquals(1, without.exitCode());
    assertEquals(
        "ntplab import: no NTP packets on UDP port 123 in "
            + moved
            + ": nothing written (NTP on another port? add --port PORT)\n",
        without.err());

    CliRun with =
        CliRun.of(
            "import",
            moved.toString(),
            "--out",
            out.toString(),
            "--port",
            "1123",
            "--port",
            "4123");
    assertEquals(0, with.exitCode(), with.err());
    assertTrue(
        with.out().startsWith("lab.pcap: 8 NTP datagrams -> 4 fixtures (4 request/reply pairs)\n"),
        with.out());
    Fixture pair = FixtureJson.read(out.resolve("replies/lab-1-2.json"));
    assertEquals("192.168.100.1:1123", pair.source().server());

    CliRun bad = CliRun.of("import", moved.toString(), "--out", out.toString(), "--port", "0");
    assertEquals(2, bad.exitCode());
    assertEquals("ntplab import: --port must be 1 to 65535, not 0\n", bad.err());
  }

  @Test
  void oneBadFileAmongGoodOnesWritesNothingAndTheFixedRunSucceeds() throws Exception {
    Path typo = Files.writeString(dir.resolve("typo.txt"), "24 03 06 e7\n00 00 0g 00\n");
    Path out = dir.resolve("out");

    CliRun run = CliRun.of("import", PCAP.toString(), typo.toString(), "--out", out.toString());

    assertEquals(2, run.exitCode());
    assertEquals(
        "ntplab import: " + typo + ": line 2, column 8: 'g' is not a hex digit\n", run.err());
    assertEquals("", run.out());
    assertTrue(Files.notExists(out), "nothing written, not even the good file's fixtures");

    Files.writeString(typo, "24 03 06 e7\n00 00 00 00\n");
    CliRun again = CliRun.of("import", PCAP.toString(), typo.toString(), "--out", out.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().endsWith("wrote 5 fixtures under " + out + "\n"), again.out());
  }

  @Test
  void aFixtureInTheWayOfTheSecondFileKeepsTheFirstFileFromBeingWritten() throws Exception {
    Path out = dir.resolve("out");
    Path copy = Files.copy(Captures.root().resolve("zeek/ntp.pcap"), dir.resolve("zeek.pcap"));
    assertEquals(0, CliRun.of("import", copy.toString(), "--out", out.toString()).exitCode());

    CliRun run = CliRun.of("import", PCAP.toString(), copy.toString(), "--out", out.toString());

    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .contains("already exists (use --force to overwrite, or --prefix); nothing written"),
        run.err());
    assertTrue(
        Files.notExists(out.resolve("replies/ntp-1-2.json")),
        "the first file's fixtures are not written");
  }

  @Test
  void aWriteThatFailsMidwayTakesBackWhatItWrote() throws Exception {
    byte[] original = Files.readAllBytes(PCAP);
    Path cut = Files.write(dir.resolve("ntp.pcap"), Arrays.copyOf(original, original.length - 50));
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(
        out.resolve("requests"),
        "a file where the requests/ folder goes"); // ntp-7 goes there, last

    CliRun run = CliRun.of("import", cut.toString(), "--out", out.toString());

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .endsWith(
                "ntplab import: cannot write "
                    + out.resolve("requests/ntp-7.json")
                    + " ("
                    + out.resolve("requests")
                    + " is a file, not a folder); the 3 files this run wrote before it were removed\n"),
        run.err());
    assertEquals(0, FixtureCommandsTest.count(out));
    Files.delete(out.resolve("requests"));
    assertEquals(
        0,
        CliRun.of("import", cut.toString(), "--out", out.toString()).exitCode(),
        "the same command, again");
  }

  @Test
  void aHexDumpWithADroppedByteIsImportedAsMalformedWithAWarning() throws Exception {
    // xxd of a 48-byte reply with its last byte lost in copying: 47 bytes.
    Path dump =
        Files.writeString(
            dir.resolve("reply.xxd"),
            """
        00000000: 2403 06e7 0000 0000 0000 001a 7f7f 0101  $...............
        00000010: eeac bd20 0000 0000 eeac bd2e 61fa a000  ... ........a...
        00000020: eeac bd2e 61fc d000 eeac bd2e 61fd 30    ....a.......a.0
        """);

    CliRun run = CliRun.of("import", dump.toString(), "--out", dir.resolve("out").toString());

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        "ntplab import: warning: reply.xxd: packet 1 does not decode (byte 47 (header): packet too short:"
            + " 47 bytes (expected: 48+ bytes)): written to edge/ as \"expect\": \"malformed\"; if a byte was lost in"
            + " copying, delete edge/reply-1.json, fix the dump and import it again\n",
        run.err());
    assertEquals(
        Fixture.Expect.MALFORMED, FixtureJson.read(dir.resolve("out/edge/reply-1.json")).expect());
    assertTrue(
        CliRun.of("import", "--help")
            .out()
            .contains("with a warning: a byte lost in copying looks"));
  }

  @Test
  void aTagNamedLikeALabIsStillALabelAndSaysSo() throws Exception {
    CliRun run =
        CliRun.of(
            "import",
            PCAP.toString(),
            "--out",
            dir.toString(),
            "--tag",
            "lab3",
            "--tag",
            "class-2026");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        "ntplab import: warning: tag lab3 is a label only, it selects no lab: every lab grades every"
            + " fixture it can use (see ntplab import --help)\n",
        run.err());
    assertTrue(
        FixtureJson.read(dir.resolve("replies/ntp-1-2.json"))
            .tags()
            .containsAll(java.util.List.of("lab3", "class-2026")));
    assertTrue(
        CliRun.of("import", "--help")
            .out()
            .contains("it selects\nnothing. Every lab grades every fixture it can use"));
  }

  /**
   * The capture with UDP port 123 replaced by {@code port}: Ethernet, IPv4, little-endian pcap, as
   * tcpdump wrote it.
   */
  private static byte[] withNtpPort(byte[] pcap, int port) {
    ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
    for (int record = 24; record < pcap.length; record += 16 + b.getInt(record + 8)) {
      int udp = record + 16 + 14 + (pcap[record + 16 + 14] & 0x0F) * 4;
      for (int field = udp; field <= udp + 2; field += 2) {
        if (b.order(ByteOrder.BIG_ENDIAN).getShort(field) == 123) {
          b.putShort(field, (short) port);
        }
        b.order(ByteOrder.LITTLE_ENDIAN);
      }
    }
    return pcap;
  }
}
