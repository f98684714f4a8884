package org.ntplab.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.testing.SignedExchanges.hex;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntplab.auth.SymmetricKey.Algorithm;
import org.ntplab.testing.SignedExchanges;
import org.ntplab.wire.Mac;

/**
 * The MAC is key ID ‖ H(key ‖ packet). Expected digests were computed independently, with Python:
 * {@code hashlib.md5(key + packet).hexdigest()} and {@code hashlib.sha1(...)}, over the request
 * {@code 23}, 39 zero bytes, transmit {@code eeacbd2e61faa000}; and against chronyd's own replies.
 */
class SymmetricKeyTest {

  static final byte[] PACKET = hex("23" + "00".repeat(39) + "eeacbd2e61faa000");
  static final byte[] TULIP = "tulip".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest(name = "{0} with key {1}")
  @CsvSource({
    "MD5,  0102030405060708090a0b0c0d0e0f10,         d9c5adf032734b5de9397abf1ed2f1b7",
    "SHA1, 000102030405060708090a0b0c0d0e0f10111213, 0c96adbffaaf06c98f42d7b3ebad066ccf168ef0",
    "MD5,  74756c6970,                               5edcd1ab8ea4a1caf4e6af71d7f7fdf6",
    "SHA1, 74756c6970,                               4c1a21fb044272e8406f50f46faac5f78da21d12",
  })
  void digestIsTheHashOfKeyThenPacket(Algorithm algorithm, String key, String expected) {
    SymmetricKey k = new SymmetricKey(7, algorithm, hex(key));
    assertEquals(expected, HexFormat.of().formatHex(k.digest(PACKET, PACKET.length)));
    assertEquals(
        algorithm.digestLength(),
        k.mac(PACKET).digest().length,
        "SHA1 in full, 20 bytes (RFC 8573)");
  }

  @Test
  void signAppendsTheKeyIdAndTheDigest() {
    SymmetricKey key = new SymmetricKey(0x01020304L, Algorithm.SHA1, TULIP);
    byte[] signed = key.sign(PACKET);
    assertEquals(48 + 24, signed.length);
    assertArrayEquals(PACKET, Arrays.copyOf(signed, 48));
    assertEquals(
        "01020304" + "4c1a21fb044272e8406f50f46faac5f78da21d12",
        HexFormat.of().formatHex(Arrays.copyOfRange(signed, 48, 72)));
  }

  @Test
  void keyIdsAbove2To31AreUnsignedOnTheWire() {
    SymmetricKey key = new SymmetricKey(SymmetricKey.MAX_KEY_ID, Algorithm.MD5, TULIP);
    byte[] signed = key.sign(PACKET);
    assertEquals("ffffffff", HexFormat.of().formatHex(Arrays.copyOfRange(signed, 48, 52)));
    assertTrue(
        key.verifies(
            signed, 48, new Mac(SymmetricKey.MAX_KEY_ID, Arrays.copyOfRange(signed, 52, 68))));
  }

  @Test
  void signsExactlyAsChronydDoes() {
    byte[] md5Request = hex(SignedExchanges.MD5_REQUEST);
    assertArrayEquals(md5Request, SignedExchanges.MD5_KEY.sign(Arrays.copyOf(md5Request, 48)));
    byte[] sha1Request = hex(SignedExchanges.SHA1_REQUEST);
    assertArrayEquals(sha1Request, SignedExchanges.SHA1_KEY.sign(Arrays.copyOf(sha1Request, 48)));
    byte[] md5Reply = hex(SignedExchanges.MD5_REPLY);
    assertArrayEquals(
        md5Reply, SignedExchanges.MD5_KEY.sign(Arrays.copyOf(md5Reply, 48)), "chronyd's own MAC");
    byte[] sha1Reply = hex(SignedExchanges.SHA1_REPLY);
    assertArrayEquals(
        sha1Reply,
        SignedExchanges.SHA1_KEY.sign(Arrays.copyOf(sha1Reply, 48)),
        "chronyd's own MAC");
  }

