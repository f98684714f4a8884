package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NtpCodecTest {

  /** tcpdump/ntp.pcap frame 4: an NTPv4 server reply, stratum 2, with a SHA1 MAC. */
  static final String SHA1_REPLY =
      "240200e9000027cf000000670a051b0adcf25be5b86d5655ae9d0aa81b8971a7"
          + "dcf25be67e92d240dcf25be67e9a9fc900000008629990a7fc22cc8467dd88b7af2d220dbe3287d6";

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  @Test
  void theClassicSntpRequestIs0x1bAnd47Zeros() {
    byte[] request = NtpCodec.encode(NtpPacket.clientRequest(3, NtpTimestamp.ZERO));
    byte[] expected = new byte[48];
    expected[0] = 0x1b;
    assertArrayEquals(expected, request);
  }

  @Test
  void decodesEveryHeaderFieldOfARealReply() {
    NtpPacket p = assertInstanceOf(NtpPacket.class, NtpCodec.decode(hex(SHA1_REPLY)));
    assertEquals(LeapIndicator.NO_WARNING, p.leap());
    assertEquals(4, p.version());
    assertEquals(Mode.SERVER, p.mode());
    assertEquals(2, p.stratum());
    assertEquals(0, p.poll());
    assertEquals(-23, p.precision());
    assertEquals(new NtpShort(0x000027cf), p.rootDelay());
    assertEquals(new NtpShort(0x00000067), p.rootDispersion());
    assertEquals("10.5.27.10", p.referenceIdText());
    assertEquals(NtpTimestamp.parse("dcf25be5.b86d5655"), p.referenceTime());
    assertEquals(NtpTimestamp.parse("ae9d0aa8.1b8971a7"), p.originTime());
    assertEquals(NtpTimestamp.parse("dcf25be6.7e92d240"), p.receiveTime());
    assertEquals(NtpTimestamp.parse("dcf25be6.7e9a9fc9"), p.transmitTime());
    assertEquals(List.of(), p.extensionFields());
    Mac mac = p.mac().orElseThrow();
    assertEquals(8, mac.keyId());
    assertEquals("629990a7fc22cc8467dd88b7af2d220dbe3287d6", mac.digestHex());
    assertEquals(Optional.of("SHA1"), mac.algorithm());
    assertEquals(Optional.empty(), p.kissCode());
    assertEquals(72, p.length());
  }

  @Test
  void aFourByteTrailerIsACryptoNak() {
    // tcpdump/ntp.pcap frame 2: KoD STEP with key ID 0 and no digest.
    NtpPacket p =
        NtpCodec.decodePacket(
            hex(
                "e40003e9000000000000005a535445500000000000000000a4b39cd101fb24bf"
                    + "dcf25a3984199119dcf25a39841d6dc500000000"));
    assertTrue(p.mac().orElseThrow().isCryptoNak());
    assertEquals(KissCode.STEP, p.kissCode().orElseThrow());
    assertEquals(LeapIndicator.UNSYNCHRONIZED, p.leap());
  }

  @Test
  void aClientRequestCarriesNoKissCodeWhateverItsReferenceId() {
    // tcpdump/ntp.pcap frame 7: an unsynchronized ntpd client, stratum 0, reference ID "INIT".
    NtpPacket request =
        NtpCodec.decodePacket(
            hex(
                "e30006e70000000000000000494e4954000000000000000000000000"
                    + "000000000000000000000000dcf26270cd03ed4f00000008d5378a09c04da845732097104348843a"));
    assertEquals("INIT", request.referenceIdText());
    assertEquals(Optional.empty(), request.kissCode());
  }

  @Test
  void signedFieldsAreReadSigned() {
    byte[] b = NtpCodec.encode(NtpPacket.clientRequest(4, NtpTimestamp.ZERO));
    b[2] = (byte) 0xfa; // poll -6 (a nonsense but legal value)
    b[3] = (byte) 0xe6; // precision -26
    NtpPacket p = NtpCodec.decodePacket(b);
    assertEquals(-6, p.poll());
    assertEquals(-26, p.precision());
  }

  @Test
  void extensionFieldsAreReadWithTheirLengthsAndNames() {
    byte[] ef = new byte[48 + 36 + 20];
    ef[0] = 0x23; // v4 client
    ef[48] = 0x01;
    ef[49] = 0x04;
    ef[51] = 36; // NTS unique identifier, 36 bytes
    ef[48 + 36 + 3] = 9; // then a MAC with key ID 9 and a 16-byte digest
    NtpPacket p = NtpCodec.decodePacket(ef);
    assertEquals(1, p.extensionFields().size());
    ExtensionField field = p.extensionFields().get(0);
    assertEquals(0x0104, field.type());
    assertEquals(36, field.length());
    assertEquals(Optional.of("NTS Unique Identifier"), field.name());
    assertEquals(9, p.mac().orElseThrow().keyId());
    assertArrayEquals(ef, NtpCodec.encode(p));
  }

  static IntStream shortLengths() {
    return IntStream.range(1, 48);
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("shortLengths")
  void rejectsEveryLengthShorterThanTheHeader(int length) {
    byte[] b = new byte[length];
    b[0] = 0x24; // v4 server
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(b));
    assertEquals(
        "byte "
            + length
            + " (header): packet too short: "
            + length
            + " bytes (expected: 48+ bytes)",
        e.getMessage());
    assertEquals(length, e.offset());
  }

  @Test
  void rejectsAnEmptyDatagram() {
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(new byte[0]));
    assertEquals("byte 0 (header): empty datagram (expected: 48+ bytes)", e.getMessage());
  }

  @ParameterizedTest(name = "version {0}")
  @ValueSource(ints = {0, 5, 6, 7})
  void rejectsVersionsThatAreNotNtp(int version) {
    byte[] b = new byte[48];
    b[0] = (byte) (version << 3 | 4);
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(b));
    assertEquals("version", e.field());
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("version " + version + " is not NTP"), e.getMessage());
  }

  @Test
  void ntpV3KeepsItsDesAuthenticator() {
    byte[] b = new byte[48 + 12];
    b[0] = 0x1c; // v3 server
    b[51] = 5; // key ID 5, then 8 bytes of DES-CBC digest
    b[52] = (byte) 0xde;
    NtpPacket p = NtpCodec.decodePacket(b);
    assertEquals(5, p.mac().orElseThrow().keyId());
    assertEquals(Optional.of("DES"), p.mac().orElseThrow().algorithm());
    assertArrayEquals(b, NtpCodec.encode(p));
    b[0] = 0x24; // the same trailer after an NTPv4 header is no MAC of v4's
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(b));
    assertEquals(
        "byte 48 (MAC): 12 bytes after the header are not a MAC (expected: 4 for a crypto-NAK, 20 or 24)",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}-byte trailer")
  @ValueSource(ints = {1, 2, 3, 5, 8, 12, 16, 19, 21, 23})
  void rejectsTrailersThatAreNeitherMacNorExtensionField(int trailer) {
    byte[] b = new byte[48 + trailer];
    b[0] = 0x24;
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(b));
    assertEquals(48, e.offset());
    assertEquals("MAC", e.field());
  }

  @Test
  void rejectsExtensionFieldsBeforeVersion4() {
    byte[] b = new byte[48 + 28];
    b[0] = 0x1c; // v3 server
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(b));
    assertEquals(
        "byte 48 (trailer): 28 bytes after the header: too long for a MAC, and NTPv3 has no extension fields",
        e.getMessage());
  }

  @ParameterizedTest(name = "length field {0}")
  @ValueSource(ints = {0, 4, 12, 17, 30})
  void rejectsExtensionFieldLengthsRfc7822Forbids(int length) {
    byte[] b = new byte[48 + 32];
    b[0] = 0x24;
    b[51] = (byte) length;
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(b));
    assertEquals(50, e.offset());
    assertEquals("extension field length", e.field());
  }

  @Test
  void rejectsAnExtensionFieldThatRunsPastTheEnd() {
    byte[] b = new byte[48 + 32];
    b[0] = 0x24;
    b[51] = 36;
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(b));
    assertEquals(
        "byte 50 (extension field length): length 36 runs past the end of the packet (32 bytes left)",
        e.getMessage());
  }

  @Test
  void controlMessagesAreDecodedAsWhatTheyAre() {
    // tcpdump/ntp-control.pcap: ntpq's READVAR request, 12 bytes.
    ControlMessage c =
        assertInstanceOf(
            ControlMessage.class, NtpCodec.decode(hex("16020044000000000000" + "0000")));
    assertEquals(2, c.version());
    assertEquals(2, c.opcode());
    assertEquals(Optional.of("read variables"), c.opcodeName());
    assertEquals(68, c.sequence());
    assertEquals(false, c.response());
    assertEquals(12, c.length());
  }

  @Test
  void rejectsAControlMessageWhoseCountOverrunsIt() {
    byte[] b = hex("16820044061800000000" + "0100" + "00000000");
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(b));
    assertEquals("byte 10 (count): count 256 exceeds the 4 bytes after the header", e.getMessage());
  }

  @Test
  void rejectsShortControlAndPrivateHeaders() {
    assertEquals(
        "header",
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(hex("1602004400")))
            .field());
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decode(hex("17000300")));
    assertEquals(
        "byte 4 (header): private message too short: 4 bytes (expected: 8+ bytes)", e.getMessage());
  }

  @Test
  void privateMessagesKeepEveryHeaderBit() {
    // tcpdump/ntp-mode7.pcap: a monlist (MON_GETLIST_1) request, 192 bytes.
    byte[] b = new byte[192];
    b[0] = 0x17;
    b[2] = 0x03;
    b[3] = 0x2a;
    PrivateMessage m = assertInstanceOf(PrivateMessage.class, NtpCodec.decode(b));
    assertEquals(Optional.of("MON_GETLIST_1"), m.requestName());
    assertEquals(3, m.implementation());
    assertArrayEquals(b, NtpCodec.encode(m));
    b[4] = (byte) 0xf0;
    b[6] = (byte) 0xa0; // error 15, must-be-zero bits set: kept as they came
    assertArrayEquals(b, NtpCodec.encode(NtpCodec.decode(b)));
  }

  @Test
  void decodePacketRefusesControlMessages() {
    byte[] b = Arrays.copyOf(hex("160200440000000000000000"), 48);
    MalformedPacketException e =
        assertThrows(MalformedPacketException.class, () -> NtpCodec.decodePacket(b));
    assertEquals("mode", e.field());
  }
}
