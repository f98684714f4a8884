package org.ntplab.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes NTP messages. {@code encode(decode(bytes))} gives back {@code bytes} exactly
 * for every message {@code decode} accepts.
 *
 * <p>After a time packet's 48-byte header, RFC 7822 §7.5 decides what follows: a trailer of at
 * most 24 bytes is a MAC (4 bytes: crypto-NAK; 20: key ID + MD5; 24: key ID + SHA-1; and in
 * NTPv3 and older, 12: key ID + DES, RFC 1305); anything longer starts with an extension field,
 * which only NTPv4 has.
 */
public final class NtpCodec {

  /** Largest trailer read as a MAC rather than an extension field (RFC 7822 §7.5). */
  private static final int MAX_MAC_LENGTH = 24;

  private NtpCodec() {}

  public static NtpMessage decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new MalformedPacketException(0, "header", "empty datagram (expected: 48+ bytes)");
    }
    int version = bytes[0] >>> 3 & 7;
    if (version < 1 || version > 4) {
      throw new MalformedPacketException(0, "version", "version " + version + " is not NTP (expected: 1 to 4)");
    }
    return switch (Mode.of(bytes[0])) {
      case CONTROL -> decodeControl(bytes);
      case PRIVATE -> decodePrivate(bytes);
      default -> decodePacket(bytes);
    };
  }

  /** Decodes a time packet (modes 0–5); a control or private message is rejected as not one. */
  public static NtpPacket decodePacket(byte[] bytes) {
    if (bytes.length > 0 && (Mode.of(bytes[0]) == Mode.CONTROL || Mode.of(bytes[0]) == Mode.PRIVATE)) {
      throw new MalformedPacketException(0, "mode",
          "mode " + Mode.of(bytes[0]).code() + " (" + Mode.of(bytes[0]).meaning() + ") is not a time packet");
    }
    if (bytes.length < NtpPacket.HEADER_LENGTH) {
      throw new MalformedPacketException(bytes.length, "header",
          "packet too short: " + bytes.length + " bytes (expected: 48+ bytes)");
    }
    int version = bytes[0] >>> 3 & 7;
    if (version < 1 || version > 4) {
      throw new MalformedPacketException(0, "version", "version " + version + " is not NTP (expected: 1 to 4)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int first = in.get() & 0xff;
    int stratum = in.get() & 0xff;
    int poll = in.get();
    int precision = in.get();
    NtpShort rootDelay = new NtpShort(in.getInt());
    NtpShort rootDispersion = new NtpShort(in.getInt());
    ReferenceId referenceId = new ReferenceId(in.getInt());
    NtpTimestamp reference = new NtpTimestamp(in.getLong());
    NtpTimestamp origin = new NtpTimestamp(in.getLong());
    NtpTimestamp receive = new NtpTimestamp(in.getLong());
    NtpTimestamp transmit = new NtpTimestamp(in.getLong());

    List<ExtensionField> fields = List.of();
    while (in.remaining() > MAX_MAC_LENGTH) {
      if (version < 4) {
        throw new MalformedPacketException(in.position(), "trailer", in.remaining()
            + " bytes after the header: too long for a MAC, and NTPv" + version + " has no extension fields");
      }
      if (fields.isEmpty()) {
        fields = new ArrayList<>(2);
      }
      fields.add(readExtensionField(in));
    }
    Optional<Mac> mac = in.hasRemaining() ? Optional.of(readMac(in, version)) : Optional.empty();
    return new NtpPacket(LeapIndicator.of(first >>> 6), version, Mode.of(first), stratum, poll,
        precision, rootDelay, rootDispersion, referenceId, reference, origin, receive, transmit,
        fields, mac);
  }

  private static ExtensionField readExtensionField(ByteBuffer in) {
    int start = in.position();
    int type = in.getShort() & 0xffff;
    int length = in.getShort() & 0xffff;
    if (length < ExtensionField.MIN_LENGTH || length % 4 != 0) {
      throw new MalformedPacketException(start + 2, "extension field length",
          "length " + length + " (expected: a multiple of 4, at least 16)");
    }
    if (length > in.remaining() + 4) {
      throw new MalformedPacketException(start + 2, "extension field length",
          "length " + length + " runs past the end of the packet (" + (in.remaining() + 4) + " bytes left)");
    }
    byte[] value = new byte[length - 4];
    in.get(value);
    return new ExtensionField(type, value);
  }

  private static Mac readMac(ByteBuffer in, int version) {
    int start = in.position();
    int length = in.remaining();
    boolean desAuthenticator = length == 12 && version <= 3;
    if (length != 4 && length != 20 && length != 24 && !desAuthenticator) {
      throw new MalformedPacketException(start, "MAC", (length == 1 ? "1 byte after the header is" : length
          + " bytes after the header are") + " not a MAC (expected: 4 for a crypto-NAK, 20 or 24"
          + (version <= 3 ? ", or 12 for NTPv" + version + "'s DES" : "") + ")");
    }
    long keyId = in.getInt() & 0xffff_ffffL;
    byte[] digest = new byte[length - 4];
    in.get(digest);
    return new Mac(keyId, digest);
  }

  private static ControlMessage decodeControl(byte[] bytes) {
    if (bytes.length < ControlMessage.HEADER_LENGTH) {
      throw new MalformedPacketException(bytes.length, "header",
          "control message too short: " + bytes.length + " bytes (expected: 12+ bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int first = in.get() & 0xff;
    int second = in.get() & 0xff;
    int sequence = in.getShort() & 0xffff;
    int status = in.getShort() & 0xffff;
    int associationId = in.getShort() & 0xffff;
    int offset = in.getShort() & 0xffff;
    int count = in.getShort() & 0xffff;
    if (count > in.remaining()) {
      throw new MalformedPacketException(10, "count",
          "count " + count + " exceeds the " + in.remaining() + " bytes after the header");
    }
    byte[] body = new byte[in.remaining()];
    in.get(body);
    return new ControlMessage(LeapIndicator.of(first >>> 6), first >>> 3 & 7, (second & 0x80) != 0,
        (second & 0x40) != 0, (second & 0x20) != 0, second & 0x1f, sequence, status, associationId,
        offset, count, body);
  }

  private static PrivateMessage decodePrivate(byte[] bytes) {
    if (bytes.length < PrivateMessage.HEADER_LENGTH) {
      throw new MalformedPacketException(bytes.length, "header",
          "private message too short: " + bytes.length + " bytes (expected: 8+ bytes)");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int first = in.get() & 0xff;
    int second = in.get() & 0xff;
    int implementation = in.get() & 0xff;
    int request = in.get() & 0xff;
    int errorAndCount = in.getShort() & 0xffff;
    int zeroAndSize = in.getShort() & 0xffff;
    byte[] body = new byte[in.remaining()];
    in.get(body);
    return new PrivateMessage((first & 0x80) != 0, (first & 0x40) != 0, first >>> 3 & 7,
        (second & 0x80) != 0, second & 0x7f, implementation, request, errorAndCount >>> 12,
        errorAndCount & 0xfff, zeroAndSize >>> 12, zeroAndSize & 0xfff, body);
  }

  public static byte[] encode(NtpMessage message) {
    ByteBuffer out = ByteBuffer.allocate(message.length());
    if (message instanceof NtpPacket p) {
      encodePacket(p, out);
    } else if (message instanceof ControlMessage c) {
      out.put((byte) (c.leap().code() << 6 | c.version() << 3 | Mode.CONTROL.code()));
      out.put((byte) ((c.response() ? 0x80 : 0) | (c.error() ? 0x40 : 0) | (c.more() ? 0x20 : 0) | c.opcode()));
      out.putShort((short) c.sequence()).putShort((short) c.status()).putShort((short) c.associationId());
      out.putShort((short) c.offset()).putShort((short) c.count()).put(c.body());
    } else if (message instanceof PrivateMessage m) {
      out.put((byte) ((m.response() ? 0x80 : 0) | (m.more() ? 0x40 : 0) | m.version() << 3 | Mode.PRIVATE.code()));
      out.put((byte) ((m.authenticated() ? 0x80 : 0) | m.sequence()));
      out.put((byte) m.implementation()).put((byte) m.requestCode());
      out.putShort((short) (m.errorCode() << 12 | m.itemCount()));
      out.putShort((short) (m.mustBeZero() << 12 | m.itemSize())).put(m.body());
    }
    return out.array();
  }

  private static void encodePacket(NtpPacket p, ByteBuffer out) {
    out.put((byte) (p.leap().code() << 6 | p.version() << 3 | p.mode().code()));
    out.put((byte) p.stratum()).put((byte) p.poll()).put((byte) p.precision());
    out.putInt(p.rootDelay().bits()).putInt(p.rootDispersion().bits()).putInt(p.referenceId().bits());
    out.putLong(p.referenceTime().bits()).putLong(p.originTime().bits());
    out.putLong(p.receiveTime().bits()).putLong(p.transmitTime().bits());
    for (ExtensionField field : p.extensionFields()) {
      out.putShort((short) field.type()).putShort((short) field.length()).put(field.value());
    }
    p.mac().ifPresent(mac -> out.putInt((int) mac.keyId()).put(mac.digest()));
  }
}
