package org.ntplab.labs.mac;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ntplab.lab.MacKey;
import org.ntplab.lab.MacLab;
import org.ntplab.lab.MacVerdict;

/** Lab 9, solved: find the MAC behind the extension fields, then recompute H(secret ‖ packet). */
public class MacChecker implements MacLab {

  private static final int HEADER = 48;
  private static final int MAX_MAC = 24;

  @Override
  public MacVerdict check(byte[] reply, MacKey key) {
    int start = macStart(reply);
    int length = reply.length - start;
    if (length == 0) {
      return MacVerdict.MISSING;
    }
    if (length == 4) {
      return MacVerdict.CRYPTO_NAK; // key ID only, whatever the ID
    }
    long keyId = ((long) (reply[start] & 0xff) << 24) | (reply[start + 1] & 0xff) << 16
        | (reply[start + 2] & 0xff) << 8 | reply[start + 3] & 0xff;
    if (keyId != key.keyId()) {
      return MacVerdict.WRONG_KEY_ID;
    }
    MessageDigest digest = digest(key.algorithm());
    digest.update(key.secret());
    digest.update(reply, 0, start); // header and extension fields: everything before the MAC
    byte[] expected = digest.digest();
    byte[] actual = new byte[length - 4];
    System.arraycopy(reply, start + 4, actual, 0, actual.length);
    // Constant time: how long the comparison takes must not tell a forger how much was right.
    return MessageDigest.isEqual(expected, actual) ? MacVerdict.VERIFIED : MacVerdict.BAD_DIGEST;
  }

  /** Where the MAC starts: after the header and, in NTPv4, the extension fields (RFC 7822 §7.5). */
  private static int macStart(byte[] b) {
    int at = HEADER;
    while (b.length - at > MAX_MAC) {
      int length = (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
      if (length < 16) { // RFC 7822: at least 16 bytes; anything less would never move on
        throw new IllegalArgumentException("extension field at byte " + at + " is " + length + " bytes long");
      }
      at += length;
    }
    return at;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("SHA1") ? "SHA-1" : algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("no digest " + algorithm, e);
    }
  }
}
