package org.ntplab.server;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ntplab.nts.Authenticator;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.CookieJar;
import org.ntplab.nts.CookieOpening;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsField;
import org.ntplab.nts.NtsServer;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.server.Disposition.Drop;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * NTS on the NTP port, the server's side (RFC 8915 §5.7), for {@link Responder}: which requests are
 * NTS, whether they are authentic, and the sealing of their replies.
 *
 * <p>A request is NTS when it carries an NTS Cookie field. Its cookie must open under the server's
 * {@link CookieJar} (if not: an NTS NAK), and its authenticator must verify under the C2S key the
 * cookie holds (if not: no answer, as chrony does: the cookie travels in the clear, and a NAK for
 * anyone's forged authenticator would let an on-path attacker cut a client off). The reply gets one
 * fresh cookie for the one used and one per placeholder, at most {@value #MOST_COOKIES}.
 */
final class NtsGate {

  /** Cookies one reply carries at most: a request with more placeholders is still answered. */
  static final int MOST_COOKIES = 8;

  /** What the gate made of a request. */
  sealed interface Verdict {}

  /** Not NTS: the request goes the usual way. */
  record NotNts() implements Verdict {}

  /** NTS, and answered with {@code auth} (sealed, or a NAK). */
  record Answer(ReplyAuth auth) implements Verdict {}

  /** NTS, and not answered. */
  record Refuse(Drop drop) implements Verdict {}

  /** An extension field's type and length, before its value. */
  private static final int FIELD_HEADER = 4;

  private final CookieJar jar;
  private final RandomGenerator nonces = new SecureRandom();

  NtsGate(CookieJar jar) {
    this.jar = jar;
  }

  Verdict check(NtpPacket request, byte[] bytes) {
    Optional<Cookie> cookie = NtsServer.cookie(request);
    if (cookie.isEmpty()) {
      return new NotNts();
    }
    Optional<UniqueIdentifier> uid = NtsServer.uniqueIdentifier(request);
    if (uid.isEmpty()) {
      return new Refuse(
          new Drop(
              DropReason.NTS_UNAUTHENTICATED,
              "no unique identifier of " + UniqueIdentifier.LENGTH + " bytes or more"));
    }
    CookieOpening opening = jar.open(cookie.get());
    if (!(opening instanceof CookieOpening.Opened opened)) {
      return new Answer(new ReplyAuth.NtsNak(uid.get()));
    }
    NtsCheck check = NtsServer.open(bytes, opened.keys());
    if (check instanceof NtsCheck.NotVerified not) {
      return new Refuse(
          new Drop(DropReason.NTS_UNAUTHENTICATED, not.reason().meaning() + ": " + not.detail()));
    }
    int wanted = Math.min(MOST_COOKIES, NtsServer.cookiesWanted(request));
    List<Cookie> cookies = new ArrayList<>();
    for (int i = 0; i < wanted; i++) {
      cookies.add(jar.make(opened.keys()));
    }
    return new Answer(new ReplyAuth.Nts(opened.keys(), uid.get(), cookies, bytes.length));
  }

  /**
   * {@code stamped} (the reply, its timestamps final) sealed as {@code nts} says, with as many of
   * its cookies as fit; {@code forge} flips a bit of the ciphertext afterwards.
   */
  byte[] seal(NtpPacket stamped, ReplyAuth.Nts nts, boolean forge) {
    List<Cookie> cookies = new ArrayList<>(nts.cookies());
    byte[] nonce = new byte[NtsClient.NONCE_LENGTH];
    nonces.nextBytes(nonce);
    byte[] bytes;
    while (true) {
      bytes = NtpCodec.encode(NtsServer.seal(stamped, nts.uid(), cookies, nts.keys(), nonce));
      if (bytes.length <= nts.limit() || cookies.isEmpty()) {
        break;
      }
      cookies.remove(cookies.size() - 1);
    }
    if (forge) {
      bytes[ciphertextAt(bytes)] ^= 1;
    }
    return bytes;
  }

  /** The bytes of an NTS NAK: {@code kiss} with the unique identifier and nothing else. */
  static byte[] nak(NtpPacket kiss, ReplyAuth.NtsNak nak) {
    return NtpCodec.encode(NtsServer.nak(kiss, nak.uid()));
  }

  /** Where the authenticator's ciphertext starts: the last field is the authenticator. */
  private static int ciphertextAt(byte[] sealed) {
    List<ExtensionField> fields = NtpCodec.decodePacket(sealed).extensionFields();
    ExtensionField last = fields.get(fields.size() - 1);
    Authenticator auth = (Authenticator) NtsField.of(last).orElseThrow();
    return sealed.length - last.length() + FIELD_HEADER + auth.ciphertextOffset();
  }
}
