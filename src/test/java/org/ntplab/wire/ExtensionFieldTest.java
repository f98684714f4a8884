package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionFieldTest {

  private static NtpPacket request(List<ExtensionField> fields, Optional<Mac> mac) {
    NtpPacket bare = NtpPacket.clientRequest(4, new NtpTimestamp(0x0123_4567_89ab_cdefL));
    return new NtpPacket(
        bare.leap(),
        bare.version(),
        bare.mode(),
        bare.stratum(),
        bare.poll(),
        bare.precision(),
        bare.rootDelay(),
        bare.rootDispersion(),
        bare.referenceId(),
        bare.referenceTime(),
        bare.originTime(),
        bare.receiveTime(),
        bare.transmitTime(),
        fields,
        mac);
  }

  /**
   * A 20-byte last field with no MAC is exactly what a receiver takes for a key ID and an MD5
   * digest (RFC 7822 §7.5): encoding it would send a packet that reads back as something else.
   */
  @Test
  void aLastFieldAReceiverWouldReadAsAMacIsRefused() {
    NtpPacket p = request(List.of(new ExtensionField(0x0104, new byte[16])), Optional.empty());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NtpCodec.encode(p));
    assertEquals(
        "the last extension field (type 0x0104, 20 bytes) would be read back as a MAC:"
            + " with no MAC after it RFC 7822 §7.5 asks for 28 bytes or more"
            + " (ExtensionField.padded pads it)",
        e.getMessage());
  }

  @Test
  void beforeACryptoNakTheLastFieldNeeds24Bytes() {
    Optional<Mac> nak = Optional.of(new Mac(0, new byte[0]));
    NtpPacket short20 = request(List.of(new ExtensionField(0x0104, new byte[16])), nak);
    assertThrows(IllegalArgumentException.class, () -> NtpCodec.encode(short20));
    NtpPacket enough = request(List.of(new ExtensionField(0x0104, new byte[20])), nak);
    assertEquals(enough, NtpCodec.decodePacket(NtpCodec.encode(enough)));
  }

  @Test
  void aPaddedLastFieldReadsBackAsItWasSent() {
    ExtensionField shortField = new ExtensionField(0x0104, new byte[16]);
    ExtensionField padded = shortField.padded(NtpCodec.minimumLastFieldLength(Optional.empty()));
    assertEquals(28, padded.length());
    NtpPacket p = request(List.of(padded), Optional.empty());
    NtpPacket back = NtpCodec.decodePacket(NtpCodec.encode(p));
    assertEquals(p, back);
    assertEquals(Optional.empty(), back.mac());
  }

  @Test
  void paddingAppendsZerosAndLeavesALongEnoughFieldAlone() {
    ExtensionField field =
        new ExtensionField(0x0204, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    byte[] expected = new byte[24];
    System.arraycopy(field.value(), 0, expected, 0, 12);
    assertArrayEquals(expected, field.padded(28).value());
    assertEquals(field, field.padded(16));
    assertThrows(IllegalArgumentException.class, () -> field.padded(30));
  }

  @Test
  void theMinimumLastFieldDependsOnTheMacAfterIt() {
    assertEquals(28, NtpCodec.minimumLastFieldLength(Optional.empty()));
    assertEquals(24, NtpCodec.minimumLastFieldLength(Optional.of(new Mac(0, new byte[0]))));
    assertEquals(16, NtpCodec.minimumLastFieldLength(Optional.of(new Mac(1, new byte[16]))));
    assertEquals(16, NtpCodec.minimumLastFieldLength(Optional.of(new Mac(1, new byte[20]))));
  }

  /** Types nobody registered, and reserved ones, are kept byte for byte and read back. */
  @ParameterizedTest(name = "type 0x{0}")
  @ValueSource(ints = {0x0000, 0x0001, 0x7fff, 0xf000, 0xffff})
  void unknownTypesRoundTrip(int type) {
    ExtensionField unknown =
        new ExtensionField(
            type,
            new byte[] {
              (byte) 0xde,
              (byte) 0xad,
              (byte) 0xbe,
              (byte) 0xef,
              1,
              2,
              3,
              4,
              5,
              6,
              7,
              8,
              9,
              10,
              11,
              12,
              13,
              14,
              15,
              16,
              17,
              18,
              19,
              20
            });
    NtpPacket p = request(List.of(unknown), Optional.empty());
    byte[] bytes = NtpCodec.encode(p);
    assertEquals(p, NtpCodec.decodePacket(bytes));
    assertArrayEquals(bytes, NtpCodec.encode(NtpCodec.decodePacket(bytes)));
    assertEquals(Optional.empty(), unknown.name());
  }

  @ParameterizedTest(name = "0x{0}: {1}")
  @CsvSource({
    "0302, Autokey Cookie Message Request",
    "8302, Autokey Cookie Message Response",
    "c302, Autokey Cookie Message Error Response",
    "0002, Autokey No-Operation Request",
    "2005, Checksum Complement",
    "0404, NTS Authenticator and Encrypted Extension Fields"
  })
  void registeredTypesAreNamed(String type, String name) {
    assertEquals(
        Optional.of(name), new ExtensionField(Integer.parseInt(type, 16), new byte[12]).name());
  }
}
