package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.testing.Captures;
import org.ntplab.wire.ControlMessage;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.Mac;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.PrivateMessage;
import org.opentest4j.AssertionFailedError;

/**
 * Our decoder against Wireshark's NTP dissector: every frame that tshark dissects as NTP in the
 * vendored captures is decoded by {@link NtpCodec} and compared with tshark, field by field.
 *
 * <p>How values are compared, where the two do not print them alike:
 *
 * <ul>
 *   <li>Poll and precision: Wireshark declares both as unsigned bytes (precision -23 shows as 233);
 *       RFC 5905 §7.3 makes them signed, as we read them, so the byte is compared.
 *   <li>Root delay and dispersion: Wireshark's field value is the raw 16.16 word (only its tree
 *       text is seconds, rounded), so the raw word is compared, and our exact seconds with word /
 *       2^16.
 *   <li>Timestamps: the raw 64 bits Wireshark read ({@code -x}), and the instant it prints.
 *       Wireshark truncates the fraction to whole nanoseconds and {@link NtpTimestamp#instant()}
 *       rounds to the nearest, so ours may be 1 ns later, never earlier; zero prints as {@code
 *       NULL}. Both use the RFC 4330 §3 era rule, so the dates of 2036 and later must agree too.
 * </ul>
 *
 * <p>Each capture is dissected once (tshark's start-up dominates, so the files run in parallel).
 * These tests fail, never skip, when tshark is missing: the whole class fails with one line saying
 * how to install it.
 */
class WiresharkDissectorIT {

  private static final DateTimeFormatter WIRESHARK_DATE =
      DateTimeFormatter.ofPattern("MMM ppd, uuuu HH:mm:ss.SSSSSSSSS 'UTC'", Locale.ENGLISH);

  /** What Wireshark made of one capture file. */
  record Capture(String folder, String file, List<Tshark.Frame> frames) {
    @Override
    public String toString() {
      return folder + "/" + file;
    }
  }

  /** Set on first use: every capture dissected, or why tshark could not dissect one. */
  private static List<Capture> dissected;

  private static AssertionFailedError dissectionFailure;

  @BeforeAll
  static void tsharkMustBeInstalled() {
    Tshark.requireInstalled();
  }

  /** Dissects every capture once for all the tests here; a failure is kept and reported to each. */
  private static synchronized List<Capture> dissected() {
    if (dissected == null && dissectionFailure == null) {
      try {
        dissected =
            Captures.captureFiles().parallelStream().map(WiresharkDissectorIT::dissect).toList();
      } catch (AssertionFailedError e) {
        dissectionFailure = e;
      }
    }
    if (dissectionFailure != null) {
      throw dissectionFailure;
    }
    return dissected;
  }

  private static Capture dissect(Path file) {
    String folder = file.getParent().getFileName().toString();
    String name = file.getFileName().toString();
    return new Capture(folder, name, Tshark.dissect(file, folder + "/" + name));
  }

  static Stream<Capture> captures() {
    return dissected().stream();
  }

  static Stream<Tshark.Frame> frames() {
    return captures().flatMap(c -> c.frames().stream());
  }

  static Stream<Tshark.Frame> timePackets() {
    return frames().filter(f -> f.number("ntp.flags.mode") <= 5 && trailerIsOneRfcsDefine(f));
  }

  static Stream<Tshark.Frame> controlMessages() {
    return frames().filter(f -> f.number("ntp.flags.mode") == 6);
  }

  static Stream<Tshark.Frame> privateMessages() {
    return frames().filter(f -> f.number("ntp.flags.mode") == 7);
  }

  static Stream<Tshark.Frame> timePacketsWithATrailerNoRfcDefines() {
    return frames().filter(f -> f.number("ntp.flags.mode") <= 5 && !trailerIsOneRfcsDefine(f));
  }

