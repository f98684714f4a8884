package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.testing.Generated;
import org.ntplab.testing.Generated.Gen;

/**
 * Properties of NtpCodec: valid packets survive encode/decode, and decoded bytes re-encode exactly.
 */
class NtpCodecPropertiesTest {

  @Generated.Property
  @MethodSource("packets")
  void everyValidPacketSurvivesEncodeThenDecode(NtpPacket packet) {
    byte[] wire = NtpCodec.encode(packet);
    assertEquals(packet.length(), wire.length);
    assertEquals(packet, NtpCodec.decode(wire));
  }

  @Generated.Property
  @MethodSource("datagrams")
  void bytesThatDecodeEncodeToTheSameBytes(byte[] bytes) {
    NtpMessage message;
    try {
      message = NtpCodec.decode(bytes);
    } catch (MalformedPacketException e) {
      return;
    }
    assertArrayEquals(bytes, NtpCodec.encode(message));
  }

  @Test
  void manyOfTheDatagramsDecodeAndManyDoNot() {
    // Without this the property above could pass by rejecting everything.
    List<byte[]> datagrams = datagrams().map(Named::getPayload).toList();
    long decoded = datagrams.stream().filter(NtpCodecPropertiesTest::decodes).count();
    assertTrue(
        decoded > datagrams.size() / 5, () -> decoded + " of " + datagrams.size() + " decoded");
    assertTrue(
        datagrams.size() - decoded > datagrams.size() / 5,
        () -> decoded + " of " + datagrams.size() + " decoded");
  }

  private static boolean decodes(byte[] bytes) {
    try {
      NtpCodec.decode(bytes);
      return true;
    } catch (MalformedPacketException e) {
      return false;
    }
  }

  @Generated.Property
  @MethodSource("datagrams")
  void decodeThrowsNothingButMalformedPacketException(byte[] bytes) {
    // Any other exception escapes and fails the case.
    try {
      NtpCodec.decode(bytes);
    } catch (MalformedPacketException expected) {
      // rejected with a message naming the field: what decode promises
    }
    try {
      NtpCodec.decodePacket(bytes);
    } catch (MalformedPacketException expected) {
      // as above
    }
  }

  static Stream<Named<NtpPacket>> packets() {
    return Generated.cases(EDGE_PACKETS, NtpCodecPropertiesTest::packet);
  }

  /**
   * Byte strings near the valid ones: encoded packets with a byte changed or the length changed,
   * and noise.
   */
  static Stream<Named<byte[]>> datagrams() {
    List<byte[]> edges =
        new ArrayList<>(
            List.of(
                new byte[0],
                new byte[] {0x23},
                new byte[48],
                filled(48, 0xff),
                noise(new byte[12], 4, 6, 0, 0),
                noise(new byte[12], 4, 6, 0, 40),
                noise(filled(100, 0x55), 2, 7, 3, 40)));
    for (NtpPacket packet : EDGE_PACKETS) {
      byte[] wire = NtpCodec.encode(packet);
      edges.addAll(
          List.of(
              wire, Arrays.copyOf(wire, wire.length - 1), Arrays.copyOf(wire, wire.length + 4)));
    }
    return Generated.cases(
        edges,
        g ->
            switch (g.weighted(3, 3, 2, 2, 1)) {
              case 0 -> NtpCodec.encode(packet(g));
              case 1 -> {
                byte[] wire = NtpCodec.encode(packet(g));
                wire[g.ints(0, wire.length - 1)] = (byte) g.ints(Byte.MIN_VALUE, Byte.MAX_VALUE);
                yield wire;
              }
              case 2 -> {
                byte[] wire = NtpCodec.encode(packet(g));
                yield Arrays.copyOf(wire, g.ints(0, wire.length + 40));
              }
              // Noise with a plausible first byte (versions 1-4, every mode) and a small
              // control-message count.
              case 3 ->
                  noise(
                      g.bytes(g.ints(0, 100)),
                      g.ints(1, 4),
                      g.ints(0, 7),
                      g.ints(0, 3),
                      g.ints(0, 40));
              default -> g.bytes(g.ints(0, 100));
            });
  }

