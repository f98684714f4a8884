package org.ntplab.nts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ntplab.nts.NtsCheck.NotVerified;
import org.ntplab.nts.NtsCheck.Reason;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * The client's side of NTS on the NTP port (RFC 8915 §5.7): the request it sends, the reply it
 * accepts.
 */
public final class NtsClient {

  /** The nonce a client chooses: 16 bytes, what AES-SIV asks for. */
  public static final int NONCE_LENGTH = 16;

  private NtsClient() {}

  /**
   * {@code header} (a client request without fields) carrying {@code uid}, {@code cookie} and
   * {@code placeholders} placeholders of the cookie's size, authenticated under the C2S key with a
   * nonce from {@code nonces}.
   */
  public static NtpPacket request(
      NtpPacket header,
      UniqueIdentifier uid,
      Cookie cookie,
      int placeholders,
      NtsKeys keys,
      RandomGenerator nonces) {
    if (placeholders < 0 || placeholders > 7) {
      throw new IllegalArgumentException("placeholders " + placeholders + " (expected: 0 to 7)");
    }
    List<ExtensionField> fields = new ArrayList<>(header.extensionFields());
    fields.add(uid.toField());
    fields.add(cookie.toField());
    for (int i = 0; i < placeholders; i++) {
      fields.add(new CookiePlaceholder(cookie.length()).toField());
    }
    byte[] nonce = new byte[NONCE_LENGTH];
    nonces.nextBytes(nonce);
    return Sealing.seal(
        Packets.withFields(header, fields), List.of(), keys.clientToServer(), nonce);
  }

  /**
   * Whether {@code reply} answers the request that carried {@code uid}: an NTSN kiss with that
   * identifier is a NAK; otherwise the authenticator must verify under the S2C key and the
   * identifier, authenticated, must be the request's.
   */
  public static NtsCheck check(byte[] reply, UniqueIdentifier uid, NtsKeys keys) {
    NtpPacket packet;
    try {
      packet = NtpCodec.decodePacket(reply);
    } catch (MalformedPacketException e) {
      return new NotVerified(Reason.MALFORMED, e.getMessage());
    }
    if (packet.kissCode().equals(Optional.of(KissCode.NTSN))) {
      Optional<NotVerified> wrong = uidProblem(Sealing.beforeAuthenticator(packet), uid);
      return wrong.isPresent() ? wrong.get() : new NtsCheck.Nak(packet);
    }
    NtsCheck opened = Sealing.open(reply, keys.serverToClient());
    if (opened instanceof NtsCheck.Verified) {
      Optional<NotVerified> wrong = uidProblem(Sealing.beforeAuthenticator(packet), uid);
      if (wrong.isPresent()) {
        return wrong.get();
      }
    }
    return opened;
  }

  private static Optional<NotVerified> uidProblem(
      List<ExtensionField> fields, UniqueIdentifier uid) {
    Optional<ExtensionField> field =
        fields.stream().filter(f -> f.type() == NtsField.UNIQUE_IDENTIFIER).findFirst();
    if (field.isEmpty()) {
      return Optional.of(
          new NotVerified(Reason.NO_UNIQUE_IDENTIFIER, Reason.NO_UNIQUE_IDENTIFIER.meaning()));
    }
    // Compared as the fields carry them, padding included.
    return Arrays.equals(field.get().value(), uid.toField().value())
        ? Optional.empty()
        : Optional.of(new NotVerified(Reason.UID_MISMATCH, Reason.UID_MISMATCH.meaning()));
  }
}
