package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** Properties of NtpCodec: valid packets survive encode/decode, and decoded bytes re-encode exactly. */
class NtpCodecPropertiesTest {

  @Property
  void everyValidPacketSurvivesEncodeThenDecode(@ForAll("packets") NtpPacket packet) {
    byte[] wire = NtpCodec.encode(packet);
    assertEquals(packet.length(), wire.length);
    assertEquals(packet, NtpCodec.decode(wire));
  }

  @Property
  void bytesThatDecodeEncodeToTheSameBytes(@ForAll("datagrams") byte[] bytes) {
    // Without the check the property could pass by rejecting everything.
    Statistics.coverage(c -> c.check("decoded").percentage(p -> p > 20));
    NtpMessage message;
    try {
      message = NtpCodec.decode(bytes);
    } catch (MalformedPacketException e) {
      Statistics.collect("malformed");
      return;
    }
    Statistics.collect("decoded");
    assertArrayEquals(bytes, NtpCodec.encode(message));
  }

  @Property
  void decodeThrowsNothingButMalformedPacketException(@ForAll("datagrams") byte[] bytes) {
    // Any other exception escapes and fails the property.
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

  private record Header(LeapIndicator leap, int version, Mode mode, int stratum, int poll,
      int precision, NtpShort rootDelay, NtpShort rootDispersion) {}

  private record Body(ReferenceId referenceId, NtpTimestamp reference, NtpTimestamp origin,
      NtpTimestamp receive, NtpTimestamp transmit) {}

  private record Trailer(List<ExtensionField> fields, Optional<Mac> mac) {

    /**
     * RFC 7822 §7.5 tells a MAC from an extension field by what is left after the previous field:
     * 24 bytes or fewer is a MAC. So the last field and the MAC together must exceed 24 bytes (with
     * no MAC, the last field is at least 28 bytes, as §7.5 requires of senders).
     */
    boolean decodable() {
      return fields.isEmpty() || fields.get(fields.size() - 1).length() + mac.map(Mac::length).orElse(0) > 24;
    }
  }

  @Provide
  Arbitrary<NtpPacket> packets() {
    Arbitrary<NtpShort> shorts = Arbitraries.integers().map(NtpShort::new);
    Arbitrary<NtpTimestamp> timestamps = Arbitraries.longs().map(NtpTimestamp::new);
    Arbitrary<Header> headers = Combinators.combine(
        Arbitraries.of(LeapIndicator.class),
        Arbitraries.integers().between(1, 4), // what decode reads as NTP
        Arbitraries.of(Mode.RESERVED, Mode.SYMMETRIC_ACTIVE, Mode.SYMMETRIC_PASSIVE, Mode.CLIENT,
            Mode.SERVER, Mode.BROADCAST),
        Arbitraries.integers().between(0, 255),
        Arbitraries.integers().between(-128, 127),
        Arbitraries.integers().between(-128, 127),
        shorts, shorts).as(Header::new);
    Arbitrary<Body> bodies = Combinators.combine(
        Arbitraries.integers().map(ReferenceId::new), timestamps, timestamps, timestamps, timestamps)
        .as(Body::new);
    return headers.flatMap(h -> Combinators.combine(bodies, trailers(h.version())).as((b, t) ->
        new NtpPacket(h.leap(), h.version(), h.mode(), h.stratum(), h.poll(), h.precision(),
            h.rootDelay(), h.rootDispersion(), b.referenceId(), b.reference(), b.origin(),
            b.receive(), b.transmit(), t.fields(), t.mac())));
  }

  private static Arbitrary<Trailer> trailers(int version) {
    // DES (8-byte digest) only before NTPv4; extension fields only in NTPv4.
    List<Integer> digestLengths = version <= 3 ? List.of(0, 8, 16, 20) : List.of(0, 16, 20);
    Arbitrary<Optional<Mac>> macs = Combinators.combine(
        Arbitraries.longs().between(0, 0xffff_ffffL),
        Arbitraries.of(digestLengths).flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n)))
        .as(Mac::new).optional(0.5);
    Arbitrary<List<ExtensionField>> fields = version < 4 ? Arbitraries.just(List.of())
        : Combinators.combine(
            Arbitraries.integers().between(0, 0xffff),
            Arbitraries.integers().between(3, 30).flatMap(words -> Arbitraries.bytes().array(byte[].class).ofSize(4 * words)))
            .as(ExtensionField::new).list().ofMaxSize(3);
    return Combinators.combine(fields, macs).as(Trailer::new).filter(Trailer::decodable);
  }

  /** Byte strings near the valid ones: encoded packets with a byte changed or the length changed, and noise. */
  @Provide
  Arbitrary<byte[]> datagrams() {
    Arbitrary<byte[]> encoded = packets().map(NtpCodec::encode);
    Arbitrary<byte[]> changedByte = encoded.flatMap(wire -> Combinators.combine(
        Arbitraries.integers().between(0, wire.length - 1), Arbitraries.bytes()).as((i, b) -> {
          byte[] copy = wire.clone();
          copy[i] = b;
          return copy;
        }));
    Arbitrary<byte[]> resized = encoded.flatMap(wire ->
        Arbitraries.integers().between(0, wire.length + 40).map(n -> Arrays.copyOf(wire, n)));
    // Noise with a plausible first byte (versions 1-4, every mode) and a small control-message count.
    Arbitrary<byte[]> noise = Combinators.combine(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(100),
        Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 7),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 40))
        .as((bytes, version, mode, leap, count) -> {
          if (bytes.length > 0) {
            bytes[0] = (byte) (leap << 6 | version << 3 | mode);
          }
          if (bytes.length > 11) {
            bytes[10] = 0;
            bytes[11] = count.byteValue();
          }
          return bytes;
        });
    return Arbitraries.frequencyOf(
        Tuple.of(3, encoded),
        Tuple.of(3, changedByte),
        Tuple.of(2, resized),
        Tuple.of(2, noise),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(100)));
  }
}
