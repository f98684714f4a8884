package org.ntplab.nts;

import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * AES-SIV-CMAC (RFC 5297) as NTS uses it (RFC 8915 §5.6): the associated data and then the nonce as
 * the last component of S2V's input, the 16-byte synthetic IV in front of the ciphertext. The
 * cipher is Google Tink's; this only fixes the order of the inputs.
 */
public final class AesSiv {

  /** The synthetic IV, which is also the authentication tag: ciphertext = 16 + plaintext. */
  public static final int TAG_LENGTH = 16;

  private final com.google.crypto.tink.subtle.AesSiv cipher;

  /**
   * A cipher under {@code key} for {@code aead}; a key of another length is refused, and so is
   * AES-SIV-CMAC-384 (Tink takes 32- and 64-byte keys only).
   */
  public AesSiv(Aead aead, byte[] key) {
    if (key.length != aead.keyLength()) {
      throw new IllegalArgumentException(
          aead + " takes a " + aead.keyLength() + "-byte key, not " + key.length + " bytes");
    }
    if (aead == Aead.AES_SIV_CMAC_384) {
      throw new IllegalArgumentException(aead + " is not supported (only 15 and 17 are)");
    }
    try {
      cipher = new com.google.crypto.tink.subtle.AesSiv(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Synthetic IV and ciphertext of {@code plaintext} under {@code nonce} and the data. */
  public byte[] seal(byte[] nonce, byte[] plaintext, byte[]... associatedData) {
    try {
      return cipher.encryptDeterministicallyWithAssociatedDatas(
          plaintext, components(associatedData, nonce));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-SIV refused to encrypt: " + e.getMessage(), e);
    }
  }

  /** The plaintext, or empty when {@code ciphertext} is not authentic under these inputs. */
  public Optional<byte[]> open(byte[] nonce, byte[] ciphertext, byte[]... associatedData) {
    if (ciphertext.length < TAG_LENGTH) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          cipher.decryptDeterministicallyWithAssociatedDatas(
              ciphertext, components(associatedData, nonce)));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private static byte[][] components(byte[][] associatedData, byte[] nonce) {
    byte[][] all = new byte[associatedData.length + 1][];
    System.arraycopy(associatedData, 0, all, 0, associatedData.length);
    all[associatedData.length] = nonce;
    return all;
  }
}
