package org.ntplab.nts;

import java.util.Optional;
import org.ntplab.wire.Mode;

/**
 * Which way a packet goes, and so which key seals it (RFC 8915 §5.6): a client's request under the
 * C2S key, a server's reply under the S2C key. NTS protects nothing else.
 */
public enum Direction {
  CLIENT_TO_SERVER("C2S"),
  SERVER_TO_CLIENT("S2C");

  private final String keyName;

  Direction(String keyName) {
    this.keyName = keyName;
  }

  /** The direction of a packet in {@code mode}; empty for modes NTS does not protect. */
  public static Optional<Direction> of(Mode mode) {
    return switch (mode) {
      case CLIENT -> Optional.of(CLIENT_TO_SERVER);
      case SERVER -> Optional.of(SERVER_TO_CLIENT);
      default -> Optional.empty();
    };
  }

  /** The key's name as RFC 8915 writes it: {@code C2S} or {@code S2C}. */
  public String keyName() {
    return keyName;
  }

  /** The cipher that seals and opens packets going this way. */
  public AesSiv cipher(NtsKeys keys) {
    return this == CLIENT_TO_SERVER ? keys.clientToServer() : keys.serverToClient();
  }
}
