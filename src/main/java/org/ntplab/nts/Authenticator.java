package org.ntplab.nts;

import java.util.Arrays;
import org.ntplab.wire.ExtensionField;

/**
 * The NTS Authenticator and Encrypted Extension Fields field (RFC 8915 §5.6): nonce length and
 * ciphertext length (16 bits each, unpadded), the nonce and the ciphertext each zero-padded to a
 * word, then additional padding. The ciphertext is AES-SIV's: synthetic IV, then the encrypted
 * fields.
 */
public record Authenticator(byte[] nonce, byte[] ciphertext, byte[] padding) implements NtsField {

  /** Where the nonce starts in the field's value, after the two lengths. */
  public static final int NONCE_OFFSET = 4;

  /** Nonce and additional padding together: what lets a server answer with a 16-byte nonce. */
  private static final int NONCE_ROOM = 16;

  public Authenticator {
    nonce = nonce.clone();
    ciphertext = ciphertext.clone();
    padding = padding.clone();
  }

  /** The field for {@code nonce} and {@code ciphertext}, padded as RFC 8915 §5.6 asks. */
  public static Authenticator of(byte[] nonce, byte[] ciphertext) {
    return new Authenticator(
        nonce, ciphertext, new byte[Math.max(0, NONCE_ROOM - Bytes.word(nonce.length))]);
  }

  /** Reads the field's value; lengths that overrun it are refused in one line. */
  static Authenticator parse(byte[] value) {
    if (value.length < NONCE_OFFSET) {
      throw new IllegalArgumentException(
          "NTS authenticator of " + value.length + " bytes has no room for its two lengths");
    }
    int nonceLength = (value[0] & 0xff) << 8 | value[1] & 0xff;
    int ciphertextLength = (value[2] & 0xff) << 8 | value[3] & 0xff;
    int ciphertextAt = NONCE_OFFSET + Bytes.word(nonceLength);
    int paddingAt = ciphertextAt + Bytes.word(ciphertextLength);
    if (paddingAt > value.length) {
      throw new IllegalArgumentException(
          "NTS authenticator: nonce length "
              + nonceLength
              + " and ciphertext length "
              + ciphertextLength
              + " overrun its "
              + value.length
              + " bytes");
    }
    return new Authenticator(
        Arrays.copyOfRange(value, NONCE_OFFSET, NONCE_OFFSET + nonceLength),
        Arrays.copyOfRange(value, ciphertextAt, ciphertextAt + ciphertextLength),
        Arrays.copyOfRange(value, paddingAt, value.length));
  }

  public int nonceLength() {
    return nonce.length;
  }

  public int ciphertextLength() {
    return ciphertext.length;
  }

  /** Where the ciphertext starts in the field's value. */
  public int ciphertextOffset() {
    return NONCE_OFFSET + Bytes.word(nonce.length);
  }

  /** Where the additional padding starts in the field's value. */
  public int paddingOffset() {
    return ciphertextOffset() + Bytes.word(ciphertext.length);
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public byte[] padding() {
    return padding.clone();
  }

  @Override
  public ExtensionField toField() {
    byte[] value = new byte[Math.max(12, paddingOffset() + padding.length)];
    value[0] = (byte) (nonce.length >>> 8);
    value[1] = (byte) nonce.length;
    value[2] = (byte) (ciphertext.length >>> 8);
    value[3] = (byte) ciphertext.length;
    System.arraycopy(nonce, 0, value, NONCE_OFFSET, nonce.length);
    System.arraycopy(ciphertext, 0, value, ciphertextOffset(), ciphertext.length);
    System.arraycopy(padding, 0, value, paddingOffset(), padding.length);
    return new ExtensionField(AUTHENTICATOR, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Authenticator other
        && Arrays.equals(nonce, other.nonce)
        && Arrays.equals(ciphertext, other.ciphertext)
        && Arrays.equals(padding, other.padding);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nonce) * 31 + Arrays.hashCode(ciphertext);
  }
}
