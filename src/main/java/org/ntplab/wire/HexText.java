package org.ntplab.wire;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes from the hex text people paste: plain hex, C and Java byte arrays, {@code xxd}, {@code
 * hexdump -C}, {@code tcpdump -x}/{@code -X} and Wireshark's hex dumps.
 *
 * <p>The format is recognised from the text itself, and the whole text is in one format; lines
 * starting with {@code #} or {@code //}, and blank lines, may appear anywhere. Dumps with an offset
 * column are read exactly: the ASCII column is ignored whatever it contains (it starts at a gap of
 * two or more spaces, or at {@code |}), {@code *} lines are expanded, and each offset must equal
 * the number of bytes read before it, so a missing, repeated or mangled line is an error, never
 * silently lost bytes. Whatever is not accepted throws {@link MalformedHexException} naming line
 * and column.
 */
public final class HexText {

  private static final HexFormat HEX = HexFormat.of();

  /**
   * The most a {@code *} may expand to: libpcap's largest record (256 KiB), far above any packet.
   * The offset after a {@code *} is a length the text only claims, so a line of text must not make
   * megabytes (an import would turn them into a fixture of tens of megabytes).
   */
  private static final int MAX_BYTES = 256 << 10;

  /** What may separate the numbers of plain hex and C/Java array literals. */
  private static final String SEPARATORS = ",;:{}[]\"";

  /**
   * hexdump -C and Wireshark put two or more spaces after the offset; {@link #words} never does.
   */
  private static final Pattern HEXDUMP_FIRST_ROW =
      Pattern.compile("\\s*[0-9A-Fa-f]{4,12}(?: {2,}|\\s*\\t\\s*)[0-9A-Fa-f]{2}(?=\\s|$)");

  private static final Pattern REPEAT = Pattern.compile("\\s*\\*\\s*");

  /** The line after {@code xxd -i}'s array: its length, which we check. */
  private static final Pattern XXD_I_LENGTH =
      Pattern.compile("\\s*(?:unsigned\\s+)?int\\s+(\\w+)\\s*=\\s*(\\d{1,9})\\s*;\\s*");

  /** A tcpdump summary line (default, -tttt, -tt, or -t timestamps): the next packet begins. */
  private static final Pattern TCPDUMP_SUMMARY =
      Pattern.compile(
          "(?:\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d\\.\\d+ .*|\\d+\\.\\d{6} .*|IP6? .*");

  private HexText() {}

  /** The formats {@link #parse} tells apart; all but {@code PLAIN} have an offset column. */
  private enum Layout {
    PLAIN("a plain hex", null, ""),
    XXD("an xxd", "(?<offset>(?<digits>[0-9A-Fa-f]{4,12})):", "%0Nx:"),
    /** {@code hexdump -C}, tshark -x and Wireshark's "Copy as Hex Dump": one byte per group. */
    HEXDUMP("a hexdump -C or Wireshark", "(?<offset>(?<digits>[0-9A-Fa-f]{4,12}))", "%0Nx"),
    TCPDUMP("a tcpdump", "(?<offset>0[xX](?<digits>[0-9A-Fa-f]{4,12})):", "0x%0Nx:");

    final String label; // with its article, for messages
    final Pattern row;
    final String offsetFormat;

    Layout(String label, String offset, String offsetFormat) {
      this.label = label;
      this.row = offset == null ? null : Pattern.compile("\\s*" + offset + "(?=\\s|$)");
      this.offsetFormat = offsetFormat;
    }

    String offset(long value, int digits) {
      return String.format(offsetFormat.replace("N", Integer.toString(digits)), value);
    }
  }

  /** A line that carries data (not blank, not a comment), with its 1-based number. */
  private record Line(int number, String text) {}

  /** The bytes of one dump line, whether an ASCII column follows, where the last group starts. */
  private record Row(byte[] bytes, boolean ascii, int lastGroupColumn) {}

  /** One number of plain hex: {@code e3000000}, {@code 0x1b} or {@code \x1b}; column is 1-based. */
  private record Token(Line line, int column, String text, boolean prefixed) {
    String digits() {
      return prefixed ? text.substring(2) : text;
    }
  }

  /**
   * Bytes from any of the accepted formats: plain hex with any whitespace (including one long
   * Wireshark "hex stream"), {@code 0x}/{@code \x} prefixed bytes separated by {@code , ; : { } [
   * ]} as in C and Java arrays ({@code xxd -i} included), {@code xxd} with any {@code -g} or {@code
   * -c} and {@code xxd -p}, {@code hexdump -C}, {@code tcpdump -x/-xx/-X/-XX} (the summary before
   * the dump is skipped; the bytes are everything the dump shows) and Wireshark's or tshark's hex
   * dumps.
   *
   * @throws MalformedHexException naming line and column of the first problem
   */
  public static byte[] parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] raw = text.split("\r\n|\r|\n", -1);
    if (raw[0].startsWith("\uFEFF")) {
      raw[0] = ' ' + raw[0].substring(1); // a byte order mark: keep the columns where they were
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      String content = raw[i].strip();
      if (!content.isEmpty() && !content.startsWith("#") && !content.startsWith("//")) {
        lines.add(new Line(i + 1, raw[i]));
      }
    }
    Layout layout = lines.isEmpty() ? Layout.PLAIN : detect(lines);
    byte[] bytes = layout == Layout.PLAIN ? parsePlain(lines) : parseDump(lines, layout);
    if (bytes.length == 0) {
      int end = raw[raw.length - 1].length() + 1;
      throw MalformedHexException.at(raw.length, end, "no hex digits found");
    }
    return bytes;
  }

  /**
   * Every packet in a text that may hold several: a dump starts a new packet where its offset
   * returns to 0 (for tcpdump, at the summary lines before that row), plain hex at each blank line.
   * Each packet is read as {@link #parse} reads one, and errors name the line in the whole text.
   */
  public static List<byte[]> parsePackets(String text) {
    Objects.requireNonNull(text, "text");
    String[] raw = text.split("\r\n|\r|\n", -1);
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      String content = raw[i].strip();
      if (!content.startsWith("#") && !content.startsWith("//")) {
        lines.add(new Line(i + 1, raw[i]));
      }
    }
    List<Line> data = lines.stream().filter(l -> !l.text().isBlank()).toList();
    Layout layout = data.isEmpty() ? Layout.PLAIN : detect(data);
    List<Integer> starts = new ArrayList<>(); // 0-based indexes into raw where a packet begins
    starts.add(0);
    int afterLastRow = 0; // where the lines after the previous row begin
    boolean seenRow = false;
    boolean seenText = false;
    for (Line line : lines) {
      int index = line.number() - 1;
      if (layout == Layout.PLAIN) {
        if (line.text().isBlank() && seenText) {
          starts.add(index);
          seenText = false;
        } else if (!line.text().isBlank()) {
          seenText = true;
        }
        continue;
      }
      Matcher m = layout.row.matcher(line.text());
      if (m.lookingAt()) {
        if (seenRow && Long.parseLong(m.group("digits"), 16) == 0) {
          starts.add(layout == Layout.TCPDUMP ? afterLastRow : index);
        }
        seenRow = true;
        afterLastRow = index + 1;
      }
    }
    List<byte[]> packets = new ArrayList<>();
    for (int p = 0; p < starts.size(); p++) {
      int from = starts.get(p);
      int to = p + 1 < starts.size() ? starts.get(p + 1) : raw.length;
      String[] piece =
          new String[raw.length]; // other packets' lines blanked: line numbers stay true
      Arrays.fill(piece, "");
      System.arraycopy(raw, from, piece, from, to - from);
      if (Arrays.stream(piece)
          .anyMatch(
              l -> !l.isBlank() && !l.strip().startsWith("#") && !l.strip().startsWith("//"))) {
        packets.add(parse(String.join("\n", piece)));
      }
    }
    if (packets.isEmpty()) {
      throw MalformedHexException.at(
          raw.length, raw[raw.length - 1].length() + 1, "no hex digits found");
    }
    return packets;
  }

  /** Lower-case hex in 4-byte words separated by single spaces: {@code e3000000 00000000 0a}. */
  public static String words(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 9 / 4 + 2);
    for (int i = 0; i < bytes.length; i += 4) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(HEX.formatHex(bytes, i, Math.min(i + 4, bytes.length)));
    }
    return out.toString();
  }

  private static Layout detect(List<Line> lines) {
    // tcpdump prints a summary (and with -v a decode) before its first row, so look at every line.
    for (Line line : lines) {
      if (Layout.TCPDUMP.row.matcher(line.text()).lookingAt()) {
        return Layout.TCPDUMP;
      }
    }
    String first = lines.get(0).text();
    if (Layout.XXD.row.matcher(first).lookingAt()) {
      return Layout.XXD;
    }
    if (HEXDUMP_FIRST_ROW.matcher(first).lookingAt()) {
      return Layout.HEXDUMP;
    }
    return Layout.PLAIN;
  }

  // ---- dumps with an offset column ----------------------------------------------------------

  private static byte[] parseDump(List<Line> lines, Layout layout) {
    var bytes = new ByteArrayOutputStream();
    byte[] previousRow = null; // what a '*' repeats
    Line star = null; // a '*' waiting for the next offset to say how many lines it hides
    int width = 0; // bytes on the first row; a row holding more swallowed its ASCII
    boolean ascii = false; // whether the first row has an ASCII column: then every row must
    int offsetDigits = 0; // of the last offset, to show the next one in messages
    boolean started = false; // tcpdump's summary lines come before the first row
    for (Line line : lines) {
      String s = line.text();
      Matcher m = layout.row.matcher(s);
      boolean isRow = m.lookingAt();
      if (layout == Layout.TCPDUMP && !started && !isRow) {
        requireNotHex(line);
        continue;
      }
      if (layout != Layout.TCPDUMP && REPEAT.matcher(s).matches()) {
        if (previousRow == null || star != null) {
          throw MalformedHexException.at(
              line.number(), s.indexOf('*') + 1, "'*' must follow a line of bytes");
        }
        star = line;
        continue;
      }
      if (!isRow) {
        throw notARow(line, layout, bytes.size(), Math.max(offsetDigits, 4));
      }
      started = true;
      offsetDigits = m.group("digits").length();
      int column = m.start("offset") + 1;
      long offset = Long.parseLong(m.group("digits"), 16);
      if (star != null) {
        repeat(previousRow, star, line, column, offset, bytes);
        star = null;
      }
      if (offset != bytes.size()) {
        throw discontinuity(line, column, offset, bytes.size());
      }
      Row row = readRow(line, m.end(), layout, width == 0 ? Integer.MAX_VALUE : width);
      if (row.bytes().length == 0) {
        if (layout != Layout.HEXDUMP) { // hexdump -C ends with a bare offset: the length
          throw MalformedHexException.at(line.number(), m.end() + 1, "no hex after the offset");
        }
      } else if (width == 0) {
        width = row.bytes().length;
        ascii = row.ascii();
      } else if (ascii && !row.ascii()) {
        // A lone ASCII column like "cafe" after a single space reads as hex: refuse to guess.
        throw MalformedHexException.at(
            line.number(),
            row.lastGroupColumn(),
            "no ASCII column after the hex, unlike the first line (is it joined to the hex?)");
      }
      bytes.writeBytes(row.bytes());
      previousRow = row.bytes().length == 0 ? null : row.bytes();
    }
    if (star != null) {
      throw MalformedHexException.onLine(
          star.number(),
          star.text().indexOf('*') + 1,
          "'*' needs the offset line after it, to know how many lines it stands for");
    }
    return bytes.toByteArray();
  }

  /**
   * The bytes of one row, from just after its offset to the ASCII column. Every tool puts single
   * spaces between groups and two or more before the ASCII column (or a {@code |}), except the
   * extra space hexdump -C (and older Wireshark) put after the eighth byte.
   */
  private static Row readRow(Line line, int from, Layout layout, int limit) {
    String s = line.text();
    var row = new ByteArrayOutputStream();
    int p = skipSpaces(s, from);
    int groupColumn = p + 1;
    while (p < s.length() && s.charAt(p) != '|') {
      groupColumn = p + 1;
      int end = p;
      while (end < s.length() && !isSpace(s.charAt(end))) {
        end++;
      }
      String group = s.substring(p, end);
      requireHex(line, p, group);
      if (group.length() % 2 != 0) {
        throw MalformedHexException.at(line.number(), p + 1, oddDigits(group, group.length()));
      }
      if (layout == Layout.HEXDUMP && group.length() != 2) {
        throw MalformedHexException.at(
            line.number(),
            p + 1,
            quote(group) + " is not one byte: this dump shows each byte as two hex digits");
      }
      int room = limit - row.size();
      if (group.length() / 2 > room) {
        throw MalformedHexException.at(
            line.number(),
            p + 1 + 2 * room,
            "more than "
                + limit
                + " bytes on this line, unlike the first line"
                + " (is the ASCII column joined to the hex?)");
      }
      row.writeBytes(HEX.parseHex(group));
      p = skipSpaces(s, end);
      String gap = s.substring(end, p);
      boolean wide = gap.length() >= 2 || gap.indexOf('\t') >= 0;
      boolean middle =
          layout == Layout.HEXDUMP
              && row.size() == 8
              && gap.equals("  ")
              && p < s.length()
              && HexFormat.isHexDigit(s.charAt(p));
      if (wide && !middle) {
        break;
      }
    }
    return new Row(row.toByteArray(), p < s.length(), groupColumn);
  }

  /** Expands a {@code *}: the row before it, repeated up to the offset of the row after it. */
  private static void repeat(
      byte[] row, Line star, Line line, int column, long offset, ByteArrayOutputStream bytes) {
    long missing = offset - bytes.size();
    if (missing <= 0 || missing % row.length != 0) {
      throw MalformedHexException.onLine(
          line.number(),
          column,
          String.format(
              "offset 0x%04x cannot follow the '*' on line %d: %d bytes read so far, in lines of %d",
              offset, star.number(), bytes.size(), row.length));
    }
    if (offset > MAX_BYTES) {
      throw MalformedHexException.onLine(
          line.number(),
          column,
          String.format(
              "offset 0x%04x after '*' would make more than %d bytes", offset, MAX_BYTES));
    }
    for (long n = missing / row.length; n > 0; n--) {
      bytes.writeBytes(row);
    }
  }

  private static MalformedHexException discontinuity(Line line, int column, long offset, int read) {
    if (offset == 0) {
      return MalformedHexException.onLine(
          line.number(),
          column,
          "a second dump starts here (offset 0 after "
              + read
              + " bytes);"
              + " paste one packet at a time");
    }
    String hint =
        offset > read
            ? "is a line missing?"
            : "is a line repeated, or does a line above hold extra bytes?";
    return MalformedHexException.onLine(
        line.number(),
        column,
        String.format("offset 0x%04x but %d bytes read so far (%s)", offset, read, hint));
  }

  private static MalformedHexException notARow(Line line, Layout layout, int read, int digits) {
    String content = line.text().strip();
    int column = line.text().indexOf(content.charAt(0)) + 1;
    if (layout == Layout.TCPDUMP && TCPDUMP_SUMMARY.matcher(content).matches()) {
      return MalformedHexException.onLine(
          line.number(), column, "a second packet starts here; paste one packet at a time");
    }
    return MalformedHexException.at(
        line.number(),
        column,
        "not "
            + layout.label
            + " line (expected an offset like "
            + layout.offset(read, digits)
            + ")");
  }

  /**
   * Lines before tcpdump's first row are its summary and -v decode; bare hex there is lost data.
   */
  private static void requireNotHex(Line line) {
    String content = line.text().strip();
    if (content.chars().allMatch(c -> HexFormat.isHexDigit(c) || isSpace((char) c))) {
      throw MalformedHexException.at(
          line.number(),
          line.text().indexOf(content.charAt(0)) + 1,
          "hex before the first tcpdump line (0x0000:)");
    }
  }

  // ---- plain hex and array literals -----------------------------------------------------------

  private static byte[] parsePlain(List<Line> lines) {
    List<Token> tokens = new ArrayList<>();
    boolean arrayLiteral = false;
    Line lengthLine = null;
    for (Line line : lines) {
      String s = line.text();
      if (XXD_I_LENGTH.matcher(s).matches()) {
        lengthLine = line;
        continue;
      }
      if (Layout.XXD.row.matcher(s).lookingAt() || HEXDUMP_FIRST_ROW.matcher(s).lookingAt()) {
        throw MalformedHexException.at(
            line.number(),
            skipSpaces(s, 0) + 1,
            "a line of a hex dump, but the text above is plain hex (the input mixes formats)");
      }
      int end = commentStart(s);
      int p = declarationEnd(s, end);
      while (p < end) {
        char c = s.charAt(p);
        if (isSpace(c) || SEPARATORS.indexOf(c) >= 0) {
          arrayLiteral |= "{}[]".indexOf(c) >= 0;
          p++;
          continue;
        }
        if (s.startsWith("(byte)", p)) { // Java needs the cast for 0x80 and above
          arrayLiteral = true;
          p += "(byte)".length();
          continue;
        }
        if (c == '\\' && s.substring(p + 1, end).isBlank()) {
          break; // continues an escaped string on the next line, as Wireshark copies it
        }
        int start = p;
        boolean prefixed =
            s.regionMatches(true, p, "0x", 0, 2) || s.regionMatches(true, p, "\\x", 0, 2);
        if (prefixed) {
          p += 2;
        }
        int digits = p;
        while (p < end && HexFormat.isHexDigit(s.charAt(p))) {
          p++;
        }
        if (p < end
            && !isSpace(s.charAt(p))
            && SEPARATORS.indexOf(s.charAt(p)) < 0
            && !(s.charAt(p) == '\\' && p > start)) {
          throw MalformedHexException.at(line.number(), p + 1, notHex(s.charAt(p)));
        }
        if (p == digits) {
          throw MalformedHexException.at(
              line.number(),
              start + 1,
              quote(s.substring(start, p)) + " has no hex digits after it");
        }
        tokens.add(new Token(line, start + 1, s.substring(start, p), prefixed));
      }
    }
    byte[] bytes = tokens.isEmpty() ? new byte[0] : bytes(tokens, arrayLiteral);
    if (lengthLine != null) {
      Matcher m = XXD_I_LENGTH.matcher(lengthLine.text());
      m.matches();
      if (Long.parseLong(m.group(2)) != bytes.length) {
        throw MalformedHexException.onLine(
            lengthLine.number(),
            m.start(2) + 1,
            m.group(1) + " = " + m.group(2) + " but the array holds " + bytes.length + " bytes");
      }
    }
    return bytes;
  }

  private static byte[] bytes(List<Token> tokens, boolean arrayLiteral) {
    Token first = tokens.get(0);
    // Bare numbers in an array literal are decimal ({27, 0, ...}): read as hex they would be wrong.
    if (arrayLiteral && !first.prefixed()) {
      throw at(
          first,
          quote(first.text()) + " needs a 0x prefix: bare numbers in an array literal are decimal");
    }
    var out = new ByteArrayOutputStream();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.prefixed() != first.prefixed()) {
        throw at(
            t,
            quote(t.text())
                + (t.prefixed() ? " has a prefix" : " has no 0x prefix")
                + ", unlike the hex before it");
      }
      String digits = t.digits();
      if (digits.length() % 2 != 0) {
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        if (t.prefixed() && digits.length() == 1) {
          digits = "0" + digits; // C's 0x0 is a byte too
        } else if (!t.prefixed()
            && next != null
            && next.line().number() != t.line().number()
            && !next.prefixed()
            && next.digits().length() % 2 != 0) {
          digits += next.digits(); // a long hex stream wrapped in the middle of a byte
          i++;
        } else {
          throw at(t, oddDigits(t.text(), digits.length()));
        }
      }
      out.writeBytes(HEX.parseHex(digits));
    }
    return out.toByteArray();
  }

  /** Where a trailing {@code #} or {@code //} comment starts, or the line's length. */
  private static int commentStart(String s) {
    int hash = s.indexOf('#');
    int slashes = s.indexOf("//");
    int end = s.length();
    if (hash >= 0) {
      end = hash;
    }
    if (slashes >= 0 && slashes < end) {
      end = slashes;
    }
    return end;
  }

  /** Skips a C/Java declaration before '{': {@code unsigned char pkt[] =}, {@code new byte[]}. */
  private static int declarationEnd(String s, int end) {
    int brace = s.indexOf('{');
    if (brace <= 0 || brace >= end) {
      return 0;
    }
    String before = s.substring(0, brace).strip();
    return before.endsWith("=") || before.endsWith("]") ? brace : 0;
  }

  // ---- small helpers ---------------------------------------------------------------------------

  private static void requireHex(Line line, int from, String group) {
    for (int k = 0; k < group.length(); k++) {
      if (!HexFormat.isHexDigit(group.charAt(k))) {
        throw MalformedHexException.at(line.number(), from + k + 1, notHex(group.charAt(k)));
      }
    }
  }

  private static MalformedHexException at(Token t, String reason) {
    return MalformedHexException.at(t.line().number(), t.column(), reason);
  }

  private static String oddDigits(String text, int digits) {
    return quote(text) + " has an odd number of hex digits (" + digits + ")";
  }

  /** Names a character so that it can be found: invisible ones (zero-width space) by code point. */
  private static String notHex(char c) {
    boolean visible =
        !isSpace(c)
            && !Character.isISOControl(c)
            && !Character.isSurrogate(c)
            && Character.isDefined(c)
            && Character.getType(c) != Character.FORMAT;
    String shown =
        c == '\''
            ? "\"'\""
            : c < 0x7f && visible
                ? "'" + c + "'"
                : visible
                    ? String.format("'%c' (U+%04X)", c, (int) c)
                    : String.format("U+%04X", (int) c);
    return shown + " is not a hex digit";
  }

  /** Quotes text for a message, shortened so that the message stays one readable line. */
  private static String quote(String text) {
    return "'" + (text.length() > 20 ? text.substring(0, 16) + "..." : text) + "'";
  }

  private static int skipSpaces(String s, int from) {
    int p = from;
    while (p < s.length() && isSpace(s.charAt(p))) {
      p++;
    }
    return p;
  }

  /** Includes the no-break space that web pages and chat clients paste. */
  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
