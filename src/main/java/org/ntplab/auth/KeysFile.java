package org.ntplab.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the keys files users already have: ntpd's and NTPsec's {@code ntp.keys} and chrony's {@code
 * keyfile}. One key a line, {@code ID TYPE KEY}; TYPE is MD5 (ntpd's {@code M} too) or SHA1.
 *
 * <ul>
 *   <li>{@link Format#NTPD}: {@code #} starts a comment anywhere. A KEY of at most 20 characters is
 *       ASCII; a longer one is hex (40 digits for a 20-byte key, at most 64).
 *   <li>{@link Format#CHRONY}: a line starting with {@code #}, {@code !}, {@code ;} or {@code %} is
 *       a comment. TYPE may be left out (MD5). KEY is {@code HEX:0102...}, {@code ASCII:text}, or
 *       plain text, which is ASCII at any length.
 * </ul>
 *
 * <p>The two disagree on one thing: a plain key longer than 20 characters is hex to ntpd and ASCII
 * to chrony. {@link #read(Path)} therefore reads a file as chrony's when any line uses {@code HEX:}
 * or {@code ASCII:} or leaves out the type, else as ntpd's. Key IDs go up to 2^32−1 as chrony
 * allows (ntpd stops at 65535). Another algorithm (AES-CMAC, SHA256...) is an error, not a skipped
 * line: a server that silently lacked a key would answer it with crypto-NAKs.
 */
public final class KeysFile {

  /** Which program's rules a file follows. */
  public enum Format {
    NTPD,
    CHRONY;

    /** CHRONY when any line uses a HEX:/ASCII: key or has no type, else NTPD. */
    static Format detect(List<String> lines) {
      for (String line : lines) {
        String[] fields = fields(stripChronyComment(line));
        if (fields.length == 2
            || (fields.length == 3 && (fields[2].startsWith(HEX) || fields[2].startsWith(ASCII)))) {
          return CHRONY;
        }
      }
      return NTPD;
    }
  }

  private static final String HEX = "HEX:";
  private static final String ASCII = "ASCII:";
  private static final int NTPD_MAX_ASCII = 20;
  private static final int NTPD_MAX_HEX_DIGITS = 64;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private KeysFile() {}

  /**
   * Reads {@code file}, in the format it is written in.
   *
   * @throws KeysFileException naming the file, line and field of the first mistake
   * @throws IOException when the file cannot be read
   */
  public static Keyring read(Path file) throws IOException {
    // Latin-1 maps every byte to a character, so a stray non-ASCII byte is reported by line and
    // position like any other mistake instead of failing the whole read as undecodable.
    return parse(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString());
  }

  /**
   * Reads {@code text} as {@link Format#detect detected}; {@code name} is what errors call the
   * file.
   */
  public static Keyring parse(String text, String name) {
    List<String> lines = text.lines().toList();
    return parse(lines, name, Format.detect(lines));
  }

  /** Reads {@code text} by the rules of {@code format}. */
  public static Keyring parse(String text, String name, Format format) {
    return parse(text.lines().toList(), name, format);
  }

  private static Keyring parse(List<String> lines, String name, Format format) {
    Map<Long, SymmetricKey> keys = new LinkedHashMap<>();
    Map<Long, Integer> definedOn = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int number = i + 1;
      Optional<SymmetricKey> key = line(lines.get(i), format, name, number);
      if (key.isEmpty()) {
        continue;
      }
      long id = key.get().keyId();
      if (definedOn.containsKey(id)) {
        throw new KeysFileException(
            name,
            number,
            "key ID",
            "key " + id + " is already defined on line " + definedOn.get(id));
      }
      definedOn.put(id, number);
      keys.put(id, key.get());
    }
    return new Keyring(keys);
  }

  private static Optional<SymmetricKey> line(String line, Format format, String name, int number) {
    String[] fields =
        fields(format == Format.NTPD ? stripNtpdComment(line) : stripChronyComment(line));
    if (fields.length == 0) {
      return Optional.empty();
    }
    boolean typeOptional = format == Format.CHRONY;
    if (fields.length > 3 || fields.length < (typeOptional ? 2 : 3)) {
      throw new KeysFileException(
          name,
          number,
          "",
          fields.length
              + (fields.length == 1 ? " field" : " fields")
              + " (expected: ID TYPE KEY"
              + (typeOptional ? ", or ID KEY for MD5" : "")
              + ")");
    }
    long id = keyId(fields[0], name, number);
    String typeName = fields.length == 3 ? fields[1] : "MD5";
    SymmetricKey.Algorithm algorithm =
        SymmetricKey.Algorithm.named(typeName)
            .orElseThrow(
                () ->
                    new KeysFileException(
                        name,
                        number,
                        "type",
                        "'"
                            + typeName
                            + "' is not supported (expected: MD5, M or SHA1;"
                            + " AES-CMAC and the SHA-2 family are out of scope)"));
    String keyText = fields[fields.length - 1];
    byte[] secret =
        format == Format.NTPD ? ntpdKey(keyText, name, number) : chronyKey(keyText, name, number);
    return Optional.of(new SymmetricKey(id, algorithm, secret));
  }

  private static long keyId(String text, String name, int number) {
    long id;
    try {
      id = Long.parseLong(text);
    } catch (NumberFormatException e) {
      id = -1;
    }
    if (id < 1 || id > SymmetricKey.MAX_KEY_ID) {
      throw new KeysFileException(
          name,
          number,
          "key ID",
          "'" + text + "' is not a number from 1 to " + SymmetricKey.MAX_KEY_ID);
    }
    return id;
  }

  private static byte[] ntpdKey(String text, String name, int number) {
    if (text.length() <= NTPD_MAX_ASCII) {
      return ascii(text, name, number);
    }
    if (text.length() > NTPD_MAX_HEX_DIGITS) {
      throw new KeysFileException(
          name,
          number,
          "key",
          text.length()
              + " hex digits: at most "
              + NTPD_MAX_HEX_DIGITS
              + " (ntpd would silently use only the first "
              + NTPD_MAX_HEX_DIGITS
              + ")");
    }
    return hex(
        text,
        name,
        number,
        " (ntpd's format: a key over 20 characters is hex; for chrony's, write ASCII:...)");
  }

  private static byte[] chronyKey(String text, String name, int number) {
    if (text.startsWith(HEX)) {
      return hex(text.substring(HEX.length()), name, number, "");
    }
    return ascii(text.startsWith(ASCII) ? text.substring(ASCII.length()) : text, name, number);
  }

  private static byte[] ascii(String text, String name, int number) {
    if (text.isEmpty()) {
      throw new KeysFileException(name, number, "key", "empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new KeysFileException(
            name,
            number,
            "key",
            String.format("character %d is not printable ASCII (U+%04X)", i + 1, (int) c));
      }
    }
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Hex digits to bytes; a mistake is told by position, never by echoing the secret. */
  private static byte[] hex(String digits, String name, int number, String hint) {
    if (digits.isEmpty()) {
      throw new KeysFileException(name, number, "key", "no hex digits");
    }
    for (int i = 0; i < digits.length(); i++) {
      if (!HexFormat.isHexDigit(digits.charAt(i))) {
        throw new KeysFileException(
            name, number, "key", "character " + (i + 1) + " is not a hex digit" + hint);
      }
    }
    if (digits.length() % 2 != 0) {
      throw new KeysFileException(
          name, number, "key", digits.length() + " hex digits: an odd number, so not whole bytes");
    }
    return HexFormat.of().parseHex(digits);
  }

  private static String[] fields(String line) {
    String trimmed = line.strip();
    return trimmed.isEmpty() ? new String[0] : WHITESPACE.split(trimmed);
  }

  private static String stripNtpdComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  /** chrony's {@code CPS_NormalizeLine}: only a whole line is a comment, by its first character. */
  private static String stripChronyComment(String line) {
    String trimmed = line.strip();
    return !trimmed.isEmpty() && "#!;%".indexOf(trimmed.charAt(0)) >= 0 ? "" : trimmed;
  }
}
