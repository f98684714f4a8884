package org.ntplab.nts.ke;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The keys an NTS-KE exchange yields for one AEAD (RFC 8915 §4.3): C2S protects requests, S2C
 * replies. Shown in full by {@link #toString()}: ntplab is for looking at them.
 */
public record SessionKeys(Aead aead, byte[] c2s, byte[] s2c) {

  public SessionKeys {
    if (c2s.length != aead.keyLength() || s2c.length != aead.keyLength()) {
      throw new IllegalArgumentException(
          aead.registeredName() + " takes keys of " + aead.keyLength() + " bytes");
    }
    c2s = c2s.clone();
    s2c = s2c.clone();
  }

  @Override
  public byte[] c2s() {
    return c2s.clone();
  }

  @Override
  public byte[] s2c() {
    return s2c.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SessionKeys other
        && aead == other.aead
        && Arrays.equals(c2s, other.c2s)
        && Arrays.equals(s2c, other.s2c);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * aead.hashCode() + Arrays.hashCode(c2s)) + Arrays.hashCode(s2c);
  }

  @Override
  public String toString() {
    HexFormat hex = HexFormat.of();
    return "SessionKeys["
        + aead.registeredName()
        + ", c2s="
        + hex.formatHex(c2s)
        + ", s2c="
        + hex.formatHex(s2c)
        + "]";
  }
}
