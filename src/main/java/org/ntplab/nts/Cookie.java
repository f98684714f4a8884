package org.ntplab.nts;

import java.util.Arrays;
import java.util.HexFormat;
import org.ntplab.wire.ExtensionField;

/**
 * An NTS Cookie (RFC 8915 §5.4): opaque to the client, which sends one per request; the server
 * reads the keys back out of it. As the field carries it, padding included.
 */
public record Cookie(byte[] bytes) implements NtsField {

  public Cookie {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Bytes of the cookie, which is also the size of each placeholder that asks for another. */
  public int length() {
    return bytes.length;
  }

  @Override
  public ExtensionField toField() {
    return new ExtensionField(COOKIE, Bytes.padded(bytes));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cookie other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Cookie[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
