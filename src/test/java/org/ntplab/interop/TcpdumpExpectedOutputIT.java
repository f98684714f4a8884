package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.testing.Captures;
import org.ntplab.wire.ControlMessage;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.Mac;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.PrivateMessage;

/**
 * Our decoder against tcpdump's own expected output for its NTP test captures: for every frame of
 * every {@code captures/tcpdump/*.out}, every value a line states is compared with our decode of
 * the same frame (bytes from the packet table), and a line this test cannot read fails it, so
 * nothing tcpdump says goes unchecked by accident.
 *
 * <p>It needs no tshark, only files; it sits with the interop tests because what it checks us
 * against is independently written software. Not compared: the IP and UDP layers (addresses, TTL,
 * checksums), which are not NTP; the capture time each frame line starts with is compared with the
 * packet table, whose times the fixtures' T1/T4 come from.
 *
 * <p>How tcpdump prints, and so how values are compared: root delay and dispersion are truncated to
 * microseconds, timestamps to nanoseconds (exactly: {@code fraction * 10^9 / 2^32} is exact in a
 * double), dates to the second. The leap indicator is printed as the masked byte ({@code 192} for
 * LI 3). The origin-to-receive/transmit differences are truncated while ours round, so they may
 * differ by 1 ns; with a zero origin tcpdump prints the timestamp itself instead.
 */
class TcpdumpExpectedOutputIT {

  /** tcpdump's names for modes 0 to 7. */
  private static final List<String> MODE_NAMES =
      List.of(
          "unspecified",
          "symmetric active",
          "symmetric passive",
          "Client",
          "Server",
          "Broadcast",
          "Control Message",
          "Reserved");

  private static final DateTimeFormatter CAPTURE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_INSTANT;

  private static final Pattern FRAME_LINE =
      Pattern.compile("^\\s*(\\d+)\\s+(\\S+ \\S+) IP6? (.*)$");
  private static final Pattern ADDRESS_LINE = Pattern.compile("^\\s+\\S+ > \\S+: (.*)$");
  private static final Pattern SUMMARY =
      Pattern.compile("(?:\\[[^\\]]*\\] )?NTPv(\\d+), ([A-Za-z ]+), length (\\d+)$");
  private static final Pattern TIME_HEADER =
      Pattern.compile(
          "^\\tLeap indicator: .*\\((\\d+)\\), Stratum (\\d+)"
              + " \\(([a-z ]+)\\), poll (-?\\d+)(?: \\((?:(\\d+)s|1/(\\d+)s)\\))?, precision (-?\\d+)$");
  private static final Pattern CONTROL_HEADER =
      Pattern.compile(
          "^\\tLeap indicator: .*\\((\\d+)\\), (Request|Response), (OK|Error), (More|Last), OpCode=(\\d+)$");
  private static final Pattern LEAP_ONLY = Pattern.compile("^\\tLeap indicator: .*\\((\\d+)\\)$");
  private static final Pattern ROOT =
      Pattern.compile(
          "^\\tRoot Delay: (\\d+\\.\\d{6}), Root dispersion: (\\d+\\.\\d{6}), Reference-ID: (.*)$");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^\\t  (Reference|Origin|Originator|Receive|Transmit) Timestamp:\\s+(\\d+)\\.(\\d{9})(?: \\((\\S+)\\))?$");
  private static final Pattern DIFFERENCE =
      Pattern.compile(
          "^\\t    Originator - (Receive|Transmit) Timestamp:\\s+([+-]?)(\\d+)\\.(\\d{9})(?: \\((\\S+)\\))?$");
  private static final Pattern KEY_ID = Pattern.compile("^\\tKey id: (\\d+)$");
  private static final Pattern DIGEST = Pattern.compile("^\\tAuthentication: ([0-9a-f]+)$");
  private static final Pattern FIELDS = Pattern.compile("^\\tExtension fields:$");
  private static final Pattern FIELD =
      Pattern.compile("^\\t  (.+) \\(0x([0-9a-f]{4})\\), length (\\d+)$");
  private static final Pattern HEXDUMP = Pattern.compile("^\\t    0x([0-9a-f]{4}):  ([0-9a-f ]+)$");
  private static final Pattern CONTROL_FIELDS =
      Pattern.compile(
          "^\\tSequence=(\\d+), Status=(0|0x[0-9a-f]+), Assoc\\.=(\\d+), Offset=(\\d+), Count=(\\d+)$");
  private static final Pattern DATA_NOT_INTERPRETED =
      Pattern.compile("^\\tTO-BE-DONE: data not interpreted$");
  private static final Pattern MORE_BYTES =
      Pattern.compile("^\\t\\((\\d+) more bytes after the header\\)$");

