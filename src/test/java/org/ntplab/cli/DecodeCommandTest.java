package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.testing.Captures;

class DecodeCommandTest {

  @TempDir Path dir;

  static final String CLASSIC_REQUEST = "1b" + "00".repeat(47);

  @Test
  void showsTheClassicRequestWordByWord() {
    CliRun run = CliRun.of("decode", CLASSIC_REQUEST);
    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals("NTPv3 client packet, 48 bytes: 48-byte header", lines.get(0));
    assertTrue(
        lines.get(2).startsWith("0000   1b 00 00 00  byte 0          00 011 011"), lines.get(2));
    assertTrue(
        run.out()
            .contains("0028   00 00 00 00  transmit time   00000000.00000000    (zero: unknown)"),
        run.out());
    assertFalse(run.out().contains("\u001b["), "no colour when not on a terminal");
  }

  @Test
  void acceptsWordsAsSeparateArguments() {
    List<String> args = new ArrayList<>(List.of("decode", "1b000000"));
    for (int i = 0; i < 11; i++) {
      args.add("00000000");
    }
    assertEquals(
        CliRun.of("decode", CLASSIC_REQUEST).out(), CliRun.of(args.toArray(String[]::new)).out());
  }

  @Test
  void readsTcpdumpTextFromStandardInputAndStripsTheHeaders() throws IOException {
    CliRun run =
        CliRun.withInput(Files.readString(Captures.text("tcpdump-X-ntp-1-2.txt")), "decode", "-");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .contains(
                "== packet 1, 192.168.100.2:58054 -> 192.168.100.1:123\nNTPv4 client packet, 72 bytes"),
        run.out());
    assertTrue(
        run.out()
            .contains(
                "== packet 2, 192.168.100.1:123 -> 192.168.100.2:58054\n"
                    + "NTPv4 server packet, 52 bytes: 48-byte header, crypto-NAK"),
        run.out());
  }

  @Test
  void jsonNamesTheFieldsAsTheDesignSays() throws IOException {
    CliRun run = CliRun.of("decode", "--json", CLASSIC_REQUEST);
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
            "length"),
        names);
    assertEquals(3, json.get("version").asInt());
    assertTrue(json.get("transmitTime").get("instant").isNull());
  }

  @Test
  void decodesEveryNtpPacketOfACapture() throws IOException {
    CliRun run =
        CliRun.of("decode", "--json", "-f", Captures.root().resolve("tcpdump/ntp.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    JsonNode all = new ObjectMapper().readTree(run.out());
    assertEquals(8, all.size());
    assertEquals("STEP", all.get(1).get("kissCode").asText());
    CliRun text = CliRun.of("decode", "-f", Captures.root().resolve("tcpdump/ntp.pcap").toString());
    assertTrue(
        text.out()
            .contains(
                "== packet 2, 2017-06-19T14:12:10.231082Z, 192.168.100.1:123 -> 192.168.100.2:58054"),
        text.out());
  }

  @Test
  void showsTheRequestAndReplyOfAFixture() {
    CliRun run = CliRun.of("decode", "-f", "fixtures/replies/tcpdump-ntp-3-4.json");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out().contains("== tcpdump-ntp-3-4: request\nNTPv4 client packet, 72 bytes"),
        run.out());
    assertTrue(
        run.out().contains("== tcpdump-ntp-3-4: reply\nNTPv4 server packet, 72 bytes"), run.out());
  }

  @Test
  void aPacketThatIsNotNtpIsOneLineAndExit2() {
    CliRun run = CliRun.of("decode", "24" + "00".repeat(40));
    assertEquals(2, run.exitCode());
    assertEquals("", run.out());
    assertEquals(
        "ntplab decode: byte 41 (header): packet too short: 41 bytes (expected: 48+ bytes)\n",
        run.err());
  }

  @Test
  void aBinaryFileIsNamedAsNeitherCaptureNorTextWithExit2() throws IOException {
    Path raw =
        Files.write(
            dir.resolve("reply.bin"), new byte[] {0x24, 0x03, (byte) 0xe7, (byte) 0xff, 0x00});
    CliRun run = CliRun.of("decode", "-f", raw.toString());
    assertEquals(2, run.exitCode());
    assertEquals(
        "ntplab decode: "
            + raw
            + ": neither a pcap/pcapng capture nor hex text (byte 2, 0xe7, is not"
            + " UTF-8 text); a raw datagram can be given as hex: xxd -p FILE | ntplab decode -\n",
        run.err());
  }

  @Test
  void ipv6AddressesOfACaptureAreBracketedBeforeTheirPort() {
    CliRun run =
        CliRun.of("decode", "-f", Captures.root().resolve("tcpdump/ntp-control.pcap").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(
        run.out()
            .lines()
            .anyMatch(
                l -> l.matches("== packet 1, .*, \\[[0-9a-f:]+\\]:\\d+ -> \\[[0-9a-f:]+\\]:\\d+")),
        run.out().lines().filter(l -> l.startsWith("==")).findFirst().orElse(run.out()));
  }

  @Test
  void theStackTraceIsThereWhenAskedFor() {
    CliRun run = CliRun.of("decode", "--stacktrace", "24");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("at org.ntplab.wire.NtpCodec"), run.err());
  }

  @Test
  void textThatIsNotHexNamesLineAndColumn() {
    CliRun run = CliRun.of("decode", "1b00 zz");
    assertEquals(2, run.exitCode());
    assertEquals("ntplab decode: line 1, column 6: 'z' is not a hex digit\n", run.err());
  }

  @Test
  void rawShowsBytesEvenOfAPacketThatDoesNotDecode() {
    CliRun run = CliRun.of("decode", "--raw", "2400000000");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("00000000: 24000000 00                          $....\n", run.out());
  }

  @Test
  void inAFileOfSeveralPacketsTheBadOnesAreShownAndCounted() throws IOException {
    Path file = Files.writeString(dir.resolve("two.txt"), CLASSIC_REQUEST + "\n\n" + "2400\n");
    CliRun run = CliRun.of("decode", "-f", file.toString());
    assertEquals(2, run.exitCode());
    assertTrue(
        run.out().contains("== packet 2\nnot an NTP packet: byte 2 (header): packet too short"),
        run.out());
    assertEquals(
        "ntplab decode: 1 of 2 packets are not NTP packets; first: packet 2: byte 2 (header): packet too short:"
            + " 2 bytes (expected: 48+ bytes)\n",
        run.err());
  }

  @Test
  void conflictingInputsAreRefused() {
    CliRun run = CliRun.of("decode", "-f", "x.txt", CLASSIC_REQUEST);
    assertEquals(2, run.exitCode());
    assertEquals("ntplab decode: give the packet as HEX or with -f FILE, not both\n", run.err());
    assertEquals(2, CliRun.of("decode", "--json", "--raw", CLASSIC_REQUEST).exitCode());
  }
}
