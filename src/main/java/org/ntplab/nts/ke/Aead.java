package org.ntplab.nts.ke;

import java.util.Optional;

/**
 * The AEAD algorithms NTS may negotiate (IANA's AEAD registry, RFC 5297's AES-SIV-CMAC), with the
 * length of the key each needs: AES-SIV keys are twice the AES key, half for CMAC, half for CTR.
 */
public enum Aead implements Registered {
  AES_SIV_CMAC_256(15, "AEAD_AES_SIV_CMAC_256", 32),
  AES_SIV_CMAC_384(16, "AEAD_AES_SIV_CMAC_384", 48),
  AES_SIV_CMAC_512(17, "AEAD_AES_SIV_CMAC_512", 64);

  private final int code;
  private final String registeredName;
  private final int keyLength;

  Aead(int code, String registeredName, int keyLength) {
    this.code = code;
    this.registeredName = registeredName;
    this.keyLength = keyLength;
  }

  /** The number in the AEAD Algorithm Negotiation record. */
  @Override
  public int code() {
    return code;
  }

  /** The name in IANA's registry, e.g. {@code AEAD_AES_SIV_CMAC_256}. */
  @Override
  public String registeredName() {
    return registeredName;
  }

  /** Bytes of key the exporter is asked for, per direction (RFC 8915 §4.3). */
  public int keyLength() {
    return keyLength;
  }

  /** The algorithm numbered {@code code}, or empty for one ntplab does not know. */
  public static Optional<Aead> of(int code) {
    return Registered.find(Aead.class, code);
  }

  /** {@code 15 (AEAD_AES_SIV_CMAC_256)}, or {@code 30 (unknown)}. */
  public static String describe(int code) {
    return Registered.describe(Aead.class, code);
  }
}
