package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.testing.Captures;

/**
 * Every packet of the public captures, decoded and compared with the independent decode that came
 * with them (the {@code note} column), and encoded back byte for byte.
 */
class CapturedPacketsTest {

  static Stream<Captures.Packet> decodable() {
    return Captures.packets().stream().filter(p -> !p.note().contains("trailing 25B unparsed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodable")
  void encodesBackByteForByte(Captures.Packet packet) {
    assertArrayEquals(packet.payload(), NtpCodec.encode(NtpCodec.decode(packet.payload())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodable")
  void agreesWithTheIndependentDecode(Captures.Packet packet) {
    NtpMessage message = NtpCodec.decode(packet.payload());
    String note = packet.note();
    Matcher header = Pattern.compile("v(\\d) mode(\\d)").matcher(note);
    assertTrue(header.find(), note);
    assertEquals(Integer.parseInt(header.group(1)), message.version(), "version");
    assertEquals(Integer.parseInt(header.group(2)), message.mode().code(), "mode");
    if (message instanceof NtpPacket p) {
      assertEquals(intAfter(note, "stratum="), p.stratum(), "stratum");
      assertEquals(intAfter(note, "poll="), p.poll(), "poll");
      assertEquals(intAfter(note, "prec="), p.precision(), "precision");
      assertEquals(note.contains("LI=") ? intAfter(note, "LI=") : 0, p.leap().code(), "leap");
      if (note.contains("refid=") && !note.contains("refid=''")) {
        String refid = note.replaceFirst("(?s).*refid='?([^' (]*)'?.*", "$1");
        assertEquals(refid, p.referenceIdText(), "reference ID");
      }
      if (note.contains("kiss-code/KoD(")) {
        assertEquals(
            note.replaceFirst(".*kiss-code/KoD\\((\\w+)\\).*", "$1"),
            p.kissCode().orElseThrow().code());
      }
      assertEquals(
          matches(note, "EF\\(type=0x([0-9a-f]{4})"),
          p.extensionFields().stream().map(f -> String.format("%04x", f.type())).toList(),
          "extension field types");
      assertEquals(
          matches(
              note,
              "EF\\(type=0x[0-9a-f]{4} [\\w-]+ len=(\\d+)|EF\\(type=0x[0-9a-f]{4} len=(\\d+)"),
          p.extensionFields().stream().map(f -> String.valueOf(f.length())).toList(),
          "extension field lengths");
      assertEquals(
          note.contains("keyid=") ? List.of(String.valueOf(intAfter(note, "keyid="))) : List.of(),
          p.mac().stream().map(m -> String.valueOf(m.keyId())).toList(),
          "MAC key ID");
      assertEquals(
          note.contains("crypto-NAK"), p.mac().map(Mac::isCryptoNak).orElse(false), "crypto-NAK");
    } else if (message instanceof ControlMessage c) {
      assertEquals(intAfter(note, "op="), c.opcode(), "opcode");
      assertEquals(intAfter(note, "seq="), c.sequence(), "sequence");
      assertEquals(intAfter(note, "count="), c.count(), "count");
      assertEquals(note.contains("response"), c.response(), "response bit");
    } else if (message instanceof PrivateMessage m) {
      assertEquals(intAfter(note, "req="), m.requestCode(), "request code");
      assertEquals(intAfter(note, "impl="), m.implementation(), "implementation");
      assertEquals(intAfter(note, "nitems="), m.itemCount(), "item count");
      assertEquals(intAfter(note, "itemsize="), m.itemSize(), "item size");
      assertEquals(note.contains("response"), m.response(), "response bit");
    }
  }

  @Test
  void theFuzzedZeekPacketIsRejectedAtItsTrailer() {
    Captures.Packet fuzzed =
        Captures.packets().stream()
            .filter(p -> p.note().contains("trailing 25B unparsed"))
            .findFirst()
            .orElseThrow();
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(fuzzed.payload()));
    assertEquals(48, e.offset());
  }

  @Test
  void theCorpusCoversWhatTheDecoderMustHandle() {
    List<NtpMessage> all = decodable().map(p -> NtpCodec.decode(p.payload())).toList();
    assertTrue(all.size() > 1500, "packets: " + all.size());
    assertTrue(all.stream().anyMatch(m -> m instanceof ControlMessage));
    assertTrue(all.stream().anyMatch(m -> m instanceof PrivateMessage));
    assertTrue(
        all.stream().anyMatch(m -> m instanceof NtpPacket p && !p.extensionFields().isEmpty()));
    assertTrue(
        all.stream()
            .anyMatch(
                m -> m instanceof NtpPacket p && p.mac().map(Mac::isCryptoNak).orElse(false)));
    assertTrue(
        all.stream()
            .anyMatch(
                m ->
                    m instanceof NtpPacket p
                        && p.leap() == LeapIndicator.LAST_MINUTE_HAS_61_SECONDS));
  }

  private static int intAfter(String note, String key) {
    Matcher m = Pattern.compile(Pattern.quote(key) + "(-?\\d+)").matcher(note);
    assertTrue(m.find(), () -> key + " in " + note);
    return Integer.parseInt(m.group(1));
  }

  private static List<String> matches(String note, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(note);
    while (m.find()) {
      found.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return found;
  }
}
