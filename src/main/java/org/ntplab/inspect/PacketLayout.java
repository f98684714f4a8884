package org.ntplab.inspect;

import java.util.List;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.Mac;
import org.ntplab.wire.NtpHeader;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * Where each field of a time packet (modes 0–5) sits: the 48-byte header of RFC 5905 §7.3, then RFC
 * 7822 extension fields, then the MAC.
 */
final class PacketLayout {

  private static final int NTS_AUTHENTICATOR = 0x0404;

  /** AES-SIV's synthetic IV, which leads its ciphertext (RFC 5297 §2.6). */
  private static final int SIV_TAG = 16;

  private PacketLayout() {}

  static List<Row> rows(byte[] bytes, NtpPacket p) {
    Table table = new Table(bytes);
    table
        .word(
            NtpHeader.FIRST_BYTE,
            "byte 0",
            bits(bytes[NtpHeader.FIRST_BYTE], 2, 3, 3),
            "LI (2 bits), VN (3), mode (3)")
        .also(
            "  LI",
            String.valueOf(p.leap().code()),
            Meanings.leap(p.leap()),
            Meanings.isLeapProblem(p))
        .also("  VN", String.valueOf(p.version()), Meanings.version(p.version()))
        .also("  mode", String.valueOf(p.mode().code()), Meanings.mode(p.mode()))
        .also(
            "stratum",
            String.valueOf(p.stratum()),
            Meanings.stratum(p),
            Meanings.isStratumProblem(p))
        .also("poll", String.valueOf(p.poll()), Meanings.poll(p.poll()))
        .also("precision", String.valueOf(p.precision()), Meanings.precision(p.precision()));
    table.word(
        NtpHeader.ROOT_DELAY,
        "root delay",
        p.rootDelay().seconds().toPlainString() + " s",
        Meanings.rootDelay(p.rootDelay()));
    table.word(
        NtpHeader.ROOT_DISPERSION,
        "root dispersion",
        p.rootDispersion().seconds().toPlainString() + " s",
        Meanings.rootDispersion(p.rootDispersion()));
    table.word(
        NtpHeader.REFERENCE_ID,
        "reference ID",
        Meanings.referenceIdValue(p),
        Meanings.referenceId(p),
        Meanings.isStratumProblem(p) && p.kissCode().isPresent());
    timestamp(table, NtpHeader.REFERENCE_TIME, "reference time", p.referenceTime());
    timestamp(table, NtpHeader.ORIGIN_TIME, "origin time", p.originTime());
    timestamp(table, NtpHeader.RECEIVE_TIME, "receive time", p.receiveTime());
    timestamp(table, NtpHeader.TRANSMIT_TIME, "transmit time", p.transmitTime());

    int offset = NtpPacket.HEADER_LENGTH;
    int number = 1;
    for (ExtensionField field : p.extensionFields()) {
      extensionField(table, offset, number++, field);
      offset += field.length();
    }
    if (p.mac().isPresent()) { // not ifPresent: a lambda is linked at its first use (start-up)
      mac(table, offset, p.mac().get());
    }
    return table.rows();
  }

  /**
   * The byte's bits in groups, most significant first: {@code bits(0x24, 2, 3, 3)} is {@code 00 100
   * 100}.
   */
  static String bits(byte b, int... widths) {
    String all = Integer.toBinaryString(0x100 | b & 0xff).substring(1);
    StringBuilder grouped = new StringBuilder();
    int at = 0;
    for (int width : widths) {
      grouped.append(grouped.length() == 0 ? "" : " ").append(all, at, at + width);
      at += width;
    }
    return grouped.toString();
  }

  private static void timestamp(Table table, int offset, String field, NtpTimestamp timestamp) {
    table.word(offset, field, timestamp.toString(), Meanings.timestamp(timestamp));
    table.word(offset + 4, "", "", Meanings.timestampParts(timestamp));
  }

  private static void extensionField(Table table, int offset, int number, ExtensionField field) {
    String name = "ext " + number + " ";
    int valueLength = field.length() - 4;
    table
        .word(
            offset,
            name + "type",
            "0x" + HexdumpRenderer.hex4(field.type()),
            Meanings.extensionFieldName(field))
        .also(
            name + "length",
            String.valueOf(field.length()),
            "bytes: 4 header + " + valueLength + " value");
    int value = offset + 4;
    int end = offset + field.length();
    if (field.type() == NTS_AUTHENTICATOR) {
      ntsAuthenticator(table, value, end, field);
    } else {
      table.words(
          value,
          end,
          valueName(name, field),
          Meanings.bytes(valueLength),
          Meanings.extensionFieldValue(field));
    }
  }

  /** An NTS field's value is named by what it is; any other by its field's number. */
  private static String valueName(String name, ExtensionField field) {
    return switch (field.type()) {
      case 0x0104 -> "unique ID";
      case 0x0204 -> "cookie";
      case 0x0304 -> "placeholder";
      default -> name + "value";
    };
  }

  /**
   * RFC 8915 §5.6: nonce length and ciphertext length (16 bits each), the nonce and the ciphertext,
   * each padded to a word, then padding. Lengths that overrun the field are shown as one value.
   */
  private static void ntsAuthenticator(Table table, int value, int end, ExtensionField field) {
    byte[] v = field.value();
    int nonceLength = (v[0] & 0xff) << 8 | v[1] & 0xff;
    int cipherLength = (v[2] & 0xff) << 8 | v[3] & 0xff;
    int nonce = value + 4;
    int cipher = nonce + padded(nonceLength);
    int padding = cipher + padded(cipherLength);
    if (padding > end) {
      table.words(value, end, "auth value", Meanings.bytes(v.length), "lengths overrun the field");
      return;
    }
    table
        .word(value, "nonce length", String.valueOf(nonceLength), "bytes")
        .also("cipher length", String.valueOf(cipherLength), "bytes of encrypted fields and tag");
    table.words(nonce, cipher, "nonce", Meanings.bytes(nonceLength), "");
    table.words(
        cipher, padding, "ciphertext", Meanings.bytes(cipherLength), ciphertext(cipherLength));
    table.words(padding, end, "padding", Meanings.bytes(end - padding), "");
  }

  /** AES-SIV's output: the 16-byte synthetic IV, which is the tag, then the encrypted fields. */
  private static String ciphertext(int length) {
    if (length < SIV_TAG) {
      return "shorter than AES-SIV's 16-byte tag";
    }
    return length == SIV_TAG
        ? "16-byte SIV tag, nothing encrypted"
        : "16-byte SIV tag + " + Meanings.bytes(length - SIV_TAG) + " encrypted";
  }

  private static int padded(int length) {
    return (length + 3) & ~3;
  }

  private static void mac(Table table, int offset, Mac mac) {
    table.word(
        offset,
        "MAC key ID",
        String.valueOf(mac.keyId()),
        Meanings.macKeyId(mac),
        mac.isCryptoNak());
    table.words(
        offset + 4,
        offset + mac.length(),
        "MAC digest",
        Meanings.bytes(mac.digest().length),
        Meanings.macDigest(mac));
  }
}
