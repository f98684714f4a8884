package org.ntplab.lab;

/**
 * Lab 10: Network Time Security (RFC 8915), the client's side: read the NTS-KE server's records,
 * build the request's NTS extension fields, authenticate the request, check the reply. Implemented
 * by {@code org.ntplab.labs.nts.Nts}. The cipher comes as an {@link AesSivCmac}: call it, do not
 * write it.
 */
public interface NtsLab {

  /**
   * What the NTS-KE server's response {@code message} (its records up to and including End of
   * Message) says: an Error record's code, or the AEAD chosen, the cookies, and where to send NTP;
   * {@link KeOutcome.Malformed} for bytes that are not a message.
   */
  KeOutcome keResponse(byte[] message);

  /**
   * The request's NTS extension fields, each whole (type, length, body): the Unique Identifier
   * carrying {@code uniqueIdentifier}, the Cookie carrying {@code cookie}, then {@code
   * placeholders} Cookie Placeholders, each as long as the cookie's field.
   */
  byte[] requestFields(byte[] uniqueIdentifier, byte[] cookie, int placeholders);

  /**
   * The NTS Authenticator and Encrypted Extension Fields field, whole, that goes after {@code
   * packet} (the header and the fields before it): nothing encrypted, {@code packet} authenticated
   * under the C2S key {@code c2s} and {@code nonce}, through {@code aead}.
   */
  byte[] authenticator(byte[] packet, byte[] c2s, byte[] nonce, AesSivCmac aead);

  /**
   * Whether {@code reply} answers the request that carried {@code uniqueIdentifier}, checked with
   * the S2C key {@code s2c} through {@code aead}: the new cookies it carries encrypted, or why it
   * must not be used.
   */
  NtsReply checkReply(byte[] reply, byte[] uniqueIdentifier, byte[] s2c, AesSivCmac aead);
}
