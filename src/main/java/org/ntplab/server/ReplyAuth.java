package org.ntplab.server;

import java.util.List;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.UniqueIdentifier;

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

  /**
   * The request's NTS cookie opened and its authenticator verified (RFC 8915 §5.7): the reply
   * echoes {@code uid} and carries {@code cookies}, encrypted, in an authenticator sealed with the
   * S2C key; cookies are left out, last first, until the reply is no larger than {@code limit}
   * bytes, the request's length.
   */
  record Nts(NtsKeys keys, UniqueIdentifier uid, List<Cookie> cookies, int limit)
      implements ReplyAuth {
    public Nts {
      cookies = List.copyOf(cookies);
    }
  }

  /**
   * The request's NTS cookie did not open: an NTS NAK, the kiss NTSN echoing {@code uid} and
   * nothing else, since there is no key to authenticate it with.
   */
  record NtsNak(UniqueIdentifier uid) implements ReplyAuth {}

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
