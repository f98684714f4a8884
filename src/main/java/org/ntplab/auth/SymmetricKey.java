package org.ntplab.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.ntplab.wire.Mac;

/**
 * A key that client and server share for NTP's classic symmetric-key MAC (RFC 5905 §7.3, RFC 8573):
 * a key ID, a digest algorithm and the secret.
 *
 * <p>The MAC is key ID ‖ H(secret ‖ packet), where the packet is every byte before the MAC (header
 * and any extension fields). That is not HMAC; it is what ntpd, NTPsec and chronyd compute for MD5
 * and SHA1 keys, and the only thing that interoperates with them. SHA1's digest goes on the wire in
 * full, 20 bytes (RFC 8573 §3). AES-CMAC, which RFC 8573 recommends instead, is out of scope.
 *
 * <p>{@link #toString()} never shows the secret: keys end up in logs and test reports.
 */
public record SymmetricKey(long keyId, Algorithm algorithm, byte[] secret) {

  /** The largest key ID: 32 bits on the wire. (ntpd stops at 65535; chrony takes all of them.) */
  public static final long MAX_KEY_ID = 0xffff_ffffL;

  /** The digests this workbench signs with: a closed set. */
  public enum Algorithm {
    MD5("MD5", 16),
    SHA1("SHA-1", 20);

    private final String javaName;
    private final int digestLength;

    Algorithm(String javaName, int digestLength) {
      this.javaName = javaName;
      this.digestLength = digestLength;
    }

    /** Bytes of digest on the wire: 16 for MD5, 20 for SHA1. */
    public int digestLength() {
      return digestLength;
    }

    /**
     * The algorithm a keys file or option names: {@code MD5} (ntpd's older {@code M} too) or {@code
     * SHA1}, in any case.
     */
    public static Optional<Algorithm> named(String name) {
      return switch (name.toUpperCase(Locale.ROOT)) {
        case "MD5", "M" -> Optional.of(MD5);
        case "SHA1" -> Optional.of(SHA1);
        default -> Optional.empty();
      };
    }

    MessageDigest newDigest() {
      try {
        return MessageDigest.getInstance(javaName);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has " + javaName, e);
      }
    }
  }

  public SymmetricKey {
    if (keyId < 1 || keyId > MAX_KEY_ID) {
      throw new IllegalArgumentException(
          "key ID must be 1 to "
              + MAX_KEY_ID
              + ", not "
              + keyId
              + (keyId == 0 ? " (key ID 0 marks a crypto-NAK)" : ""));
    }
    if (secret.length == 0) {
      throw new IllegalArgumentException("key " + keyId + " is empty");
    }
    secret = secret.clone();
  }

  /**
   * A key as {@code inspect --key} takes it: {@code ID:TYPE:HEX}, such as {@code
   * 1:SHA1:000102030405060708090a0b0c0d0e0f10111213}.
   *
   * @throws IllegalArgumentException saying which part is wrong
   */
  public static SymmetricKey parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          parts.length
              + (parts.length == 1 ? " part" : " parts")
              + " separated by ':' (expected: ID:TYPE:HEX, such as 1:SHA1:0011...)");
    }
    long id;
    try {
      id = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "key ID '" + parts[0] + "' is not a number from 1 to " + MAX_KEY_ID);
    }
    Algorithm algorithm =
        Algorithm.named(parts[1])
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "type '" + parts[1] + "' is not MD5 or SHA1 (AES-CMAC is out of scope)"));
    String hex = parts[2];
    for (int i = 0; i < hex.length(); i++) {
      if (!HexFormat.isHexDigit(hex.charAt(i))) { // said by position: the secret is not echoed
        throw new IllegalArgumentException("key: character " + (i + 1) + " is not a hex digit");
      }
    }
    if (hex.isEmpty() || hex.length() % 2 != 0) {
      throw new IllegalArgumentException(
          "key: " + hex.length() + " hex digits (expected: an even number, 2 or more)");
    }
    byte[] secret = HexFormat.of().parseHex(hex);
    return new SymmetricKey(id, algorithm, secret);
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  /** H(secret ‖ the first {@code length} bytes of {@code packet}). */
  public byte[] digest(byte[] packet, int length) {
    MessageDigest digest = algorithm.newDigest();
    digest.update(secret);
    digest.update(packet, 0, length);
    return digest.digest();
  }

  /** The MAC for {@code packet}, all of whose bytes are signed. */
  public Mac mac(byte[] packet) {
    return new Mac(keyId, digest(packet, packet.length));
  }

  /** {@code packet} with its MAC appended: what goes on the wire. */
  public byte[] sign(byte[] packet) {
    Mac mac = mac(packet);
    return ByteBuffer.allocate(packet.length + mac.length())
        .put(packet)
        .putInt((int) keyId)
        .put(mac.digest())
        .array();
  }

  /**
   * Whether {@code mac} is this key's MAC over the first {@code length} bytes of {@code packet}.
   * The digests are compared in constant time, so the time taken tells a forger nothing about how
   * many leading bytes were right.
   */
  public boolean verifies(byte[] packet, int length, Mac mac) {
    return mac.keyId() == keyId && MessageDigest.isEqual(digest(packet, length), mac.digest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SymmetricKey other
        && keyId == other.keyId
        && algorithm == other.algorithm
        && MessageDigest.isEqual(secret, other.secret);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(keyId) * 31 + algorithm.hashCode();
  }

  /** {@code SymmetricKey[keyId=1, SHA1, 20-byte secret]}: never the secret itself. */
  @Override
  public String toString() {
    return "SymmetricKey[keyId="
        + keyId
        + ", "
        + algorithm
        + ", "
        + secret.length
        + "-byte secret]";
  }
}
