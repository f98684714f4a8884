package org.ntplab.inspect;

import java.util.List;
import org.ntplab.wire.ControlMessage;
import org.ntplab.wire.Mac;

/**
 * Where each field of a mode 6 control message sits: the 12-byte header (RFC 9327 §2), then {@code
 * count} bytes of data padded to a word, then an optional MAC. Data words carry their ASCII, since
 * most replies are text ({@code version="ntpd 4.2.8p10…"}); a system READSTAT reply is binary
 * (association ID, status) pairs and is shown as such.
 */
final class ControlLayout {

  private static final int READ_STATUS = 1;

  private ControlLayout() {}

  static List<Row> rows(byte[] bytes, ControlMessage c) {
    Table table = new Table(bytes);
    table
        .word(0, "byte 0", PacketLayout.bits(bytes[0], 2, 3, 3), "LI (2 bits), VN (3), mode (3)")
        .also("  LI", String.valueOf(c.leap().code()), Meanings.leap(c.leap()))
        .also("  VN", String.valueOf(c.version()), Meanings.version(c.version()))
        .also("  mode", String.valueOf(c.mode().code()), Meanings.mode(c.mode()))
        .also(
            "byte 1",
            PacketLayout.bits(bytes[1], 1, 1, 1, 5),
            "R (1 bit), E (1), M (1), opcode (5)")
        .also("  R", flag(c.response()), ControlMeanings.response(c.response()))
        .also("  E", flag(c.error()), ControlMeanings.error(c.error()), c.error())
        .also("  M", flag(c.more()), ControlMeanings.more(c.more()))
        .also("  opcode", String.valueOf(c.opcode()), ControlMeanings.opcode(c))
        .also("sequence", String.valueOf(c.sequence()), "pairs responses with their request");
    table
        .word(
            4,
            "status",
            "0x" + HexdumpRenderer.hex4(c.status()),
            ControlMeanings.status(c),
            c.error())
        .also(
            "association ID",
            String.valueOf(c.associationId()),
            ControlMeanings.associationId(c.associationId()));
    table
        .word(8, "offset", String.valueOf(c.offset()), ControlMeanings.offset(c))
        .also("count", String.valueOf(c.count()), "bytes of data in this packet");

    int data = ControlMessage.HEADER_LENGTH;
    int end = data + c.count();
    if (c.response() && !c.error() && c.opcode() == READ_STATUS && c.associationId() == 0) {
      associations(table, bytes, data, end);
    } else {
      text(table, bytes, data, end, c);
    }
    int padded = Math.min((end + 3) & ~3, bytes.length);
    table.words(end, padded, "padding", Meanings.bytes(padded - end), "zeros to a 4-byte boundary");
    c.mac().ifPresent(mac -> mac(table, padded, mac));
    return table.rows();
  }

  private static void text(Table table, byte[] bytes, int from, int end, ControlMessage c) {
    for (int offset = from; offset < end; offset += 4) {
      String ascii = "|" + HexdumpRenderer.ascii(bytes, offset, Math.min(offset + 4, end)) + "|";
      boolean first = offset == from;
      String meaning =
          !first
              ? ""
              : ControlMeanings.dataText(c).isPresent()
                  ? Meanings.bytes(c.count()) + " of text (shown below)"
                  : Meanings.bytes(c.count());
      table.word(offset, first ? "data" : "", ascii, meaning);
    }
  }

  /** READSTAT on the system: one word per peer, its association ID and its status word. */
  private static void associations(Table table, byte[] bytes, int from, int end) {
    for (int offset = from; offset < end; offset += 4) {
      if (offset + 4 > end) {
        table.words(offset, end, "", "", "");
        break;
      }
      int id = (bytes[offset] & 0xff) << 8 | bytes[offset + 1] & 0xff;
      int status = (bytes[offset + 2] & 0xff) << 8 | bytes[offset + 3] & 0xff;
      table.word(
          offset,
          offset == from ? "peers" : "",
          id + " " + HexdumpRenderer.hex4(status),
          ControlMeanings.peerStatus(status));
    }
  }

  private static void mac(Table table, int offset, Mac mac) {
    table.word(offset, "MAC key ID", String.valueOf(mac.keyId()), Meanings.macKeyId(mac));
    table.words(
        offset + 4,
        offset + mac.length(),
        "MAC digest",
        Meanings.bytes(mac.digest().length),
        Meanings.macDigest(mac));
  }

  private static String flag(boolean bit) {
    return bit ? "1" : "0";
  }
}
