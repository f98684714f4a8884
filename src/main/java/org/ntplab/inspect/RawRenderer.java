package org.ntplab.inspect;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HexFormat;

/**
 * The bytes alone, exactly as {@code xxd -g 4} prints them: 16 bytes a line in 4-byte words, then
 * the printable ASCII. Needs no decoding, so it also shows what the decoder rejects, and its output
 * pastes back into a fixture's hex.
 *
 * <pre>
 * 00000000: 240306e7 00000000 0000001a 7f7f0101  $...............
 * </pre>
 */
public final class RawRenderer {

  private static final int BYTES_PER_LINE = 16;

  /** Eight hex digits per word, four words, three spaces between them. */
  private static final int HEX_WIDTH = 4 * 8 + 3;

  // HexFormat, not String.format: no Formatter, regex or locale data on inspect's path.
  private static final HexFormat HEX = HexFormat.of();

  private RawRenderer() {}

  public static String render(byte[] bytes) {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      render(bytes, out);
    }
    return text.toString();
  }

  /** Writes one {@code println} per line; does not flush or close {@code out}. */
  public static void render(byte[] bytes, PrintWriter out) {
    for (int line = 0; line < bytes.length; line += BYTES_PER_LINE) {
      int end = Math.min(line + BYTES_PER_LINE, bytes.length);
      StringBuilder hex = new StringBuilder(HEX_WIDTH);
      for (int i = line; i < end; i++) {
        if (i > line && (i - line) % 4 == 0) {
          hex.append(' ');
        }
        hex.append(HEX.toHexDigits(bytes[i]));
      }
      while (hex.length() < HEX_WIDTH) { // a short last line keeps the text column in place
        hex.append(' ');
      }
      out.println(
          HEX.toHexDigits(line) + ": " + hex + "  " + HexdumpRenderer.ascii(bytes, line, end));
    }
  }
}
