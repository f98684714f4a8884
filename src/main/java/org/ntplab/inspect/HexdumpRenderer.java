package org.ntplab.inspect;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ntplab.wire.ControlMessage;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.PrivateMessage;

/**
 * The annotated hexdump: one line per 32-bit word with its offset, its bytes, and for each field in
 * it the field name, the raw value and what it means; fields that share a word get lines of their
 * own under it. Fits in 100 columns; longer meanings wrap under the meaning column.
 *
 * <pre>
 * NTPv4 server packet, 332 bytes: 48-byte header, 2 extension fields
 * offset bytes        field           value                meaning
 * 0000   24 03 06 e7  byte 0          00 100 100           LI (2 bits), VN (3), mode (3)
 *                       LI            0                    no warning
 *                     poll            6                    2^6 s = 64 s between messages
 * 0004   00 00 04 5f  root delay      0.0170745849609375 s 17.1 ms round trip to the reference clock
 * 0028   e6 9f 81 52  transmit time   e69f8152.3028dd5e    2022-08-11T13:23:30.188123546Z
 * 002c   30 28 dd 5e                                       = 3869213010.188123546 s since 1900
 * </pre>
 *
 * <p>Mode 6 and 7 messages are laid out by their own headers, never as a time packet. A control
 * message whose data is text is followed by that text, line by line. Pure: no I/O but the writer.
 */
public final class HexdumpRenderer {

  /** Total width the layout is made for. */
  public static final int WIDTH = 100;

  private static final int OFFSET_WIDTH = 7;
  private static final int BYTES_WIDTH = 13;
  private static final int FIELD_WIDTH = 16;
  private static final int VALUE_WIDTH = 21;
  private static final int MEANING_COLUMN = OFFSET_WIDTH + BYTES_WIDTH + FIELD_WIDTH + VALUE_WIDTH;

  private HexdumpRenderer() {}

  /**
   * Decodes {@code bytes} and renders them; throws {@code MalformedPacketException} as decode does.
   */
  public static String render(byte[] bytes, Style style) {
    return render(bytes, NtpCodec.decode(bytes), style);
  }

  /** Renders {@code bytes}, which must be exactly what {@code message} encodes to. */
  public static String render(byte[] bytes, NtpMessage message, Style style) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      render(bytes, message, style, out);
    }
    return text.toString();
  }

  /** Writes the dump to {@code out}, one {@code println} per line; does not flush or close it. */
  public static void render(byte[] bytes, NtpMessage message, Style style, PrintWriter out) {
    // The message decides the labels and the bytes are what gets shown, so they must agree:
    // a mismatch would put one packet's meanings beside another packet's bytes.
    if (!Arrays.equals(NtpCodec.encode(message), bytes)) {
      throw new IllegalArgumentException(
          "the bytes (" + bytes.length + ") are not the encoding of " + message);
    }
    out.println(style.heading(Meanings.summary(message)));
    out.println(style.field(header()));
    for (Row row : rows(bytes, message)) {
      for (String line : lines(row, style)) {
        out.println(line);
      }
    }
    if (message instanceof ControlMessage c) {
      Optional<String> text = ControlMeanings.dataText(c);
      if (text.isPresent()) {
        out.println();
        out.println(style.heading("data as text (" + c.count() + " bytes):"));
        for (String line : text.get().split("\r?\n")) {
          out.println("  " + line.replace("\r", ""));
        }
      }
    }
  }

  private static List<Row> rows(byte[] bytes, NtpMessage message) {
    if (message instanceof NtpPacket p) {
      return PacketLayout.rows(bytes, p);
    }
    if (message instanceof ControlMessage c) {
      return ControlLayout.rows(bytes, c);
    }
    return PrivateLayout.rows(bytes, (PrivateMessage) message);
  }

  private static String header() {
    return pad("offset", OFFSET_WIDTH)
        + pad("bytes", BYTES_WIDTH)
        + pad("field", FIELD_WIDTH)
        + pad("value", VALUE_WIDTH)
        + "meaning";
  }

  /** One row as one or more lines: a value too wide for its column pushes the meaning down. */
  static List<String> lines(Row row, Style style) {
    String offset = row.startsWord() ? hex4(row.offset()) : "";
    String bytes = hexBytes(row.bytes());
    String value = row.problem() ? style.problem(row.value()) : style.value(row.value());
    List<String> meaning = wrap(row.meaning(), WIDTH - MEANING_COLUMN);
    boolean valueFits = row.value().length() < VALUE_WIDTH;

    List<String> lines = new ArrayList<>();
    StringBuilder first =
        new StringBuilder()
            .append(offset)
            .append(spaces(OFFSET_WIDTH - offset.length()))
            .append(bytes)
            .append(spaces(BYTES_WIDTH - bytes.length()))
            .append(style.field(row.field()))
            .append(spaces(FIELD_WIDTH - row.field().length()))
            .append(value);
    if (valueFits && !meaning.isEmpty()) {
      first
          .append(spaces(VALUE_WIDTH - row.value().length()))
          .append(styleMeaning(meaning.remove(0), row, style));
    }
    lines.add(stripTrailing(first.toString()));
    for (String rest : meaning) {
      lines.add(spaces(MEANING_COLUMN) + styleMeaning(rest, row, style));
    }
    return lines;
  }

  private static String styleMeaning(String text, Row row, Style style) {
    return row.problem() ? style.problem(text) : text;
  }

  /** Greedy word wrap; a word longer than the width gets a line of its own. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** {@code 24 03 06 e7}; fewer pairs for a trailing partial word. */
  static String hexBytes(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append(hex.length() == 0 ? "" : " ").append(HexFormat.of().toHexDigits(b));
    }
    return hex.toString();
  }

  // Hex by HexFormat, here and in the layouts, not String.format: a Formatter loads regex and
  // locale data, a tenth of a one-shot inspect's run (BENCHMARKS.md, "One query").
  /** At least four hex digits, as {@code %04x}: offsets within a datagram, 16-bit fields. */
  static String hex4(int value) {
    return value >>> 16 == 0
        ? HexFormat.of().toHexDigits((short) value)
        : Integer.toHexString(value);
  }

  /** Printable ASCII as is, anything else as a dot, like xxd's right-hand column. */
  static String ascii(byte[] bytes, int from, int to) {
    StringBuilder text = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xff;
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return text.toString();
  }

  private static String pad(String text, int width) {
    return text + spaces(width - text.length());
  }

  private static String spaces(int count) {
    return " ".repeat(Math.max(1, count));
  }

  // Lines end where their text ends, so golden files and terminals carry no invisible padding.
  private static String stripTrailing(String line) {
    return line.stripTrailing();
  }
}
