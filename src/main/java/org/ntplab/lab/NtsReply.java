package org.ntplab.lab;

import java.util.List;

/** Lab 10: what a client finds when it checks an NTS reply (RFC 8915 §5.7). */
public sealed interface NtsReply {

  /**
   * The authenticator verified under the S2C key and the reply echoes the request's unique
   * identifier.
   *
   * @param cookies the bodies of the Cookie fields that were encrypted, in order: the client's
   *     cookies for its next requests
   */
  record Verified(List<byte[]> cookies) implements NtsReply {
    public Verified {
      cookies = ByteLists.copy(cookies);
    }

    @Override
    public List<byte[]> cookies() {
      return ByteLists.copy(cookies);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Verified v && ByteLists.equal(cookies, v.cookies);
    }

    @Override
    public int hashCode() {
      return cookies.size();
    }

    @Override
    public String toString() {
      return "Verified[cookies=" + ByteLists.show(cookies) + "]";
    }
  }

  /** The reply must not be used, and why. */
  record Refused(NtsRefusal reason) implements NtsReply {}
}
