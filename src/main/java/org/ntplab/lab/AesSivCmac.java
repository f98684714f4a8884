package org.ntplab.lab;

import java.util.Optional;

/**
 * Lab 10: AES-SIV-CMAC (RFC 5297) as NTS uses it (RFC 8915 §5.6), given to the student: the cipher
 * is a library's, not the lab's. A 32-byte key is AEAD 15 (AES-SIV-CMAC-256), a 64-byte key AEAD 17
 * (AES-SIV-CMAC-512); any other length is refused.
 */
public interface AesSivCmac {

  /**
   * The 16-byte synthetic IV followed by {@code plaintext} encrypted: what the authenticator's
   * ciphertext field carries. {@code associatedData} is authenticated, not encrypted; {@code nonce}
   * is a separate input, unpadded.
   */
  byte[] seal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext);

  /**
   * The plaintext of {@code ciphertext} (synthetic IV first), or empty when it is not authentic
   * under this key, nonce and associated data.
   */
  Optional<byte[]> open(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext);
}
