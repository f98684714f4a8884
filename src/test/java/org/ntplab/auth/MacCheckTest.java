package org.ntplab.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ntplab.testing.SignedExchanges.hex;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.ntplab.auth.SymmetricKey.Algorithm;
import org.ntplab.testing.SignedExchanges;
import org.ntplab.wire.NtpCodec;

/** Each thing a client can find in a reply to a signed request, on chronyd's real replies. */
class MacCheckTest {

  static MacCheck check(SymmetricKey key, byte[] reply) {
    return MacCheck.of(key, reply, NtpCodec.decodePacket(reply));
  }

  @Test
  void chronydsRepliesVerify() {
    assertEquals(MacCheck.VERIFIED, check(SignedExchanges.MD5_KEY, hex(SignedExchanges.MD5_REPLY)));
    assertEquals(
        MacCheck.VERIFIED, check(SignedExchanges.SHA1_KEY, hex(SignedExchanges.SHA1_REPLY)));
  }

  @Test
  void aReplyWithoutMacIsMissingOne() {
    assertEquals(
        MacCheck.MISSING,
        check(SignedExchanges.MD5_KEY, Arrays.copyOf(hex(SignedExchanges.MD5_REPLY), 48)));
  }

  @Test
  void fourBytesOfKeyIdAloneAreACryptoNak() {
    byte[] nak = Arrays.copyOf(hex(SignedExchanges.MD5_REPLY), 52);
    Arrays.fill(nak, 48, 52, (byte) 0);
    assertEquals(MacCheck.CRYPTO_NAK, check(SignedExchanges.MD5_KEY, nak));
  }

  @Test
  void aMacUnderAnotherKeyIdIsNotOurs() {
    byte[] reply = hex(SignedExchanges.MD5_REPLY);
    assertEquals(
        MacCheck.WRONG_KEY_ID,
        check(new SymmetricKey(9, Algorithm.MD5, SignedExchanges.MD5_KEY.secret()), reply));
  }

  @Test
  void aDigestThatDiffersInOneBitOrInLengthIsBad() {
    byte[] altered = hex(SignedExchanges.MD5_REPLY);
    altered[40] ^= 1; // the transmit timestamp, after signing
    assertEquals(MacCheck.BAD_DIGEST, check(SignedExchanges.MD5_KEY, altered));
    SymmetricKey sha1UnderId1 =
        new SymmetricKey(1, Algorithm.SHA1, SignedExchanges.MD5_KEY.secret());
    assertEquals(
        MacCheck.BAD_DIGEST,
        check(sha1UnderId1, hex(SignedExchanges.MD5_REPLY)),
        "a 16-byte digest for a SHA1 key");
    SymmetricKey otherSecret = new SymmetricKey(1, Algorithm.MD5, new byte[] {1, 2, 3});
    assertEquals(MacCheck.BAD_DIGEST, check(otherSecret, hex(SignedExchanges.MD5_REPLY)));
  }
}
