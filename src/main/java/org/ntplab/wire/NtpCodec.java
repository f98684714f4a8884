package org.ntplab.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes NTP messages. {@code encode(decode(bytes))} gives back {@code bytes} exactly for
 * every message {@code decode} accepts.
 *
 * <p>After a time packet's 48-byte header, RFC 7822 §7.5 decides what follows: a trailer of at most
 * 24 bytes is a MAC (4 bytes: crypto-NAK; 20: key ID + MD5; 24: key ID + SHA-1; and in NTPv3 and
 * older, 12: key ID + DES, RFC 1305); anything longer starts with an extension field, which only
 * NTPv4 has. So {@code encode} refuses a packet whose last field is short enough to read back as a
 * MAC ({@link #minimumLastFieldLength}); {@link ExtensionField#padded} makes it long enough.
 *
 * <p>Decoding a time packet allocates the packet value (the record and its non-zero field records)
 * and nothing else (no buffer, no list or {@code Optional} unless it has a trailer): the hot path
 * of every client and server reply.
 */
public final class NtpCodec {

  /** Largest trailer read as a MAC rather than an extension field (RFC 7822 §7.5). */
  private static final int MAX_MAC_LENGTH = 24;

  // Network order words read and written in place: one bounds check each, no ByteBuffer.
  private static final VarHandle U16 =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle U32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle U64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private NtpCodec() {}

  public static NtpMessage decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new MalformedPacketException(0, "header", "empty datagram (expected: 48+ bytes)");
    }
    int version = bytes[0] >>> 3 & 7;
    if (version < 1 || version > 4) {
      throw badVersion(version);
    }
    return switch (Mode.of(bytes[0])) {
      case CONTROL -> decodeControl(bytes);
      case PRIVATE -> decodePrivate(bytes);
      default -> {
        if (bytes.length < NtpPacket.HEADER_LENGTH) {
          throw tooShort(bytes);
        }
        yield readPacket(bytes);
      }
    };
  }

  /** Decodes a time packet (modes 0–5); a control or private message is rejected as not one. */
  public static NtpPacket decodePacket(byte[] bytes) {
    // One test on the common path; notATimePacket sorts out which rule failed, in the order they
    // are told.
    if (bytes.length < NtpPacket.HEADER_LENGTH || !isTimePacket(bytes[0])) {
      throw notATimePacket(bytes);
    }
    return readPacket(bytes);
  }

  /** Mode 0–5 and version 1–4. */
  private static boolean isTimePacket(byte first) {
    int version = first >>> 3 & 7;
    return (first & 7) < 6 && version >= 1 && version <= 4;
  }

  private static MalformedPacketException notATimePacket(byte[] bytes) {
    if (bytes.length > 0
        && (Mode.of(bytes[0]) == Mode.CONTROL || Mode.of(bytes[0]) == Mode.PRIVATE)) {
      Mode mode = Mode.of(bytes[0]);
      return new MalformedPacketException(
          0, "mode", "mode " + mode.code() + " (" + mode.meaning() + ") is not a time packet");
    }
    if (bytes.length < NtpPacket.HEADER_LENGTH) {
      return tooShort(bytes);
    }
    return badVersion(bytes[0] >>> 3 & 7);
  }

  private static MalformedPacketException tooShort(byte[] bytes) {
    return new MalformedPacketException(
        bytes.length,
        "header",
        "packet too short: " + bytes.length + " bytes (expected: 48+ bytes)");
  }

  private static MalformedPacketException badVersion(int version) {
    return new MalformedPacketException(
        0, "version", "version " + version + " is not NTP (expected: 1 to 4)");
  }

  /** A time packet whose length (48+) and first byte have been checked. */
  private static NtpPacket readPacket(byte[] bytes) {
    // The bare header apart, so that the common case stays small enough for the JIT to inline.
    return bytes.length == NtpPacket.HEADER_LENGTH
        ? header(bytes, List.of(), Optional.empty())
        : withTrailer(bytes);
  }

  private static NtpPacket withTrailer(byte[] bytes) {
    int version = bytes[0] >>> 3 & 7;
    List<ExtensionField> fields = List.of();
    int at = NtpPacket.HEADER_LENGTH;
    while (bytes.length - at > MAX_MAC_LENGTH) {
      if (version < 4) {
        throw new MalformedPacketException(
            at,
            "trailer",
            (bytes.length - at)
                + " bytes after the header: too long for a MAC, and NTPv"
                + version
                + " has no extension fields");
      }
      if (fields.isEmpty()) {
        fields = new ArrayList<>(2);
      }
      ExtensionField field = readExtensionField(bytes, at);
      fields.add(field);
      at += field.length();
    }
    return header(
        bytes,
        fields,
        at < bytes.length ? Optional.of(readMac(bytes, at, version)) : Optional.empty());
  }

  private static NtpPacket header(byte[] bytes, List<ExtensionField> fields, Optional<Mac> mac) {
    int first = bytes[NtpHeader.FIRST_BYTE];
    return new NtpPacket(
        LeapIndicator.of(first >>> 6),
        first >>> 3 & 7,
        Mode.of(first),
        bytes[NtpHeader.STRATUM] & 0xff,
        bytes[NtpHeader.POLL],
        bytes[NtpHeader.PRECISION],
        ntpShort(int32(bytes, NtpHeader.ROOT_DELAY)),
        ntpShort(int32(bytes, NtpHeader.ROOT_DISPERSION)),
        referenceId(int32(bytes, NtpHeader.REFERENCE_ID)),
        timestamp(int64(bytes, NtpHeader.REFERENCE_TIME)),
        timestamp(int64(bytes, NtpHeader.ORIGIN_TIME)),
        timestamp(int64(bytes, NtpHeader.RECEIVE_TIME)),
        timestamp(int64(bytes, NtpHeader.TRANSMIT_TIME)),
        fields,
        mac);
  }

  // Zero fields share one value: a client request is all zeros but its transmit timestamp.
  private static NtpShort ntpShort(int bits) {
    return bits == 0 ? NtpShort.ZERO : new NtpShort(bits);
  }

  private static ReferenceId referenceId(int bits) {
    return bits == 0 ? ReferenceId.ZERO : new ReferenceId(bits);
  }

  private static NtpTimestamp timestamp(long bits) {
    return bits == 0 ? NtpTimestamp.ZERO : new NtpTimestamp(bits);
  }

  private static ExtensionField readExtensionField(byte[] bytes, int start) {
    int type = uint16(bytes, start);
    int length = uint16(bytes, start + 2);
    int left = bytes.length - start;
    if (length < ExtensionField.MIN_LENGTH || length % 4 != 0) {
      throw new MalformedPacketException(
          start + 2,
          "extension field length",
          "length " + length + " (expected: a multiple of 4, at least 16)");
    }
    if (length > left) {
      throw new MalformedPacketException(
          start + 2,
          "extension field length",
          "length " + length + " runs past the end of the packet (" + left + " bytes left)");
    }
    return new ExtensionField(type, Arrays.copyOfRange(bytes, start + 4, start + length));
  }

  private static Mac readMac(byte[] bytes, int start, int version) {
    int length = bytes.length - start;
    boolean desAuthenticator = length == 12 && version <= 3;
    if (length != 4 && length != 20 && length != 24 && !desAuthenticator) {
      throw new MalformedPacketException(
          start,
          "MAC",
          (length == 1 ? "1 byte after the header is" : length + " bytes after the header are")
              + " not a MAC (expected: 4 for a crypto-NAK, 20 or 24"
              + (version <= 3 ? ", or 12 for NTPv" + version + "'s DES" : "")
              + ")");
    }
    long keyId = int32(bytes, start) & 0xffff_ffffL;
    return new Mac(keyId, Arrays.copyOfRange(bytes, start + 4, bytes.length));
  }

  private static ControlMessage decodeControl(byte[] bytes) {
    if (bytes.length < ControlMessage.HEADER_LENGTH) {
      throw new MalformedPacketException(
          bytes.length,
          "header",
          "control message too short: " + bytes.length + " bytes (expected: 12+ bytes)");
    }
    int first = bytes[0] & 0xff;
    int second = bytes[1] & 0xff;
    int count = uint16(bytes, 10);
    int left = bytes.length - ControlMessage.HEADER_LENGTH;
    if (count > left) {
      throw new MalformedPacketException(
          10, "count", "count " + count + " exceeds the " + left + " bytes after the header");
    }
    return new ControlMessage(
        LeapIndicator.of(first >>> 6),
        first >>> 3 & 7,
        (second & 0x80) != 0,
        (second & 0x40) != 0,
        (second & 0x20) != 0,
        second & 0x1f,
        uint16(bytes, 2),
        uint16(bytes, 4),
        uint16(bytes, 6),
        uint16(bytes, 8),
        count,
        Arrays.copyOfRange(bytes, ControlMessage.HEADER_LENGTH, bytes.length));
  }

  private static PrivateMessage decodePrivate(byte[] bytes) {
    if (bytes.length < PrivateMessage.HEADER_LENGTH) {
      throw new MalformedPacketException(
          bytes.length,
          "header",
          "private message too short: " + bytes.length + " bytes (expected: 8+ bytes)");
    }
    int first = bytes[0] & 0xff;
    int second = bytes[1] & 0xff;
    int errorAndCount = uint16(bytes, 4);
    int zeroAndSize = uint16(bytes, 6);
    return new PrivateMessage(
        (first & 0x80) != 0,
        (first & 0x40) != 0,
        first >>> 3 & 7,
        (second & 0x80) != 0,
        second & 0x7f,
        bytes[2] & 0xff,
        bytes[3] & 0xff,
        errorAndCount >>> 12,
        errorAndCount & 0xfff,
        zeroAndSize >>> 12,
        zeroAndSize & 0xfff,
        Arrays.copyOfRange(bytes, PrivateMessage.HEADER_LENGTH, bytes.length));
  }

  public static byte[] encode(NtpMessage message) {
    byte[] out = new byte[message.length()];
    if (message instanceof NtpPacket p) {
      encodePacket(p, out);
    } else if (message instanceof ControlMessage c) {
      out[0] = (byte) (c.leap().code() << 6 | c.version() << 3 | Mode.CONTROL.code());
      out[1] =
          (byte)
              ((c.response() ? 0x80 : 0)
                  | (c.error() ? 0x40 : 0)
                  | (c.more() ? 0x20 : 0)
                  | c.opcode());
      U16.set(out, 2, (short) c.sequence());
      U16.set(out, 4, (short) c.status());
      U16.set(out, 6, (short) c.associationId());
      U16.set(out, 8, (short) c.offset());
      U16.set(out, 10, (short) c.count());
      put(c.body(), out, ControlMessage.HEADER_LENGTH);
    } else if (message instanceof PrivateMessage m) {
      out[0] =
          (byte)
              ((m.response() ? 0x80 : 0)
                  | (m.more() ? 0x40 : 0)
                  | m.version() << 3
                  | Mode.PRIVATE.code());
      out[1] = (byte) ((m.authenticated() ? 0x80 : 0) | m.sequence());
      out[2] = (byte) m.implementation();
      out[3] = (byte) m.requestCode();
      U16.set(out, 4, (short) (m.errorCode() << 12 | m.itemCount()));
      U16.set(out, 6, (short) (m.mustBeZero() << 12 | m.itemSize()));
      put(m.body(), out, PrivateMessage.HEADER_LENGTH);
    }
    return out;
  }

  /**
   * The least length of the last extension field before {@code mac} (none: empty) that a receiver
   * still reads as a field: RFC 7822 §7.5 reads 24 bytes or fewer at the end as a MAC, so field and
   * MAC together must exceed that; and no field is shorter than 16.
   */
  public static int minimumLastFieldLength(Optional<Mac> mac) {
    int needed = MAX_MAC_LENGTH + 4 - mac.map(Mac::length).orElse(0);
    return Math.max(ExtensionField.MIN_LENGTH, needed + 3 & ~3);
  }

  /** Refuses a packet whose last extension field would read back as a MAC (or part of one). */
  private static void checkLastField(NtpPacket p) {
    List<ExtensionField> fields = p.extensionFields();
    if (fields.isEmpty()) {
      return;
    }
    ExtensionField last = fields.get(fields.size() - 1);
    int minimum = minimumLastFieldLength(p.mac());
    if (last.length() < minimum) {
      throw new IllegalArgumentException(
          String.format(
              "the last extension field (type 0x%04x, %d bytes) would be read back as a MAC:"
                  + " %s RFC 7822 §7.5 asks for %d bytes or more (ExtensionField.padded pads it)",
              last.type(),
              last.length(),
              p.mac().isEmpty()
                  ? "with no MAC after it"
                  : "before a " + p.mac().get().length() + "-byte MAC",
              minimum));
    }
  }

  private static void encodePacket(NtpPacket p, byte[] out) {
    checkLastField(p);
    out[NtpHeader.FIRST_BYTE] = (byte) (p.leap().code() << 6 | p.version() << 3 | p.mode().code());
    out[NtpHeader.STRATUM] = (byte) p.stratum();
    out[NtpHeader.POLL] = (byte) p.poll();
    out[NtpHeader.PRECISION] = (byte) p.precision();
    U32.set(out, NtpHeader.ROOT_DELAY, p.rootDelay().bits());
    U32.set(out, NtpHeader.ROOT_DISPERSION, p.rootDispersion().bits());
    U32.set(out, NtpHeader.REFERENCE_ID, p.referenceId().bits());
    U64.set(out, NtpHeader.REFERENCE_TIME, p.referenceTime().bits());
    U64.set(out, NtpHeader.ORIGIN_TIME, p.originTime().bits());
    U64.set(out, NtpHeader.RECEIVE_TIME, p.receiveTime().bits());
    U64.set(out, NtpHeader.TRANSMIT_TIME, p.transmitTime().bits());
    int at = NtpPacket.HEADER_LENGTH;
    for (ExtensionField field : p.extensionFields()) {
      U16.set(out, at, (short) field.type());
      U16.set(out, at + 2, (short) field.length());
      at = put(field.value(), out, at + 4);
    }
    if (p.mac().isPresent()) {
      Mac mac = p.mac().get();
      U32.set(out, at, (int) mac.keyId());
      put(mac.digest(), out, at + 4);
    }
  }

  /** Copies {@code value} into {@code out} at {@code at}; where the next field starts. */
  private static int put(byte[] value, byte[] out, int at) {
    System.arraycopy(value, 0, out, at, value.length);
    return at + value.length;
  }

  private static int uint16(byte[] bytes, int at) {
    return (short) U16.get(bytes, at) & 0xffff;
  }

  private static int int32(byte[] bytes, int at) {
    return (int) U32.get(bytes, at);
  }

  private static long int64(byte[] bytes, int at) {
    return (long) U64.get(bytes, at);
  }
}
