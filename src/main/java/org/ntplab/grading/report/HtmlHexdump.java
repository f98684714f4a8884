package org.ntplab.grading.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ntplab.inspect.HexdumpRenderer;
import org.ntplab.inspect.Style;

/**
 * Bytes as HTML lines, each byte in {@code marked} wrapped in {@code <span class="diff">}: a packet
 * as the inspector's annotated hexdump ({@link HexdumpRenderer}, field by field), or any bytes 16 a
 * line when they are no packet the inspector can lay out.
 */
final class HtmlHexdump {

  /**
   * A word line of the plain hexdump: its offset in four hex digits, then its bytes from column 7.
   */
  private static final Pattern WORD_LINE =
      Pattern.compile("^([0-9a-f]{4}) {3}((?:[0-9a-f]{2} ){0,3}[0-9a-f]{2})");

  private HtmlHexdump() {}

  /**
   * The annotated hexdump of {@code packet}, or {@link #raw} if the inspector cannot lay it out.
   */
  static String annotated(byte[] packet, Set<Integer> marked) {
    String plain;
    try {
      plain = HexdumpRenderer.render(packet, Style.PLAIN);
    } catch (RuntimeException e) {
      return raw(packet, marked); // malformed bytes: still worth showing, without the field names
    }
    List<String> lines = new ArrayList<>();
    for (String line : plain.split("\n")) {
      Matcher word = WORD_LINE.matcher(line);
      if (!word.find()) {
        lines.add(Html.escape(line));
        continue;
      }
      int offset = Integer.parseInt(word.group(1), 16);
      lines.add(
          Html.escape(line.substring(0, word.start(2)))
              + marked(word.group(2).split(" "), offset, marked)
              + Html.escape(line.substring(word.end(2))));
    }
    return String.join("\n", lines);
  }

  /** {@code bytes} 16 a line with their offsets, in groups of four. */
  static String raw(byte[] bytes, Set<Integer> marked) {
    List<String> lines = new ArrayList<>();
    for (int line = 0; line < bytes.length; line += 16) {
      StringBuilder out = new StringBuilder(String.format("%04x   ", line));
      for (int i = line; i < Math.min(line + 16, bytes.length); i += 4) {
        String[] word = new String[Math.min(4, bytes.length - i)];
        for (int j = 0; j < word.length; j++) {
          word[j] = String.format("%02x", bytes[i + j]);
        }
        out.append(i > line ? "  " : "").append(marked(word, i, marked));
      }
      lines.add(out.toString());
    }
    return String.join("\n", lines);
  }

  private static String marked(String[] hex, int offset, Set<Integer> marked) {
    StringBuilder out = new StringBuilder();
    for (int j = 0; j < hex.length; j++) {
      out.append(j > 0 ? " " : "");
      out.append(
          marked.contains(offset + j) ? "<span class=\"diff\">" + hex[j] + "</span>" : hex[j]);
    }
    return out.toString();
  }
}