  static Stream<TcpdumpOutput.Printed> printedFrames() {
    return TcpdumpOutput.runs().stream().flatMap(run -> TcpdumpOutput.frames(run).stream());
  }

  @Test
  void everyExpectedOutputFileIsOneOfTcpdumpsNtpTests() throws IOException {
    List<String> files;
    try (Stream<Path> listing = Files.list(TcpdumpOutput.folder())) {
      files =
          listing
              .map(f -> f.getFileName().toString())
              .filter(f -> f.endsWith(".out"))
              .sorted()
              .toList();
    }
    assertEquals(
        files, TcpdumpOutput.runs().stream().map(TcpdumpOutput.Run::output).sorted().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.ntplab.interop.TcpdumpOutput#runs")
  void expectedOutputPrintsEveryFrameOfItsCapture(TcpdumpOutput.Run run) {
    List<Integer> inTable =
        Captures.packets().stream()
            .filter(p -> p.folder().equals("tcpdump") && p.sourceFile().equals(run.capture()))
            .map(p -> Integer.parseInt(p.frame()))
            .toList();
    assertEquals(
        inTable,
        TcpdumpOutput.frames(run).stream().map(TcpdumpOutput.Printed::frame).toList(),
        run.output());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("printedFrames")
  void everyValueTcpdumpPrintsMatchesOurDecode(TcpdumpOutput.Printed printed) {
    Captures.Packet packet =
        Captures.packet("tcpdump", printed.run().capture(), printed.frame())
            .orElseThrow(() -> new AssertionError(printed + ": frame not in the packet table"));
    Reading reading = new Reading(printed, packet, NtpCodec.decode(packet.payload()));
    printed.lines().forEach(reading::read);
    reading.checkWhatVerboseOutputLeftOut();
    assertAll(printed + " (tcpdump " + printed.run().flags() + ")", reading.checks);
  }

  /** One frame's lines read in order, each turned into checks against our decode. */
  private static final class Reading {
    final TcpdumpOutput.Printed printed;
    final Captures.Packet packet;
    final NtpMessage message;
    final List<Executable> checks = new ArrayList<>();
    boolean sawSummary;
    boolean sawMac;
    boolean sawFields;
    int field = -1;
    final List<StringBuilder> hexdumps = new ArrayList<>();

    Reading(TcpdumpOutput.Printed printed, Captures.Packet packet, NtpMessage message) {
      this.printed = printed;
      this.packet = packet;
      this.message = message;
    }

    void read(String line) {
      Matcher m;
      if ((m = FRAME_LINE.matcher(line)).matches()) {
        String captured = m.group(2);
        String rest = m.group(3);
        check(() -> assertEquals(captured, captureTime(packet), "capture time (packet table)"));
        // With -v, IPv4 headers take the rest of this line and the NTP summary follows on the next.
        if (rest.contains("NTPv")) {
          readSummary(rest);
        }
      } else if ((m = ADDRESS_LINE.matcher(line)).matches()) {
        readSummary(m.group(1));
      } else if ((m = TIME_HEADER.matcher(line)).matches()) {
        readTimeHeader(m);
      } else if ((m = CONTROL_HEADER.matcher(line)).matches()) {
        readControlHeader(m);
      } else if ((m = LEAP_ONLY.matcher(line)).matches()) {
        readLeapOnly(Integer.parseInt(m.group(1)));
      } else if ((m = ROOT.matcher(line)).matches()) {
        readRoot(m);
      } else if ((m = TIMESTAMP.matcher(line)).matches()) {
        readTimestamp(m);
      } else if ((m = DIFFERENCE.matcher(line)).matches()) {
        readDifference(m);
      } else if ((m = KEY_ID.matcher(line)).matches()) {
        long keyId = Long.parseLong(m.group(1));
        sawMac = true;
        check(
            () ->
                assertEquals(keyId, timePacket().mac().map(Mac::keyId).orElse(-1L), "MAC key ID"));
      } else if ((m = DIGEST.matcher(line)).matches()) {
        String digest = m.group(1);
        check(
            () ->
                assertEquals(
                    digest, timePacket().mac().map(Mac::digestHex).orElse("none"), "MAC digest"));
      } else if (FIELDS.matcher(line).matches()) {
        sawFields = true;
      } else if ((m = FIELD.matcher(line)).matches()) {
        readExtensionField(m);
      } else if ((m = HEXDUMP.matcher(line)).matches()) {
        readHexdump(Integer.parseInt(m.group(1), 16), m.group(2));
      } else if ((m = CONTROL_FIELDS.matcher(line)).matches()) {
        readControlFields(m);
      } else if (DATA_NOT_INTERPRETED.matcher(line).matches()) {
        check(
            () ->
                assertTrue(
                    control().count() > 0,
                    "tcpdump says there is data; count " + control().count()));
      } else if ((m = MORE_BYTES.matcher(line)).matches()) {
        int more = Integer.parseInt(m.group(1));
        check(
            () ->
                assertEquals(
                    more, message.length() - NtpPacket.HEADER_LENGTH, "bytes after the header"));
      } else {
        check(() -> fail("a line this test does not read: \"" + line + "\""));
      }
    }

    private void readSummary(String text) {
      Matcher m = SUMMARY.matcher(text);
      if (!m.find()) {
        check(() -> fail("no NTPv…, mode, length in \"" + text + "\""));
        return;
      }
      sawSummary = true;
      int version = Integer.parseInt(m.group(1));
      String mode = m.group(2);
      int length = Integer.parseInt(m.group(3));
      check(() -> assertEquals(version, message.version(), "version"));
      check(() -> assertEquals(mode, MODE_NAMES.get(message.mode().code()), "mode"));
      check(() -> assertEquals(length, message.length(), "length"));
    }

    private void readTimeHeader(Matcher m) {
      int leap = Integer.parseInt(m.group(1));
      int stratum = Integer.parseInt(m.group(2));
      String stratumClass = m.group(3);
      int poll = Integer.parseInt(m.group(4));
      String pollSeconds = m.group(5);
      String pollFraction = m.group(6);
      int precision = Integer.parseInt(m.group(7));
      check(
          () ->
              assertEquals(leap, timePacket().leap().code() << 6, "leap indicator (masked byte)"));
      check(() -> assertEquals(stratum, timePacket().stratum(), "stratum"));
      check(
          () -> assertEquals(stratumClass, stratumClass(timePacket().stratum()), "stratum class"));
      check(() -> assertEquals(poll, timePacket().poll(), "poll"));
      if (pollSeconds != null) {
        check(
            () ->
                assertEquals(
                    Long.parseLong(pollSeconds), 1L << timePacket().poll(), "poll interval (s)"));
      }
      if (pollFraction != null) {
        check(
            () ->
                assertEquals(
                    Long.parseLong(pollFraction),
                    1L << -timePacket().poll(),
                    "poll interval (1/s)"));
      }
      check(() -> assertEquals(precision, timePacket().precision(), "precision"));
    }

    private void readControlHeader(Matcher m) {
      int leap = Integer.parseInt(m.group(1));
      boolean response = m.group(2).equals("Response");
      boolean error = m.group(3).equals("Error");
      boolean more = m.group(4).equals("More");
      int opcode = Integer.parseInt(m.group(5));
      check(() -> assertEquals(leap, control().leap().code() << 6, "leap indicator (masked byte)"));
      check(() -> assertEquals(response, control().response(), "response bit"));
      check(() -> assertEquals(error, control().error(), "error bit"));
      check(() -> assertEquals(more, control().more(), "more bit"));
      check(() -> assertEquals(opcode, control().opcode(), "opcode"));
    }

    /**
     * tcpdump knows no mode 7 layout and prints only the top two bits as a leap indicator; in a
     * private message those are the response and more bits (ntpd's ntp_request.h: rm_vn_mode).
     */
    private void readLeapOnly(int topBits) {
      if (message instanceof PrivateMessage p) {
        check(
            () ->
                assertEquals(
                    topBits, (p.response() ? 0x80 : 0) | (p.more() ? 0x40 : 0), "R and M bits"));
      } else {
        check(
            () ->
                fail("tcpdump printed only a leap indicator for a " + message.mode() + " message"));
      }
    }

    private void readRoot(Matcher m) {
      String delay = m.group(1);
      String dispersion = m.group(2);
      String referenceId = m.group(3);
      check(
          () ->
              assertEquals(
                  delay, micros(timePacket().rootDelay().seconds()), "root delay (s, truncated)"));
      check(
          () ->
              assertEquals(
                  dispersion, micros(timePacket().rootDispersion().seconds()), "root dispersion"));
      check(
          () -> {
            NtpPacket p = timePacket();
            if (referenceId.equals("(unspec)")) {
              assertEquals(
                  0, p.referenceId().bits(), "reference ID: tcpdump prints (unspec) for zero");
            } else if (referenceId.matches("0x[0-9a-f]{8}")) {
              assertEquals(referenceId, "0x" + p.referenceId().hex(), "reference ID (hex)");
            } else if (referenceId.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
              assertEquals(referenceId, p.referenceId().asIpv4(), "reference ID (IPv4)");
            } else {
              assertEquals(referenceId, p.referenceIdText(), "reference ID (text)");
            }
          });
    }

    private void readTimestamp(Matcher m) {
      String which = m.group(1);
      String seconds = m.group(2);
      String nanos = m.group(3);
      String date = m.group(4);
      check(
          () -> {
            NtpPacket p = timePacket();
            NtpTimestamp t =
                switch (which) {
                  case "Reference" -> p.referenceTime();
                  case "Origin", "Originator" -> p.originTime();
                  case "Receive" -> p.receiveTime();
                  default -> p.transmitTime();
                };
            assertTimestamp(which + " timestamp", seconds, nanos, date, t);
          });
    }

    private void readDifference(Matcher m) {
      String which = m.group(1);
      String sign = m.group(2);
      String seconds = m.group(3);
      String nanos = m.group(4);
      String date = m.group(5);
      check(
          () -> {
            NtpPacket p = timePacket();
            NtpTimestamp later = which.equals("Receive") ? p.receiveTime() : p.transmitTime();
            String what = "origin to " + which.toLowerCase() + " timestamp";
            if (p.originTime().isZero()) {
              assertEquals("", sign, what + ": with a zero origin tcpdump prints the timestamp");
              assertTimestamp(what, seconds, nanos, date, later);
              return;
            }
            long printed =
                (Long.parseLong(seconds) * 1_000_000_000L + Long.parseLong(nanos))
                    * (sign.equals("-") ? -1 : 1);
            long ours = later.nanosSince(p.originTime());
            assertTrue(
                Math.abs(ours - printed) <= 1,
                () ->
                    what
                        + ": tcpdump "
                        + sign
                        + seconds
                        + "."
                        + nanos
                        + " s, ours "
                        + BigDecimal.valueOf(ours, 9)
                        + " s");
          });
    }

    private void readExtensionField(Matcher m) {
      int index = ++field;
      String name = m.group(1);
      int type = Integer.parseInt(m.group(2), 16);
      int length = Integer.parseInt(m.group(3));
      hexdumps.add(new StringBuilder());
      check(
          () -> {
            List<ExtensionField> fields = timePacket().extensionFields();
            assertTrue(
                index < fields.size(),
                "tcpdump shows extension field " + (index + 1) + ", ours " + fields.size());
            ExtensionField ours = fields.get(index);
            assertEquals(type, ours.type(), "extension field " + (index + 1) + " type");
            assertEquals(length, ours.length(), "extension field " + (index + 1) + " length");
            // tcpdump uses the IANA registry's names; ours may prefix "NTS" where the registry does
            // not.
            assertTrue(
                ours.name().orElse("").endsWith(name),
                () ->
                    "extension field "
                        + (index + 1)
                        + " name: tcpdump \""
                        + name
                        + "\", ours "
                        + ours.name());
          });
    }

    /** -vvv dumps each field's value in lines of 16 bytes; they are compared once all are read. */
    private void readHexdump(int offset, String words) {
      int index = field;
      StringBuilder dump = hexdumps.get(index);
      int at = dump.length() / 2;
      check(() -> assertEquals(at, offset, "hexdump offset in extension field " + (index + 1)));
      dump.append(words.replace(" ", ""));
    }

    private void readControlFields(Matcher m) {
      int sequence = Integer.parseInt(m.group(1));
      int status = Integer.decode(m.group(2));
      int associationId = Integer.parseInt(m.group(3));
      int offset = Integer.parseInt(m.group(4));
      int count = Integer.parseInt(m.group(5));
      check(() -> assertEquals(sequence, control().sequence(), "sequence"));
      check(() -> assertEquals(status, control().status(), "status"));
      check(() -> assertEquals(associationId, control().associationId(), "association ID"));
      check(() -> assertEquals(offset, control().offset(), "offset"));
      check(() -> assertEquals(count, control().count(), "count"));
    }

    /**
     * With -v tcpdump prints every MAC and extension field of a time packet, so a frame without
     * those lines has none; -vvv also dumps each field's value.
     */
    void checkWhatVerboseOutputLeftOut() {
      check(() -> assertTrue(sawSummary, "no line with NTP version, mode and length"));
      for (int i = 0; i < hexdumps.size(); i++) {
        int index = i;
        String dump = hexdumps.get(i).toString();
        if (!dump.isEmpty()) {
          check(
              () ->
                  assertEquals(
                      dump,
                      HexFormat.of().formatHex(timePacket().extensionFields().get(index).value()),
                      "extension field " + (index + 1) + " value"));
        }
      }
      if (printed.run().verbose() && message instanceof NtpPacket p) {
        if (!sawMac) {
          check(
              () ->
                  assertTrue(
                      p.mac().isEmpty(),
                      () -> "tcpdump -v prints no MAC, ours has " + p.mac().get()));
        }
        if (!sawFields) {
          check(
              () ->
                  assertEquals(
                      List.of(), p.extensionFields(), "extension fields (tcpdump -v prints none)"));
        } else {
          int printedFields = field + 1;
          check(
              () ->
                  assertEquals(
                      printedFields, p.extensionFields().size(), "number of extension fields"));
        }
      }
    }

    private void assertTimestamp(
        String what, String seconds, String nanos, String date, NtpTimestamp ours) {
      assertEquals(Long.parseLong(seconds), ours.seconds(), what + " seconds");
      // fraction * 10^9 / 2^32, truncated: tcpdump's double arithmetic is exact here.
      assertEquals(
          Long.parseLong(nanos),
          ours.fraction() * 1_000_000_000L >>> 32,
          what + " nanoseconds (truncated)");
      if (date != null) {
        Instant second = NtpTimestamp.of(ours.seconds(), 0).toInstant(NtpTimestamp.DEFAULT_PIVOT);
        assertEquals(date, DATE.format(second), what + " date");
      } else {
        assertEquals(0, ours.seconds(), what + ": tcpdump prints no date only for second 0");
      }
    }

    private NtpPacket timePacket() {
      return assertInstanceOf(NtpPacket.class, message, "tcpdump prints a time packet field");
    }

    private ControlMessage control() {
      return assertInstanceOf(
          ControlMessage.class, message, "tcpdump prints a control message field");
    }

    private void check(Executable check) {
      checks.add(check);
    }
  }

  /** tcpdump's stratum classes. */
  private static String stratumClass(int stratum) {
    return switch (stratum) {
      case 0 -> "unspecified";
      case 1 -> "primary reference";
      default -> stratum <= 15 ? "secondary reference" : "reserved";
    };
  }

  /** Seconds as tcpdump prints a 16.16 value: six decimals, truncated. */
  private static String micros(BigDecimal seconds) {
    return seconds.setScale(6, RoundingMode.DOWN).toPlainString();
  }

  /** The packet table's capture time as tcpdump -tttt prints it (UTC, microseconds). */
  private static String captureTime(Captures.Packet packet) {
    BigDecimal epoch = new BigDecimal(packet.timeEpoch());
    Instant time =
        Instant.ofEpochSecond(
                epoch.longValue(), epoch.remainder(BigDecimal.ONE).movePointRight(9).longValue())
            .truncatedTo(ChronoUnit.MICROS);
    return CAPTURE_TIME.format(time);
  }
}
