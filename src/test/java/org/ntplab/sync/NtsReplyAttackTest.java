package org.ntplab.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntplab.nts.Aead;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.NtsCheck.Reason;
import org.ntplab.nts.NtsField;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.Sealing;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.sync.NtsReplyCheck.Authenticated;
import org.ntplab.sync.NtsReplyCheck.Nak;
import org.ntplab.sync.NtsReplyCheck.NotOurs;
import org.ntplab.sync.NtsReplyCheck.Outcome;
import org.ntplab.sync.NtsReplyCheck.Unauthenticated;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * Attacks on an NTS client's acceptance of a reply (SECURITY.md, NTS): fields smuggled around the
 * authenticator, encrypted fields that are not cookies, another request's identifier, and NAKs an
 * attacker made. Only a reply sealed with our S2C key that echoes our identifier gives time.
 */
class NtsReplyAttackTest {

  private final SecureRandom random = new SecureRandom();
  private final NtsKeys keys = keys();
  private final UniqueIdentifier uid = UniqueIdentifier.random(random);
  private final NtsReplyCheck check =
      new NtsReplyCheck(
          ReplyCheck.forClient(ReplyCheckTest.SERVER, ReplyCheckTest.SENT), uid, keys);
  private final Cookie cookie = new Cookie(bytes(104));

  @Test
  void anHonestSealedReplyIsAuthenticated() {
    Authenticated ok =
        assertInstanceOf(Authenticated.class, outcome(sealed(uid.toField(), cookie.toField())));
    assertEquals(List.of(cookie), ok.check().cookies());
  }

  @Test
  void aFieldAppendedAfterTheAuthenticatorMakesTheReplyUnauthenticated() {
    byte[] honest = sealed(uid.toField(), cookie.toField());
    assertRefused(Reason.FIELD_AFTER_AUTHENTICATOR, concat(honest, field(0x7777, 28)));
    // Our identifier again after the authenticator, where it is not covered: still refused.
    assertRefused(Reason.FIELD_AFTER_AUTHENTICATOR, concat(honest, encode(uid.toField())));
    // A 20-byte legacy MAC after it.
    assertRefused(Reason.FIELD_AFTER_AUTHENTICATOR, concat(honest, new byte[20]));
  }

  @Test
  void encryptedFieldsThatAreNotCookiesAreNotKeptAsCookies() {
    ExtensionField stranger = new ExtensionField(0x7777, bytes(24));
    ExtensionField another = new ExtensionField(NtsField.UNIQUE_IDENTIFIER, bytes(32));
    Authenticated ok =
        assertInstanceOf(
            Authenticated.class,
            outcome(sealed(uid.toField(), stranger, cookie.toField(), another)));
    assertEquals(List.of(cookie), ok.check().cookies());
  }

  @Test
  void aSealedReplyEchoingAnotherIdentifierIsRefused() {
    UniqueIdentifier other = UniqueIdentifier.random(random);
    assertRefused(Reason.UID_MISMATCH, sealed(other.toField(), cookie.toField()));
  }

  @Test
  void anIdentifierOnlyInsideTheEncryptedPartIsNoIdentifier() {
    // RFC 8915 §5.7: the identifier travels in the clear, authenticated; the encrypted part holds
    // cookies. A reply that moved it there does not echo it.
    byte[] reply = seal(header(), List.of(uid.toField(), cookie.toField()));
    assertRefused(Reason.NO_UNIQUE_IDENTIFIER, reply);
  }

  @Test
  void aNakIsBelievedOnlyWithOurIdentifierAndOurOrigin() {
    assertInstanceOf(Nak.class, outcome(concat(nakHeader(), encode(uid.toField()))));
    assertRefused(Reason.NO_UNIQUE_IDENTIFIER, nakHeader());
    assertRefused(
        Reason.UID_MISMATCH,
        concat(nakHeader(), encode(UniqueIdentifier.random(random).toField())));
    byte[] elsewhere = concat(nakHeader(), encode(uid.toField()));
    elsewhere[24] ^= 1; // the origin: not the nonce we sent
    assertInstanceOf(NotOurs.class, outcome(elsewhere));
  }

  private void assertRefused(Reason reason, byte[] reply) {
    Unauthenticated refused = assertInstanceOf(Unauthenticated.class, outcome(reply));
    assertEquals(reason, refused.why().reason(), refused.why().detail());
  }

  private Outcome outcome(byte[] reply) {
    return check.check(ReplyCheckTest.SERVER, reply);
  }

  /** A reply to our request with {@code clear} in the clear, sealed with S2C, a cookie inside. */
  private byte[] sealed(ExtensionField... clearThenInner) {
    ExtensionField clear = clearThenInner[0];
    List<ExtensionField> inner = List.of(clearThenInner).subList(1, clearThenInner.length);
    return seal(NtpCodec.decodePacket(concat(ReplyCheckTest.reply(), encode(clear))), inner);
  }

  private byte[] seal(NtpPacket packet, List<ExtensionField> inner) {
    return NtpCodec.encode(Sealing.seal(packet, inner, keys.serverToClient(), bytes(16)));
  }

  private static NtpPacket header() {
    return NtpCodec.decodePacket(ReplyCheckTest.reply());
  }

  /** Our reply's header turned into an NTSN kiss: stratum 0, reference id "NTSN". */
  private static byte[] nakHeader() {
    byte[] kiss = ReplyCheckTest.reply();
    kiss[1] = 0;
    System.arraycopy("NTSN".getBytes(StandardCharsets.US_ASCII), 0, kiss, 12, 4);
    return kiss;
  }

  private static byte[] encode(ExtensionField field) {
    return ByteBuffer.allocate(field.length())
        .putShort((short) field.type())
        .putShort((short) field.length())
        .put(field.value())
        .array();
  }

  private byte[] field(int type, int length) {
    return encode(new ExtensionField(type, bytes(length - 4)));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private NtsKeys keys() {
    return new NtsKeys(Aead.AES_SIV_CMAC_256, bytes(32), bytes(32));
  }
}
