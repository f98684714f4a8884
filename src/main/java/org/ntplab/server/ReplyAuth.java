package org.ntplab.server;

import org.ntplab.auth.SymmetricKey;

/**
 * How a reply is authenticated: as its request was (RFC 5905 §7.3). {@link Responder} decides it
 * from the request's MAC and {@link ServerConfig#keys()}, and adds the trailer as the reply is
 * encoded, after the transmit timestamp: the MAC must cover the bytes that are sent.
 */
public sealed interface ReplyAuth {

  /** The request carried no MAC: neither does the reply. */
  ReplyAuth UNSIGNED = new Unsigned();

  record Unsigned() implements ReplyAuth {}

  /**
   * The request's MAC verified: the reply carries one made with the same key, so the same length.
   */
  record Signed(SymmetricKey key) implements ReplyAuth {}

  /**
   * The request's MAC did not verify: the reply ends in a crypto-NAK, a key ID of 0 and no digest
   * (4 bytes, as ntpd sends it), which tells the client its request was not authenticated.
   */
  record CryptoNak(Reason reason) implements ReplyAuth {}

  /** Why a signed request was not authenticated. */
  enum Reason {
    UNKNOWN_KEY("key ID not in the server's keys"),
    BAD_MAC("MAC does not verify with the server's key");

    private final String meaning;

    Reason(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }
}
