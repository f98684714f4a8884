package org.ntplab.lab;

/** Lab 10: why a client refuses an NTS reply; the first that applies, in this order. */
public enum NtsRefusal {

  /** The reply does not decode as an NTP packet. */
  MALFORMED,

  /**
   * Kiss code NTSN echoing our unique identifier: the server could not open our cookie. It is not
   * authenticated, so it only tells the client to run NTS-KE again.
   */
  NAK,

  /** No NTS Authenticator field. */
  NO_AUTHENTICATOR,

  /** A field (or a MAC) follows the authenticator: nothing may, it would be unauthenticated. */
  FIELD_AFTER_AUTHENTICATOR,

  /** The authenticator's nonce and ciphertext lengths overrun the field. */
  MALFORMED_AUTHENTICATOR,

  /** The ciphertext does not open under the S2C key: forged, altered, or another key. */
  AUTHENTICATION_FAILED,

  /** What the ciphertext held is not a sequence of extension fields. */
  MALFORMED_INNER_FIELDS,

  /** No Unique Identifier field before the authenticator. */
  NO_UNIQUE_IDENTIFIER,

  /** The Unique Identifier is not the request's: a replay, or an answer to another request. */
  UID_MISMATCH
}
