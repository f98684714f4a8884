package org.ntplab.nts;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.ntplab.wire.ExtensionField;

/**
 * The Unique Identifier field (RFC 8915 §5.3): random bytes the client sends and the server echoes,
 * which ties a reply to its request and defeats replay. 32 bytes or more.
 */
public record UniqueIdentifier(byte[] bytes) implements NtsField {

  /** What RFC 8915 asks of a client: at least 32 bytes. */
  public static final int LENGTH = 32;

  public UniqueIdentifier {
    bytes = bytes.clone();
  }

  /** {@value #LENGTH} random bytes. */
  public static UniqueIdentifier random(RandomGenerator random) {
    byte[] bytes = new byte[LENGTH];
    random.nextBytes(bytes);
    return new UniqueIdentifier(bytes);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public ExtensionField toField() {
    return new ExtensionField(UNIQUE_IDENTIFIER, Bytes.padded(bytes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UniqueIdentifier other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "UniqueIdentifier[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
