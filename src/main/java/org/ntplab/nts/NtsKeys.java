package org.ntplab.nts;

import java.util.HexFormat;

/**
 * The keys NTS-KE exports for one association (RFC 8915 §5.1): the client's requests are sealed
 * with {@code c2s}, the server's replies with {@code s2c}, both for {@code aead}.
 */
public record NtsKeys(Aead aead, byte[] c2s, byte[] s2c) {

  public NtsKeys {
    c2s = checked(aead, "C2S", c2s);
    s2c = checked(aead, "S2C", s2c);
  }

  /** Keys as people write them: AEAD id and hex; bad hex or length is refused in one line. */
  public static NtsKeys parse(int aeadId, String c2sHex, String s2cHex) {
    Aead aead = Aead.of(aeadId);
    return new NtsKeys(aead, hex("C2S", c2sHex), hex("S2C", s2cHex));
  }

  /** The cipher that seals requests (the client) and opens them (the server). */
  public AesSiv clientToServer() {
    return new AesSiv(aead, c2s);
  }

  /** The cipher that seals replies (the server) and opens them (the client). */
  public AesSiv serverToClient() {
    return new AesSiv(aead, s2c);
  }

  @Override
  public byte[] c2s() {
    return c2s.clone();
  }

  @Override
  public byte[] s2c() {
    return s2c.clone();
  }

  /** Hex of the C2S key, as fixtures and the command line write it. */
  public String c2sHex() {
    return HexFormat.of().formatHex(c2s);
  }

  public String s2cHex() {
    return HexFormat.of().formatHex(s2c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NtsKeys other
        && aead == other.aead
        && java.util.Arrays.equals(c2s, other.c2s)
        && java.util.Arrays.equals(s2c, other.s2c);
  }

  @Override
  public int hashCode() {
    return aead.hashCode() * 31 + java.util.Arrays.hashCode(c2s);
  }

  /** Keys stay out of logs and exception messages. */
  @Override
  public String toString() {
    return "NtsKeys[" + aead + ", keys hidden]";
  }

  private static byte[] checked(Aead aead, String which, byte[] key) {
    if (key.length != aead.keyLength()) {
      throw new IllegalArgumentException(
          which
              + " key is "
              + key.length
              + " bytes; "
              + aead
              + " needs "
              + aead.keyLength()
              + " ("
              + 2 * aead.keyLength()
              + " hex digits)");
    }
    return key.clone();
  }

  private static byte[] hex(String which, String text) {
    String digits = text.replaceAll("\\s", "");
    try {
      return HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          which
              + " key is not hex: "
              + (digits.length() % 2 == 1
                  ? "odd number of digits"
                  : "a character other than 0-9, a-f"));
    }
  }
}
