package org.ntplab.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ntplab.nts.NtsCheck.NotVerified;
import org.ntplab.nts.NtsCheck.Reason;
import org.ntplab.nts.NtsCheck.Verified;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;

/** A request built, opened by the server, answered with cookies, and checked by the client. */
class NtsClientTest {

  private static final NtsKeys KEYS =
      new NtsKeys(Aead.AES_SIV_CMAC_256, filled(32, 1), filled(32, 2));
  private static final Cookie COOKIE = new Cookie(filled(100, 7));

  private final Random random = new Random(15);
  private final UniqueIdentifier uid = UniqueIdentifier.random(random);

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private NtpPacket request() {
    NtpPacket header = NtpPacket.clientRequest(4, new NtpTimestamp(0x1122_3344_5566_7788L));
    return NtsClient.request(header, uid, COOKIE, 2, KEYS, random);
  }

  private static NtpPacket replyHeader(NtpPacket request, int stratum, String referenceId) {
    return new NtpPacket(
        LeapIndicator.NO_WARNING,
        4,
        Mode.SERVER,
        stratum,
        4,
        -20,
        NtpShort.ZERO,
        NtpShort.ZERO,
        org.ntplab.wire.ReferenceId.ofAscii(referenceId),
        NtpTimestamp.ZERO,
        request.transmitTime(),
        new NtpTimestamp(0x2222_0000_0000_0000L),
        new NtpTimestamp(0x2222_0000_0001_0000L),
        List.of(),
        java.util.Optional.empty());
  }

  private byte[] reply(NtpPacket request, List<Cookie> cookies) {
    return NtpCodec.encode(
        NtsServer.seal(replyHeader(request, 1, "GPS"), uid, cookies, KEYS, filled(16, 9)));
  }

  @Test
  void theRequestCarriesUidCookiePlaceholdersAndAnAuthenticatorTheServerVerifies() {
    NtpPacket request = request();
    List<Integer> types = request.extensionFields().stream().map(ExtensionField::type).toList();
    assertEquals(List.of(0x0104, 0x0204, 0x0304, 0x0304, 0x0404), types);
    assertEquals(104, request.extensionFields().get(2).length());
    assertEquals(3, NtsServer.cookiesWanted(request));
    assertEquals(COOKIE, NtsServer.cookie(request).orElseThrow());
    assertEquals(uid, NtsServer.uniqueIdentifier(request).orElseThrow());
    Verified opened =
        assertInstanceOf(Verified.class, NtsServer.open(NtpCodec.encode(request), KEYS));
    assertEquals(List.of(), opened.inner());
  }

  @Test
  void theServersNewCookiesComeBackDecrypted() {
    List<Cookie> fresh = List.of(new Cookie(filled(100, 0x31)), new Cookie(filled(100, 0x32)));
    Verified verified =
        assertInstanceOf(Verified.class, NtsClient.check(reply(request(), fresh), uid, KEYS));
    assertEquals(fresh, verified.cookies());
  }

  @Test
  void anyFlippedBitOfTheAuthenticatedBytesFails() {
    byte[] reply = reply(request(), List.of(COOKIE));
    for (int at : new int[] {0, 47, 48 + 20, reply.length - 1}) {
      byte[] tampered = reply.clone();
      tampered[at] ^= 1;
      NotVerified no = assertInstanceOf(NotVerified.class, NtsClient.check(tampered, uid, KEYS));
      assertEquals(Reason.AUTHENTICATION_FAILED, no.reason(), "byte " + at);
    }
  }

  @Test
  void anotherRequestsIdentifierIsAMismatchEvenWhenAuthentic() {
    byte[] reply = reply(request(), List.of(COOKIE));
    UniqueIdentifier other = UniqueIdentifier.random(new Random(16));
    assertEquals(
        Reason.UID_MISMATCH,
        assertInstanceOf(NotVerified.class, NtsClient.check(reply, other, KEYS)).reason());
  }

  @Test
  void aPlainReplyOrAFieldAfterTheAuthenticatorIsNotVerified() {
    NtpPacket header = replyHeader(request(), 1, "GPS");
    byte[] plain = NtpCodec.encode(NtsServer.nak(header, uid));
    assertEquals(
        Reason.NO_AUTHENTICATOR,
        assertInstanceOf(NotVerified.class, NtsClient.check(plain, uid, KEYS)).reason());

    NtpPacket sealed = NtpCodec.decodePacket(reply(request(), List.of(COOKIE)));
    List<ExtensionField> fields = new ArrayList<>(sealed.extensionFields());
    fields.add(new ExtensionField(0x0204, new byte[100]));
    byte[] extended = NtpCodec.encode(Packets.withFields(sealed, fields));
    assertEquals(
        Reason.FIELD_AFTER_AUTHENTICATOR,
        assertInstanceOf(NotVerified.class, NtsClient.check(extended, uid, KEYS)).reason());
  }

  @Test
  void anNtsnKissWithOurIdentifierIsANak() {
    NtpPacket kiss = replyHeader(request(), 0, "NTSN");
    assertEquals(KissCode.NTSN, kiss.kissCode().orElseThrow());
    byte[] nak = NtpCodec.encode(NtsServer.nak(kiss, uid));
    assertInstanceOf(NtsCheck.Nak.class, NtsClient.check(nak, uid, KEYS));
    byte[] foreign = NtpCodec.encode(NtsServer.nak(kiss, UniqueIdentifier.random(new Random(1))));
    assertEquals(
        Reason.UID_MISMATCH,
        assertInstanceOf(NotVerified.class, NtsClient.check(foreign, uid, KEYS)).reason());
  }

  @Test
  void theAuthenticatorRoundTripsThroughItsField() {
    Authenticator auth = Authenticator.of(filled(12, 5), filled(21, 6));
    assertEquals(4, auth.padding().length); // 12 + 4 reach the 16 bytes a server's nonce needs
    Authenticator back = (Authenticator) NtsField.of(auth.toField()).orElseThrow();
    assertEquals(auth, back);
    assertEquals(16, back.ciphertextOffset());
    assertEquals(40, back.paddingOffset());
    assertArrayEquals(auth.toField().value(), back.toField().value());
    assertTrue(NtsField.of(new ExtensionField(0x0104, new byte[32])).isPresent());
    assertTrue(NtsField.of(new ExtensionField(0x2005, new byte[32])).isEmpty());
  }

  @Test
  void badKeysAreRefusedInOneLine() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> NtsKeys.parse(15, "00ff", "00"));
    assertEquals(
        "C2S key is 2 bytes; AES-SIV-CMAC-256 (15) needs 32 (64 hex digits)", e.getMessage());
    e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> NtsKeys.parse(17, "zz", "00"));
    assertEquals("C2S key is not hex: a character other than 0-9, a-f", e.getMessage());
    assertEquals(HexFormat.of().formatHex(filled(32, 1)), KEYS.c2sHex());
  }
}
