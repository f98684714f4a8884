package org.ntplab.nts.ke;

import java.time.Duration;
import java.util.List;

/**
 * What an NTS-KE exchange came to: keys and cookies ({@link Agreed}), a response that gives none
 * ({@link Refused}: an Error record, a warning, nothing usable negotiated), or no response at all
 * ({@link Failed}: no connection, a failed handshake, a certificate refused, bytes that are not
 * records). Every reason is one line for people.
 */
public sealed interface KeResult permits KeResult.Agreed, KeResult.Refused, KeResult.Failed {

  /**
   * The server agreed: NTP goes to {@code ntpServer}:{@code ntpPort} (the NTS-KE host and 123
   * unless it said otherwise), authenticated with {@code keys}, each request carrying one of {@code
   * cookies}.
   *
   * @param records the response as received, in order
   * @param handshake from the TCP connection to the end of the TLS handshake
   */
  record Agreed(
      List<KeRecord> records,
      SessionKeys keys,
      List<KeBody.NewCookie> cookies,
      String ntpServer,
      int ntpPort,
      Duration handshake)
      implements KeResult {
    public Agreed {
      records = List.copyOf(records);
      cookies = List.copyOf(cookies);
    }
  }

  /** The server answered, but not with what NTS needs; {@code records} as received. */
  record Refused(List<KeRecord> records, String reason) implements KeResult {
    public Refused {
      records = List.copyOf(records);
    }
  }

  /** No response to judge: {@code stage} is how far the exchange got. */
  record Failed(Stage stage, String reason) implements KeResult {}

  /** Where an exchange without a response stopped. */
  enum Stage {
    CONNECT("TCP connection"),
    HANDSHAKE("TLS handshake"),
    CERTIFICATE("server certificate"),
    RESPONSE("NTS-KE response");

    private final String words;

    Stage(String words) {
      this.words = words;
    }

    /** The stage in words, e.g. {@code TLS handshake}. */
    public String words() {
      return words;
    }
  }
}
