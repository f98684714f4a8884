package org.ntplab.inspect;

import java.util.List;
import org.ntplab.wire.PrivateMessage;

/**
 * Where each field of a mode 7 private message sits: ntpd's 8-byte header ({@code ntp_request.h}),
 * then {@code itemCount} items of {@code itemSize} bytes, then whatever follows (ntpdc pads
 * requests to a fixed size and puts authentication at the end).
 */
final class PrivateLayout {

  private PrivateLayout() {}

  static List<Row> rows(byte[] bytes, PrivateMessage m) {
    Table table = new Table(bytes);
    table
        .word(
            0,
            "byte 0",
            PacketLayout.bits(bytes[0], 1, 1, 3, 3),
            "R (1 bit), M (1), VN (3), mode (3)")
        .also("  R", flag(m.response()), ControlMeanings.privateResponse(m.response()))
        .also("  M", flag(m.more()), ControlMeanings.more(m.more()))
        .also("  VN", String.valueOf(m.version()), Meanings.version(m.version()))
        .also("  mode", String.valueOf(m.mode().code()), Meanings.mode(m.mode()))
        .also("byte 1", PacketLayout.bits(bytes[1], 1, 7), "A (1 bit), sequence (7)")
        .also("  A", flag(m.authenticated()), ControlMeanings.authenticated(m.authenticated()))
        .also("  sequence", String.valueOf(m.sequence()), "fragment number (in responses)")
        .also(
            "implementation",
            String.valueOf(m.implementation()),
            ControlMeanings.implementation(m.implementation()))
        .also("request code", String.valueOf(m.requestCode()), ControlMeanings.request(m));
    table
        .word(
            4,
            "error",
            String.valueOf(m.errorCode()),
            ControlMeanings.privateError(m.errorCode()),
            m.errorCode() != 0)
        .also(
            "item count",
            String.valueOf(m.itemCount()),
            m.itemCount() == 0 ? "no items" : m.itemCount() == 1 ? "item follows" : "items follow")
        .also("MBZ", String.valueOf(m.mustBeZero()), "must be zero")
        .also("item size", String.valueOf(m.itemSize()), "bytes per item");

    int offset = PrivateMessage.HEADER_LENGTH;
    if (m.itemSize() > 0) {
      for (int i = 1; i <= m.itemCount() && offset < bytes.length; i++) {
        int end = Math.min(offset + m.itemSize(), bytes.length);
        table.words(offset, end, "item " + i, Meanings.bytes(m.itemSize()), "");
        offset = end;
      }
    }
    table.words(
        offset,
        bytes.length,
        "rest",
        Meanings.bytes(bytes.length - offset),
        rest(bytes, offset, m));
    return table.rows();
  }

  private static String rest(byte[] bytes, int from, PrivateMessage m) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] != 0) {
        return m.response()
            ? "after the items"
            : m.authenticated() ? "request data, then timestamp, key ID and MAC" : "request data";
      }
    }
    return m.response() ? "zeros after the items" : "zeros: request padding";
  }

  private static String flag(boolean bit) {
    return bit ? "1" : "0";
  }
}
