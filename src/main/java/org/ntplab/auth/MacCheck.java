package org.ntplab.auth;

import java.util.Optional;
import org.ntplab.wire.Mac;
import org.ntplab.wire.NtpPacket;

/**
 * What a client finds when it checks a reply's MAC against the key it signed its request with (RFC
 * 5905 §7.3; ntpd's and chronyd's clients discard every reply but a {@link #VERIFIED} one).
 */
public enum MacCheck {
  VERIFIED("the reply's MAC verifies with the request's key"),
  MISSING("the reply has no MAC: the server answered a signed request unsigned"),
  CRYPTO_NAK(
      "crypto-NAK: the server could not authenticate the request (it lacks the key, or its key differs)"),
  WRONG_KEY_ID("the reply is signed with another key ID than the request"),
  BAD_DIGEST(
      "the reply's MAC does not verify: the server's key or algorithm differs, or the packet was altered");

  private final String meaning;

  MacCheck(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }

  public boolean verified() {
    return this == VERIFIED;
  }

  /**
   * Checks {@code datagram}, decoded as {@code reply}, against {@code key}: the digest covers every
   * byte before the MAC (header and extension fields).
   */
  public static MacCheck of(SymmetricKey key, byte[] datagram, NtpPacket reply) {
    Optional<Mac> trailer = reply.mac();
    if (trailer.isEmpty()) {
      return MISSING;
    }
    Mac mac = trailer.get();
    if (mac.isCryptoNak()) {
      return CRYPTO_NAK;
    }
    if (mac.keyId() != key.keyId()) {
      return WRONG_KEY_ID;
    }
    return key.verifies(datagram, datagram.length - mac.length(), mac) ? VERIFIED : BAD_DIGEST;
  }
}
