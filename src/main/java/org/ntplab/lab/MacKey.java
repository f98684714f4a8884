package org.ntplab.lab;

import java.util.Arrays;

/**
 * A symmetric key as client and server share it (an ntp.keys or chrony.keys line).
 *
 * @param keyId 1..2^32-1
 * @param algorithm {@code "MD5"} or {@code "SHA1"}; Java's {@code MessageDigest} calls them {@code
 *     "MD5"} and {@code "SHA-1"}
 * @param secret the key's bytes
 */
public record MacKey(long keyId, String algorithm, byte[] secret) {

  public MacKey {
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MacKey k
        && keyId == k.keyId
        && algorithm.equals(k.algorithm)
        && Arrays.equals(secret, k.secret);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(keyId) * 31 + Arrays.hashCode(secret);
  }

  /** The grader shows the call with this: the secret as hex, so a student can rerun the case. */
  @Override
  public String toString() {
    StringBuilder hex = new StringBuilder();
    for (byte b : secret) {
      hex.append(String.format("%02x", b));
    }
    return "new MacKey("
        + keyId
        + ", \""
        + algorithm
        + "\", HexFormat.of().parseHex(\""
        + hex
        + "\"))";
  }
}
