package org.ntplab.testing;

import java.util.HexFormat;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.auth.SymmetricKey.Algorithm;

/**
 * Signed exchanges with chronyd 4.3 (local stratum 3, keyfile {@code 1 MD5 HEX:0102...10} and
 * {@code 2 SHA1 HEX:0001...13}), captured on loopback: the request carries the nonce {@code
 * 6b8b4567327b23c6} and a MAC computed with Python's hashlib, the reply is chronyd's own. They show
 * that a digest computed the way {@link SymmetricKey} does is the one chronyd accepts and makes.
 */
public final class SignedExchanges {

  public static final SymmetricKey MD5_KEY =
      new SymmetricKey(1, Algorithm.MD5, hex("0102030405060708090a0b0c0d0e0f10"));
  public static final SymmetricKey SHA1_KEY =
      new SymmetricKey(2, Algorithm.SHA1, hex("000102030405060708090a0b0c0d0e0f10111213"));

  /** The transmit field of both requests. */
  public static final long NONCE = 0x6b8b4567327b23c6L;

  public static final String MD5_REQUEST =
      "23000000 00000000 00000000 00000000 00000000 00000000"
          + " 00000000 00000000 00000000 00000000 6b8b4567 327b23c6"
          + " 00000001 3503e88f 6d1d4ce5 7aa714d9 0f036fa7";
  public static final String MD5_REPLY =
      "240300e7 00000000 00000000 7f7f0101 eeacdb2f b2c50d8c"
          + " 6b8b4567 327b23c6 eeacdb31 5b81ca25 eeacdb31 5b8ac7ea"
          + " 00000001 ec4b0d9a b0ff7531 88603e0b 4fdad1e0";

  public static final String SHA1_REQUEST =
      "23000000 00000000 00000000 00000000 00000000 00000000"
          + " 00000000 00000000 00000000 00000000 6b8b4567 327b23c6"
          + " 00000002 774b607a f827e213 2945950c 5d786e52 aca1e626";
  public static final String SHA1_REPLY =
      "240300e7 00000000 00000000 7f7f0101 eeacdb2f b2c50d8c"
          + " 6b8b4567 327b23c6 eeacdb31 5ba1d4b9 eeacdb31 5baa03d4"
          + " 00000002 daa632b2 a149b7a7 0420cfb7 0cd178fa aa6a26c8";

  private SignedExchanges() {}

  /** Hex with spaces between words, as above, to bytes. */
  public static byte[] hex(String words) {
    return HexFormat.of().parseHex(words.replace(" ", ""));
  }
}
