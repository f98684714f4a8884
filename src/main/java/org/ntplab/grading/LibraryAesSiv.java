package org.ntplab.grading;

import java.util.Optional;
import org.ntplab.lab.AesSivCmac;
import org.ntplab.nts.Aead;
import org.ntplab.nts.AesSiv;

/**
 * Lab 10's cipher: the reference's AES-SIV (Tink's) behind the lab's interface. It crosses the
 * grading channel by reference, so a student's calls run here, in the harness: the student process
 * keeps its class path of contracts alone, and the cipher holds no secret of the grader's (every
 * key comes with the call).
 */
final class LibraryAesSiv implements AesSivCmac {

  @Override
  public byte[] seal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
    return cipher(key).seal(nonce, plaintext, associatedData);
  }

  @Override
  public Optional<byte[]> open(byte[] key, byte[] nonce, byte[] associatedData, byte[] ciphertext) {
    return cipher(key).open(nonce, ciphertext, associatedData);
  }

  /** AEAD 15 for a 32-byte key, 17 for a 64-byte one; another length is refused in one line. */
  static Aead aead(byte[] key) {
    return switch (key.length) {
      case 32 -> Aead.AES_SIV_CMAC_256;
      case 64 -> Aead.AES_SIV_CMAC_512;
      default ->
          throw new IllegalArgumentException(
              "an AES-SIV-CMAC key is 32 bytes (AEAD 15) or 64 (AEAD 17), not " + key.length);
    };
  }

  private static AesSiv cipher(byte[] key) {
    return new AesSiv(aead(key), key);
  }

  @Override
  public String toString() {
    return "aead";
  }
}
