package org.ntplab.lab;

/**
 * Lab 9: check the MAC of a reply to a signed request (RFC 5905 §7.3, RFC 8573). Implemented by
 * {@code org.ntplab.labs.mac.MacChecker}.
 */
public interface MacLab {

  /**
   * What the client finds in {@code reply} (a well-formed time packet) when its request was signed
   * with {@code key}: the first of {@link MacVerdict}'s cases that applies. The MAC is the 4-byte
   * key ID and the digest H(secret ‖ every byte before the MAC), where H is MD5 (16 bytes) or SHA-1
   * (20 bytes).
   */
  MacVerdict check(byte[] reply, MacKey key);
}