  private static byte[] noise(byte[] bytes, int version, int mode, int leap, int count) {
    if (bytes.length > 0) {
      bytes[0] = (byte) (leap << 6 | version << 3 | mode);
    }
    if (bytes.length > 11) {
      bytes[10] = 0;
      bytes[11] = (byte) count;
    }
    return bytes;
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  /**
   * Any packet decode reads as NTP: versions 1-4, modes 0-5, any field values, a trailer its
   * version allows.
   */
  private static NtpPacket packet(Gen g) {
    int version = g.ints(1, 4);
    Trailer trailer = trailer(g, version);
    return new NtpPacket(
        g.oneOf(LeapIndicator.values()),
        version,
        g.oneOf(
            Mode.RESERVED,
            Mode.SYMMETRIC_ACTIVE,
            Mode.SYMMETRIC_PASSIVE,
            Mode.CLIENT,
            Mode.SERVER,
            Mode.BROADCAST),
        g.ints(0, 255),
        g.ints(-128, 127),
        g.ints(-128, 127),
        new NtpShort(g.anyInt()),
        new NtpShort(g.anyInt()),
        new ReferenceId(g.anyInt()),
        new NtpTimestamp(g.anyLong()),
        new NtpTimestamp(g.anyLong()),
        new NtpTimestamp(g.anyLong()),
        new NtpTimestamp(g.anyLong()),
        trailer.fields(),
        trailer.mac());
  }

  private record Trailer(List<ExtensionField> fields, Optional<Mac> mac) {

    /**
     * RFC 7822 §7.5 tells a MAC from an extension field by what is left after the previous field:
     * 24 bytes or fewer is a MAC. So the last field and the MAC together must exceed 24 bytes (with
     * no MAC, the last field is at least 28 bytes, as §7.5 requires of senders).
     */
    boolean decodable() {
      return fields.isEmpty()
          || fields.get(fields.size() - 1).length() + mac.map(Mac::length).orElse(0) > 24;
    }
  }

  private static Trailer trailer(Gen g, int version) {
    while (true) {
      // DES (8-byte digest) only before NTPv4; extension fields only in NTPv4.
      List<Integer> digestLengths = version <= 3 ? List.of(0, 8, 16, 20) : List.of(0, 16, 20);
      Optional<Mac> mac =
          g.coin()
              ? Optional.empty()
              : Optional.of(new Mac(g.longs(0, 0xffff_ffffL), g.bytes(g.oneOf(digestLengths))));
      List<ExtensionField> fields = new ArrayList<>();
      for (int n = version < 4 ? 0 : g.ints(0, 3); n > 0; n--) {
        fields.add(new ExtensionField(g.ints(0, 0xffff), g.bytes(4 * g.ints(3, 30))));
      }
      Trailer trailer = new Trailer(fields, mac);
      if (trailer.decodable()) {
        return trailer;
      }
    }
  }

  /**
   * Client requests of each version; every field at its least or its most, with the longest
   * trailer; each MAC length; and the shortest last field with and without a MAC.
   */
  private static final List<NtpPacket> EDGE_PACKETS =
      List.of(
          NtpPacket.clientRequest(1, NtpTimestamp.ZERO),
          NtpPacket.clientRequest(3, NtpTimestamp.ZERO),
          NtpPacket.clientRequest(4, NtpTimestamp.ZERO),
          edge(
              LeapIndicator.UNSYNCHRONIZED,
              4,
              Mode.BROADCAST,
              255,
              127,
              -1,
              -1,
              List.of(field(0xffff, 120, 0xff), field(0xffff, 120, 0xff), field(0xffff, 120, 0xff)),
              Optional.of(new Mac(0xffff_ffffL, filled(20, 0xff)))),
          edge(
              LeapIndicator.NO_WARNING,
              1,
              Mode.RESERVED,
              0,
              -128,
              0,
              Long.MIN_VALUE,
              List.of(),
              Optional.of(new Mac(0, new byte[8]))),
          edge(
              LeapIndicator.NO_WARNING,
              2,
              Mode.SYMMETRIC_ACTIVE,
              1,
              6,
              0x8000_0000,
              Long.MAX_VALUE,
              List.of(),
              Optional.of(new Mac(1, filled(16, 0x01)))),
          edge(
              LeapIndicator.NO_WARNING,
              3,
              Mode.SERVER,
              16,
              -6,
              0x1_0000,
              1,
              List.of(),
              Optional.of(new Mac(2, filled(20, 0x02)))),
          edge(
              LeapIndicator.NO_WARNING,
              4,
              Mode.SYMMETRIC_PASSIVE,
              2,
              0,
              1,
              0xffff_ffffL,
              List.of(),
              Optional.of(new Mac(0, new byte[0]))),
          edge(
              LeapIndicator.NO_WARNING,
              4,
              Mode.SERVER,
              2,
              10,
              0,
              0,
              List.of(field(0x0104, 24, 0)),
              Optional.empty()),
          edge(
              LeapIndicator.NO_WARNING,
              4,
              Mode.SERVER,
              2,
              10,
              0,
              0,
              List.of(field(0x0104, 20, 0)),
              Optional.of(new Mac(0, new byte[0]))),
          edge(
              LeapIndicator.NO_WARNING,
              4,
              Mode.CLIENT,
              0,
              10,
              0,
              0,
              List.of(field(0, 12, 0)),
              Optional.of(new Mac(3, new byte[16]))));

  private static NtpPacket edge(
      LeapIndicator leap,
      int version,
      Mode mode,
      int stratum,
      int pollAndPrecision,
      int shortBits,
      long timestampBits,
      List<ExtensionField> fields,
      Optional<Mac> mac) {
    NtpTimestamp timestamp = new NtpTimestamp(timestampBits);
    return new NtpPacket(
        leap,
        version,
        mode,
        stratum,
        pollAndPrecision,
        pollAndPrecision,
        new NtpShort(shortBits),
        new NtpShort(shortBits),
        new ReferenceId(shortBits),
        timestamp,
        timestamp,
        timestamp,
        timestamp,
        fields,
        mac);
  }

  private static ExtensionField field(int type, int valueLength, int fill) {
    return new ExtensionField(type, filled(valueLength, fill));
  }
}
