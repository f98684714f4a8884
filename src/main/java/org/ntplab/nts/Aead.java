package org.ntplab.nts;

import java.util.Optional;

/**
 * The AEAD algorithms NTS-KE negotiates (RFC 8915 §5.1, IANA's AEAD registry): AES-SIV-CMAC (RFC
 * 5297) with its key length.
 */
public enum Aead {
  AES_SIV_CMAC_256(15, 32),
  AES_SIV_CMAC_384(16, 48),
  AES_SIV_CMAC_512(17, 64);

  private final int id;
  private final int keyLength;

  Aead(int id, int keyLength) {
    this.id = id;
    this.keyLength = keyLength;
  }

  /** The name in IANA's registry, e.g. {@code AEAD_AES_SIV_CMAC_256}. */
  public String registeredName() {
    return "AEAD_" + name();
  }

  /** The algorithm numbered {@code id}, or empty for one ntplab does not know. */
  public static Optional<Aead> find(int id) {
    for (Aead aead : values()) {
      if (aead.id == id) {
        return Optional.of(aead);
      }
    }
    return Optional.empty();
  }

  /** {@code 15 (AEAD_AES_SIV_CMAC_256)}, or {@code 30 (unknown)}: how a number is shown. */
  public static String describe(int id) {
    return id + " (" + find(id).map(Aead::registeredName).orElse("unknown") + ")";
  }

  /** The number NTS-KE's AEAD Algorithm Negotiation record carries. */
  public int id() {
    return id;
  }

  /** Bytes of the C2S and of the S2C key. */
  public int keyLength() {
    return keyLength;
  }

  /** The algorithm with IANA number {@code id}; anything else is refused naming the three. */
  public static Aead of(int id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "AEAD " + id + " is not AES-SIV-CMAC (expected: 15, 16 or 17)"));
  }

  @Override
  public String toString() {
    return name().replace('_', '-') + " (" + id + ")";
  }
}
