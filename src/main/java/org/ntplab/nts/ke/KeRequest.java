package org.ntplab.nts.ke;

import java.util.List;

/**
 * The client's NTS-KE request (RFC 8915 §4.1): NTPv4 as next protocol, the AEAD algorithms it
 * offers in order of preference, End of Message. Server and port are the server's to say.
 */
public final class KeRequest {

  /** What ntplab offers: AES-SIV-CMAC-256, which every server must support, then -512. */
  public static final List<Aead> DEFAULT_AEADS =
      List.of(Aead.AES_SIV_CMAC_256, Aead.AES_SIV_CMAC_512);

  private KeRequest() {}

  /** The request's records, offering {@code aeads} (at least one). */
  public static List<KeRecord> records(List<Aead> aeads) {
    if (aeads.isEmpty()) {
      throw new IllegalArgumentException("an NTS-KE request offers at least one AEAD algorithm");
    }
    return List.of(
        new KeRecord(true, new KeBody.NextProtocol(List.of(KeBody.NTPV4))),
        new KeRecord(true, new KeBody.AeadAlgorithm(aeads.stream().map(Aead::code).toList())),
        new KeRecord(true, new KeBody.EndOfMessage()));
  }

  /** The request as it goes into the TLS connection. */
  public static byte[] encode(List<Aead> aeads) {
    return KeCodec.encode(records(aeads));
  }
}