  @Test
  void verifiesOnlyTheSameKeyIdDigestAndBytes() {
    SymmetricKey key = SignedExchanges.SHA1_KEY;
    byte[] reply = hex(SignedExchanges.SHA1_REPLY);
    Mac mac = new Mac(2, Arrays.copyOfRange(reply, 52, 72));
    assertTrue(key.verifies(reply, 48, mac));

    byte[] altered = reply.clone();
    altered[47] ^= 1; // the last bit of the transmit timestamp
    assertFalse(key.verifies(altered, 48, mac), "an altered packet");
    assertFalse(key.verifies(reply, 48, new Mac(3, mac.digest())), "another key ID");
    byte[] wrongDigest = mac.digest();
    wrongDigest[19] ^= (byte) 0x80;
    assertFalse(key.verifies(reply, 48, new Mac(2, wrongDigest)), "the digest's last byte differs");
    assertFalse(
        key.verifies(reply, 48, new Mac(2, Arrays.copyOf(mac.digest(), 16))),
        "a truncated (MD5-length) digest");
    assertFalse(
        new SymmetricKey(2, Algorithm.SHA1, TULIP).verifies(reply, 48, mac), "another secret");
  }

  @ParameterizedTest
  @CsvSource({
    "1:MD5:0102030405060708090a0b0c0d0e0f10, 1, MD5, 16",
    "65536:sha1:00010203040506070809, 65536, SHA1, 10",
    "4294967295:M:ABCDEF, 4294967295, MD5, 3",
  })
  void parsesIdTypeHex(String text, long id, Algorithm algorithm, int length) {
    SymmetricKey key = SymmetricKey.parse(text);
    assertEquals(id, key.keyId());
    assertEquals(algorithm, key.algorithm());
    assertEquals(length, key.secret().length);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1:MD5                 | 2 parts separated by ':' (expected: ID:TYPE:HEX",
        "1:MD5:00:11           | 4 parts separated by ':'",
        "x:MD5:0011            | key ID 'x' is not a number from 1 to 4294967295",
        "0:MD5:0011            | key ID must be 1 to 4294967295, not 0 (key ID 0 marks a crypto-NAK)",
        "4294967296:MD5:0011   | key ID must be 1 to 4294967295, not 4294967296",
        "1:AES128CMAC:0011     | type 'AES128CMAC' is not MD5 or SHA1 (AES-CMAC is out of scope)",
        "1:SHA256:0011         | type 'SHA256' is not MD5 or SHA1",
        "1:MD5:00s3cr3t        | key: character 3 is not a hex digit",
        "1:MD5:001             | key: 3 hex digits (expected: an even number, 2 or more)",
        "1:MD5:                | key: 0 hex digits",
      })
  void parseSaysWhichPartIsWrong(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SymmetricKey.parse(text));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t"), "the secret is never echoed: " + e.getMessage());
  }

  @Test
  void toStringNeverShowsTheSecret() {
    SymmetricKey key = new SymmetricKey(5, Algorithm.MD5, TULIP);
    assertEquals("SymmetricKey[keyId=5, MD5, 5-byte secret]", key.toString());
    assertEquals("Keyring[1 key: 5 MD5]", Keyring.of(key).toString());
  }

  @Test
  void isAValueThatKeepsItsSecretToItself() {
    byte[] secret = TULIP.clone();
    SymmetricKey key = new SymmetricKey(5, Algorithm.MD5, secret);
    secret[0] = 'X';
    key.secret()[1] = 'X';
    assertArrayEquals(TULIP, key.secret());
    assertEquals(new SymmetricKey(5, Algorithm.MD5, TULIP), key);
    assertEquals(new SymmetricKey(5, Algorithm.MD5, TULIP).hashCode(), key.hashCode());
    assertNotEquals(new SymmetricKey(5, Algorithm.SHA1, TULIP), key);
    assertThrows(
        IllegalArgumentException.class, () -> new SymmetricKey(5, Algorithm.MD5, new byte[0]));
  }

  @Test
  void keyringFindsByIdAndRefusesTwoKeysWithOneId() {
    Keyring keys = Keyring.of(SignedExchanges.SHA1_KEY, SignedExchanges.MD5_KEY);
    assertEquals(SignedExchanges.MD5_KEY, keys.find(1).orElseThrow());
    assertTrue(keys.find(0).isEmpty());
    assertEquals(java.util.List.of(1L, 2L), keys.ids());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Keyring.of(SignedExchanges.MD5_KEY, new SymmetricKey(1, Algorithm.SHA1, TULIP)));
    assertEquals("two keys with ID 1", e.getMessage());
  }
}
