package org.ntplab.lab;

/** Lab 9: what a client finds when it checks a reply's MAC; tested in this order. */
public enum MacVerdict {

  /**
   * No MAC after the header and extension fields: the server answered a signed request unsigned.
   */
  MISSING,

  /**
   * A 4-byte MAC, key ID only: the server could not authenticate the request (no key, or another).
   */
  CRYPTO_NAK,

  /** Signed with another key ID than ours. */
  WRONG_KEY_ID,

  /**
   * Our key ID, but the digest is not ours: another secret or algorithm, or the packet was altered.
   */
  BAD_DIGEST,

  /**
   * The digest is H(our secret ‖ the packet before the MAC): the reply comes from a holder of the
   * key.
   */
  VERIFIED
}
