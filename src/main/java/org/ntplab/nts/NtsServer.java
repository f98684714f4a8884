package org.ntplab.nts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.NtpPacket;

/**
 * The server's side of NTS on the NTP port (RFC 8915 §5.7), without sockets or the cookie key: the
 * caller reads the keys out of {@link #cookie} itself, then opens the request and seals the reply.
 */
public final class NtsServer {

  private NtsServer() {}

  /** The request's cookie, the first in the clear, from which the server recovers the keys. */
  public static Optional<Cookie> cookie(NtpPacket request) {
    return field(request, NtsField.COOKIE).map(f -> new Cookie(f.value()));
  }

  /**
   * The request's unique identifier, which the reply (and a NAK) must echo; none if it is shorter
   * than the {@value UniqueIdentifier#LENGTH} bytes RFC 8915 §5.3 asks for. A NAK is the header and
   * the echoed identifier, so a 12-byte one would leave it ending in a field of 16 bytes, which
   * reads back as a MAC.
   */
  public static Optional<UniqueIdentifier> uniqueIdentifier(NtpPacket request) {
    return field(request, NtsField.UNIQUE_IDENTIFIER)
        .filter(f -> f.value().length >= UniqueIdentifier.LENGTH)
        .map(f -> new UniqueIdentifier(f.value()));
  }

  /** How many cookies the request asks for: its cookie's replacement plus one per placeholder. */
  public static int cookiesWanted(NtpPacket request) {
    return 1
        + (int)
            Sealing.beforeAuthenticator(request).stream()
                .filter(f -> f.type() == NtsField.COOKIE_PLACEHOLDER)
                .count();
  }

  /** Checks the request's authenticator under the C2S key. */
  public static NtsCheck open(byte[] request, NtsKeys keys) {
    return Sealing.open(request, keys.clientToServer());
  }

  /**
   * {@code reply} (the header) echoing {@code uid} and carrying {@code cookies} encrypted under the
   * S2C key with {@code nonce}.
   */
  public static NtpPacket seal(
      NtpPacket reply, UniqueIdentifier uid, List<Cookie> cookies, NtsKeys keys, byte[] nonce) {
    List<ExtensionField> inner = new ArrayList<>();
    for (Cookie cookie : cookies) {
      inner.add(cookie.toField());
    }
    return Sealing.seal(
        Packets.withFields(reply, List.of(uid.toField())), inner, keys.serverToClient(), nonce);
  }

  /** An NTS NAK: {@code kiss} (stratum 0, kiss code NTSN) echoing {@code uid}, unauthenticated. */
  public static NtpPacket nak(NtpPacket kiss, UniqueIdentifier uid) {
    return Packets.withFields(kiss, List.of(uid.toField()));
  }

  private static Optional<ExtensionField> field(NtpPacket packet, int type) {
    return Sealing.beforeAuthenticator(packet).stream().filter(f -> f.type() == type).findFirst();
  }
}
