package org.ntplab.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AesSivTest {

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }

  /**
   * RFC 5297 A.1, deterministic: one associated-data component and no nonce. The nonce is only the
   * last component of S2V's input, so passing A.1's AD as the nonce computes the same thing.
   */
  @Test
  void rfc5297A1() {
    AesSiv siv =
        new AesSiv(
            Aead.AES_SIV_CMAC_256,
            hex("fffefdfc fbfaf9f8 f7f6f5f4 f3f2f1f0 f0f1f2f3 f4f5f6f7 f8f9fafb fcfdfeff"));
    byte[] ad = hex("10111213 14151617 18191a1b 1c1d1e1f 20212223 24252627");
    byte[] plaintext = hex("11223344 55667788 99aabbcc ddee");
    byte[] expected = hex("85632d07 c6e8f37f 950acd32 0a2ecc93 40c02b96 90c4dc04 daef7f6a fe5c");
    assertArrayEquals(expected, siv.seal(ad, plaintext));
    assertArrayEquals(plaintext, siv.open(ad, expected).orElseThrow());
  }

  /** RFC 5297 A.2, nonce-based: two associated-data components, then the nonce, as NTS uses it. */
  @Test
  void rfc5297A2() {
    AesSiv siv =
        new AesSiv(
            Aead.AES_SIV_CMAC_256,
            hex("7f7e7d7c 7b7a7978 77767574 73727170 40414243 44454647 48494a4b 4c4d4e4f"));
    byte[] ad1 =
        hex(
            "00112233 44556677 8899aabb ccddeeff deaddada deaddada ffeeddcc bbaa9988"
                + " 77665544 33221100");
    byte[] ad2 = hex("10203040 50607080 90a0");
    byte[] nonce = hex("09f91102 9d74e35b d84156c5 635688c0");
    byte[] plaintext =
        hex(
            "74686973 20697320 736f6d65 20706c61 696e7465 78742074 6f20656e 63727970"
                + " 74207573 696e6720 5349562d 414553");
    byte[] expected =
        hex(
            "7bdb6e3b 432667eb 06f4d14b ff2fbd0f cb900f2f ddbe4043 26601965 c889bf17"
                + " dba77ceb 094fa663 b7a3f748 ba8af829 ea64ad54 4a272e9c 485b62a3 fd5c0d");
    assertArrayEquals(expected, siv.seal(nonce, plaintext, ad1, ad2));
    assertArrayEquals(plaintext, siv.open(nonce, expected, ad1, ad2).orElseThrow());
  }

  @Test
  void aFlippedBitOrAnotherNonceDoesNotOpen() {
    AesSiv siv = new AesSiv(Aead.AES_SIV_CMAC_512, new byte[64]);
    byte[] nonce = new byte[16];
    byte[] sealed = siv.seal(nonce, new byte[] {1, 2, 3}, new byte[] {9});
    assertEquals(3 + AesSiv.TAG_LENGTH, sealed.length);
    sealed[17] ^= 1;
    assertTrue(siv.open(nonce, sealed, new byte[] {9}).isEmpty());
    sealed[17] ^= 1;
    assertTrue(siv.open(new byte[16], sealed, new byte[] {9}).isPresent());
    assertTrue(siv.open(new byte[] {1}, sealed, new byte[] {9}).isEmpty());
    assertTrue(siv.open(nonce, new byte[5]).isEmpty());
  }

  @Test
  void keysOfTheWrongLengthAreRefusedInOneLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new AesSiv(Aead.AES_SIV_CMAC_256, new byte[64]));
    assertEquals("AES-SIV-CMAC-256 (15) takes a 32-byte key, not 64 bytes", e.getMessage());
    assertEquals(
        "AEAD 18 is not AES-SIV-CMAC (expected: 15, 16 or 17)",
        assertThrows(IllegalArgumentException.class, () -> Aead.of(18)).getMessage());
  }
}
