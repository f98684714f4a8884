package org.ntplab.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A message authentication code trailer (RFC 5905 §7.3): 32-bit key ID and a digest of 16 bytes
 * (MD5, or AES-CMAC) or 20 bytes (SHA-1); NTPv3 and older also had an 8-byte DES-CBC digest (RFC
 * 1305 Appendix C). A key ID alone, with no digest, is a crypto-NAK: the peer could not
 * authenticate the request (key ID 0 in practice).
 */
public record Mac(long keyId, byte[] digest) {

  public Mac {
    if (keyId < 0 || keyId > 0xffff_ffffL) {
      throw new IllegalArgumentException("MAC key ID out of range 0..2^32-1: " + keyId);
    }
    if (digest.length != 0 && digest.length != 8 && digest.length != 16 && digest.length != 20) {
      throw new IllegalArgumentException(
          "MAC digest must be 0, 8, 16 or 20 bytes: " + digest.length);
    }
    digest = digest.clone();
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  public boolean isCryptoNak() {
    return digest.length == 0;
  }

  /** Bytes on the wire: 4 for the key ID plus the digest. */
  public int length() {
    return 4 + digest.length;
  }

  /**
   * The digest algorithm its length implies: DES for 8 bytes, MD5 for 16 (or AES-128-CMAC), SHA1
   * for 20.
   */
  public Optional<String> algorithm() {
    return switch (digest.length) {
      case 8 -> Optional.of("DES");
      case 16 -> Optional.of("MD5");
      case 20 -> Optional.of("SHA1");
      default -> Optional.empty();
    };
  }

  public String digestHex() {
    return HexFormat.of().formatHex(digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mac other && keyId == other.keyId && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(keyId) * 31 + Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return isCryptoNak()
        ? "Mac[crypto-NAK, keyId=" + keyId + "]"
        : "Mac[keyId=" + keyId + ", digest=" + digestHex() + "]";
  }
}