  @Test
  void wiresharkFindsEveryKindOfMessageTheCapturesHold() {
    assertTrue(frames().count() > 1400, "NTP frames tshark found: " + frames().count());
    assertTrue(controlMessages().findAny().isPresent(), "no mode 6 frame");
    assertTrue(privateMessages().findAny().isPresent(), "no mode 7 frame");
    assertTrue(timePackets().anyMatch(f -> !f.extensionFields().isEmpty()), "no extension fields");
    assertTrue(timePackets().anyMatch(f -> f.has("ntp.mac")), "no MAC");
  }

  /** The packet tables the unit tests read must hold exactly what Wireshark finds in the pcaps. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void packetTableListsExactlyTheFramesWiresharkDissectsAsNtp(Capture capture) {
    Map<String, String> wireshark = new LinkedHashMap<>();
    capture
        .frames()
        .forEach(
            f -> wireshark.put(String.valueOf(f.number()), HexFormat.of().formatHex(f.payload())));
    Map<String, String> table = new LinkedHashMap<>();
    Captures.packets().stream()
        .filter(p -> p.folder().equals(capture.folder()) && p.sourceFile().equals(capture.file()))
        .forEach(p -> table.put(p.frame(), HexFormat.of().formatHex(p.payload())));
    assertEquals(wireshark, table, "frame number -> NTP bytes");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timePackets")
  void timePacketHeaderMatchesWireshark(Tshark.Frame frame) {
    NtpPacket p = assertInstanceOf(NtpPacket.class, decode(frame), frame.name());
    long rootDelay = Integer.toUnsignedLong(p.rootDelay().bits());
    long rootDispersion = Integer.toUnsignedLong(p.rootDispersion().bits());
    assertAll(
        frame.name(),
        () -> assertEquals(frame.number("ntp.flags.li"), p.leap().code(), "leap indicator"),
        () -> assertEquals(frame.number("ntp.flags.vn"), p.version(), "version"),
        () -> assertEquals(frame.number("ntp.flags.mode"), p.mode().code(), "mode"),
        () -> assertEquals(frame.number("ntp.stratum"), p.stratum(), "stratum"),
        () -> assertEquals(frame.number("ntp.ppoll"), p.poll() & 0xff, "poll (as the byte)"),
        () ->
            assertEquals(
                frame.number("ntp.precision"), p.precision() & 0xff, "precision (as the byte)"),
        () -> assertEquals(frame.number("ntp.rootdelay"), rootDelay, "root delay (16.16 word)"),
        () -> assertSeconds(frame.number("ntp.rootdelay"), p.rootDelay().seconds(), "root delay"),
        () ->
            assertEquals(
                frame.number("ntp.rootdispersion"), rootDispersion, "root dispersion (16.16 word)"),
        () ->
            assertSeconds(
                frame.number("ntp.rootdispersion"),
                p.rootDispersion().seconds(),
                "root dispersion"),
        () ->
            assertEquals(
                hex(frame.bytes("ntp.refid")), hex(p.referenceId().bytes()), "reference ID"),
        () -> assertEquals(frame.payload().length, p.length(), "length"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timePackets")
  void timestampsMatchWireshark(Tshark.Frame frame) {
    NtpPacket p = assertInstanceOf(NtpPacket.class, decode(frame), frame.name());
    assertAll(
        frame.name(),
        () -> assertTimestamp(frame, "ntp.reftime", p.referenceTime(), "reference timestamp"),
        () -> assertTimestamp(frame, "ntp.org", p.originTime(), "origin timestamp"),
        () -> assertTimestamp(frame, "ntp.rec", p.receiveTime(), "receive timestamp"),
        () -> assertTimestamp(frame, "ntp.xmt", p.transmitTime(), "transmit timestamp"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timePackets")
  void extensionFieldsAndMacMatchWireshark(Tshark.Frame frame) {
    NtpPacket p = assertInstanceOf(NtpPacket.class, decode(frame), frame.name());
    List<String> wiresharkFields =
        frame.extensionFields().stream().map(WiresharkDissectorIT::describe).toList();
    List<String> ourFields =
        p.extensionFields().stream().map(WiresharkDissectorIT::describe).toList();
    String wiresharkKeyId = frame.show("ntp.keyid").orElse("none");
    String ourKeyId = p.mac().map(m -> hex(intBytes(m.keyId()))).orElse("none");
    String wiresharkDigest = frame.has("ntp.mac") ? hex(frame.bytes("ntp.mac")) : "none";
    String ourDigest = p.mac().filter(m -> !m.isCryptoNak()).map(Mac::digestHex).orElse("none");
    assertAll(
        frame.name(),
        () -> assertEquals(wiresharkFields, ourFields, "extension fields (type, length, value)"),
        () -> assertEquals(wiresharkKeyId.replace(":", ""), ourKeyId, "MAC key ID"),
        () -> assertEquals(wiresharkDigest, ourDigest, "MAC digest"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controlMessages")
  void controlMessageHeaderMatchesWireshark(Tshark.Frame frame) {
    ControlMessage c = assertInstanceOf(ControlMessage.class, decode(frame), frame.name());
    assertAll(
        frame.name(),
        () -> assertEquals(frame.number("ntp.flags.li"), c.leap().code(), "leap indicator"),
        () -> assertEquals(frame.number("ntp.flags.vn"), c.version(), "version"),
        () -> assertEquals(frame.number("ntp.ctrl.flags2.r"), bit(c.response()), "response bit"),
        () -> assertEquals(frame.number("ntp.ctrl.flags2.error"), bit(c.error()), "error bit"),
        () -> assertEquals(frame.number("ntp.ctrl.flags2.more"), bit(c.more()), "more bit"),
        () -> assertEquals(frame.number("ntp.ctrl.flags2.opcode"), c.opcode(), "opcode"),
        () -> assertEquals(frame.number("ntp.ctrl.sequence"), c.sequence(), "sequence"),
        () -> assertEquals(frame.number("ntp.ctrl.status"), c.status(), "status"),
        () -> assertEquals(frame.number("ntp.ctrl.associd"), c.associationId(), "association ID"),
        () -> assertEquals(frame.number("ntp.ctrl.offset"), c.offset(), "offset"),
        () -> assertEquals(frame.number("ntp.ctrl.count"), c.count(), "count"),
        () -> assertEquals(frame.payload().length, c.length(), "length"));
  }

  /**
   * Wireshark reads err, nitems, MBZ and itemsize only for implementation 3 (XNTPD), which is what
   * every mode 7 frame in the captures is; for any other they are compared when shown.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("privateMessages")
  void privateMessageHeaderMatchesWireshark(Tshark.Frame frame) {
    PrivateMessage m = assertInstanceOf(PrivateMessage.class, decode(frame), frame.name());
    boolean xntpd = m.implementation() == 3;
    assertAll(
        frame.name(),
        () -> assertEquals(frame.number("ntp.priv.flags.r"), bit(m.response()), "response bit"),
        () -> assertEquals(frame.number("ntp.priv.flags.more"), bit(m.more()), "more bit"),
        () -> assertEquals(frame.number("ntp.flags.vn"), m.version(), "version"),
        () -> assertEquals(frame.number("ntp.flags.mode"), m.mode().code(), "mode"),
        () -> assertEquals(frame.number("ntp.priv.auth"), bit(m.authenticated()), "auth bit"),
        () -> assertEquals(frame.number("ntp.priv.seq"), m.sequence(), "sequence"),
        () -> assertEquals(frame.number("ntp.priv.impl"), m.implementation(), "implementation"),
        () -> assertEquals(frame.number("ntp.priv.reqcode"), m.requestCode(), "request code"),
        () -> assertWhereShown(frame, xntpd, "ntp.priv.err", m.errorCode(), "err"),
        () -> assertWhereShown(frame, xntpd, "ntp.priv.numitems", m.itemCount(), "nitems"),
        () -> assertWhereShown(frame, xntpd, "ntp.priv.reserved", m.mustBeZero(), "MBZ bits"),
        () -> assertWhereShown(frame, xntpd, "ntp.priv.itemsize", m.itemSize(), "itemsize"),
        () -> assertEquals(frame.payload().length, m.length(), "length"));
  }

  /**
   * Wireshark takes whatever follows the header and extension fields as a key ID and a digest,
   * whatever its length. The MACs RFC 5905 §7.3 and RFC 8573 define are a key ID with a 16- or
   * 20-byte digest, or the key ID alone (a crypto-NAK), and a longer trailer can only be extension
   * fields (RFC 7822), which NTPv3 and older do not have. A trailer of any other length is not NTP,
   * so we reject the packet where it starts rather than invent a MAC. (In the captures: one fuzzed
   * NTPv2 packet from zeek's tests, which Wireshark shows with a 21-byte "MAC".)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("timePacketsWithATrailerNoRfcDefines")
  void trailerWiresharkCanOnlyShowAsAnOddSizedMacIsRejected(Tshark.Frame frame) {
    MalformedPacketException e =
        assertThrows(
            MalformedPacketException.class,
            () -> NtpCodec.decode(frame.payload()),
            frame.name() + ": trailer of " + trailerLength(frame) + " bytes");
    assertEquals(
        frame.payload().length - trailerLength(frame),
        e.offset(),
        frame.name() + ": " + e.getMessage());
  }

  private static NtpMessage decode(Tshark.Frame frame) {
    try {
      return NtpCodec.decode(frame.payload());
    } catch (MalformedPacketException e) {
      throw new AssertionError(
          frame.name() + ": Wireshark dissects it, we reject it: " + e.getMessage(), e);
    }
  }

  /** What is left after the header and the extension fields Wireshark found. */
  private static int trailerLength(Tshark.Frame frame) {
    int fields =
        frame.extensionFields().stream().mapToInt(f -> f.get("ntp.ext.length").asInt()).sum();
    return frame.payload().length - NtpPacket.HEADER_LENGTH - fields;
  }

