package org.ntplab.grading;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ntplab.lab.MacKey;
import org.ntplab.lab.MacLab;
import org.ntplab.lab.MacVerdict;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/** Lab 9's hand-written students: a correct one (leaning on the reference) and classic mistakes. */
final class MacStudents {

  private MacStudents() {}

  static class MacChecker implements MacLab {
    @Override
    public MacVerdict check(byte[] reply, MacKey key) {
      return MacExercises.verdict(reply, key);
    }
  }

  /**
   * H(packet ‖ secret): the secret after the packet, as a length-extension-safe MAC would want, but
   * not NTP's.
   */
  static class SecretLast extends MacChecker {
    @Override
    public MacVerdict check(byte[] reply, MacKey key) {
      MacVerdict verdict = super.check(reply, key);
      if (verdict != MacVerdict.VERIFIED && verdict != MacVerdict.BAD_DIGEST) {
        return verdict;
      }
      NtpPacket packet = NtpCodec.decodePacket(reply);
      int start = reply.length - packet.mac().get().length();
      try {
        MessageDigest digest =
            MessageDigest.getInstance(key.algorithm().equals("SHA1") ? "SHA-1" : "MD5");
        digest.update(reply, 0, start);
        digest.update(key.secret());
        return MessageDigest.isEqual(digest.digest(), packet.mac().get().digest())
            ? MacVerdict.VERIFIED
            : MacVerdict.BAD_DIGEST;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The MAC's key ID read into an int: 2^31 and up come out negative and match no key. */
  static class SignedKeyId extends MacChecker {
    @Override
    public MacVerdict check(byte[] reply, MacKey key) {
      MacVerdict verdict = super.check(reply, key);
      NtpPacket packet = NtpCodec.decodePacket(reply);
      if (packet.mac().isEmpty() || packet.mac().get().isCryptoNak()) {
        return verdict;
      }
      int keyId =
          java.nio.ByteBuffer.wrap(reply).getInt(reply.length - packet.mac().get().length());
      return keyId != key.keyId() ? MacVerdict.WRONG_KEY_ID : verdict;
    }
  }

  /** A crypto-NAK read as a MAC of key ID 0: "another key". */
  static class NakIsWrongKey extends MacChecker {
    @Override
    public MacVerdict check(byte[] reply, MacKey key) {
      MacVerdict verdict = super.check(reply, key);
      return verdict == MacVerdict.CRYPTO_NAK ? MacVerdict.WRONG_KEY_ID : verdict;
    }
  }
}