  private static boolean trailerIsOneRfcsDefine(Tshark.Frame frame) {
    return List.of(0, 4, 20, 24).contains(trailerLength(frame));
  }

  private static void assertWhereShown(
      Tshark.Frame frame, boolean required, String field, long ours, String what) {
    if (required || frame.has(field)) {
      assertEquals(frame.number(field), ours, what);
    }
  }

  private static void assertTimestamp(
      Tshark.Frame frame, String field, NtpTimestamp ours, String what) {
    assertEquals(frame.rawHex(field), String.format("%016x", ours.bits()), what + " (raw 64 bits)");
    String shown = frame.show(field).orElseThrow();
    if (ours.isZero()) {
      assertEquals("NULL", shown, what + " (zero: unknown)");
      return;
    }
    Instant wireshark = LocalDateTime.parse(shown, WIRESHARK_DATE).toInstant(ZoneOffset.UTC);
    long oursLaterByNanos = Duration.between(wireshark, ours.instant().orElseThrow()).toNanos();
    assertTrue(
        oursLaterByNanos == 0 || oursLaterByNanos == 1,
        () ->
            what
                + ": Wireshark "
                + shown
                + ", ours "
                + ours.instant().orElseThrow()
                + " ("
                + ours
                + ")");
  }

  private static void assertSeconds(long word, BigDecimal ours, String what) {
    BigDecimal exact = BigDecimal.valueOf(word).divide(BigDecimal.valueOf(65536));
    assertEquals(
        0,
        exact.compareTo(ours),
        () -> what + ": " + exact.toPlainString() + " s expected, ours " + ours);
  }

  private static String describe(JsonNode field) {
    String value =
        field.has("ntp.ext.value") ? field.get("ntp.ext.value").asText().replace(":", "") : "";
    return String.format(
        "%04x/%d/%s",
        Integer.decode(field.get("ntp.ext.type").asText()),
        field.get("ntp.ext.length").asInt(),
        value);
  }

  private static String describe(ExtensionField field) {
    return String.format("%04x/%d/%s", field.type(), field.length(), hex(field.value()));
  }

  private static byte[] intBytes(long value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static int bit(boolean set) {
    return set ? 1 : 0;
  }
}
