package org.ntplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.server.ResponderTest.ARRIVAL;
import static org.ntplab.server.ResponderTest.CLIENT;
import static org.ntplab.server.ResponderTest.CONFIG;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ntplab.nts.Aead;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.CookieJar;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsField;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.Sealing;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.server.Disposition.Drop;
import org.ntplab.server.Disposition.Reply;
import org.ntplab.testing.TestClock;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * Attacks on NTS at the NTP port (SECURITY.md, NTS): requests made to be amplified, cookies forged,
 * moved across rotation or between AEADs, and a spoofed flood of requests that earn a NAK.
 */
class ResponderNtsAttackTest {

  private final TestClock clock = new TestClock(ARRIVAL);
  private final CookieJar jar = new CookieJar(clock, Duration.ofHours(1), new SecureRandom());
  private final SecureRandom random = new SecureRandom();
  private final SplittableRandom shapes = new SplittableRandom(8915);
  private final NtsKeys keys = keys(Aead.AES_SIV_CMAC_256);

  @Test
  void noNakIsLargerThanItsRequestWhateverTheRequestCarries() {
    for (int i = 0; i < 500; i++) {
      List<ExtensionField> fields = new ArrayList<>();
      fields.add(field(NtsField.UNIQUE_IDENTIFIER, 32 + 4 * shapes.nextInt(250)));
      fields.add(field(NtsField.COOKIE, 24 + 4 * shapes.nextInt(500))); // not a cookie of ours
      for (int p = shapes.nextInt(10); p > 0; p--) {
        fields.add(field(shapes.nextBoolean() ? NtsField.COOKIE_PLACEHOLDER : 0x7777, 24));
      }
      byte[] request = NtpCodec.encode(header(fields));
      byte[] nak = send(CONFIG.withNts(jar), request, CLIENT);
      assertTrue(nak.length <= request.length, nak.length + " > " + request.length);
      assertInstanceOf(NtsCheck.Nak.class, NtsClient.check(nak, uidOf(fields), keys), "an NTS NAK");
    }
  }

  @Test
  void noAuthenticReplyIsLargerThanTheSmallestRequestThatEarnsIt() {
    // The least a client can send: a 32-byte identifier, a 1-byte nonce, and many placeholders of
    // the least size, each asking for a cookie of 104 bytes.
    for (int placeholders = 0; placeholders <= 20; placeholders++) {
      List<ExtensionField> fields = new ArrayList<>();
      fields.add(field(NtsField.UNIQUE_IDENTIFIER, 32));
      fields.add(jar.make(keys).toField());
      for (int p = 0; p < placeholders; p++) {
        fields.add(field(NtsField.COOKIE_PLACEHOLDER, 12));
      }
      byte[] request =
          NtpCodec.encode(
              Sealing.seal(header(fields), List.of(), keys.clientToServer(), new byte[1]));
      byte[] reply = send(CONFIG.withNts(jar), request, CLIENT);
      assertTrue(reply.length <= request.length, reply.length + " > " + request.length);
      assertInstanceOf(NtsCheck.Verified.class, NtsClient.check(reply, uidOf(fields), keys));
    }
  }

  @Test
  void aUniqueIdentifierShorterThan32BytesIsNotAnsweredNotEvenWithANak() {
    // Its NAK would be the header and a 16-byte field, which reads back as a MAC: the encoder
    // refused it, and each such request cost the server an internal error.
    for (int length : new int[] {12, 28}) {
      List<ExtensionField> fields =
          List.of(field(NtsField.UNIQUE_IDENTIFIER, length), field(NtsField.COOKIE, 100));
      Drop drop =
          assertInstanceOf(
              Drop.class, respond(CONFIG.withNts(jar), NtpCodec.encode(header(fields))));
      assertEquals(DropReason.NTS_UNAUTHENTICATED, drop.reason(), drop.detail());
    }
  }

  @Test
  void aCookieOpensForOneMoreRotationAndNotForTwo() {
    Cookie cookie = jar.make(keys);
    clock.advance(Duration.ofHours(1));
    assertInstanceOf(NtsCheck.Verified.class, check(send(CONFIG.withNts(jar), request(cookie))));
    clock.advance(Duration.ofHours(1));
    assertInstanceOf(NtsCheck.Nak.class, check(send(CONFIG.withNts(jar), request(cookie))));
  }

  @Test
  void aCookieRenamedToAnotherKeyIdGetsANak() {
    byte[] bytes = jar.make(keys).bytes();
    for (int delta : new int[] {-1, 1, 0x7fffffff}) {
      byte[] renamed = bytes.clone();
      int id = (renamed[0] & 0xff) << 24 | (renamed[1] & 0xff) << 16 | (renamed[2] & 0xff) << 8;
      id = (id | renamed[3] & 0xff) + delta;
      renamed[0] = (byte) (id >>> 24);
      renamed[1] = (byte) (id >>> 16);
      renamed[2] = (byte) (id >>> 8);
      renamed[3] = (byte) id;
      NtsCheck check = check(send(CONFIG.withNts(jar), request(new Cookie(renamed))));
      assertInstanceOf(NtsCheck.Nak.class, check, "key id moved by " + delta);
    }
  }

  @Test
  void aCookieOfOneAeadCannotCarryARequestSealedForAnother() {
    NtsKeys aes512 = keys(Aead.AES_SIV_CMAC_512);
    // The cookie says AES-SIV-CMAC-256 and its keys; a request sealed with -512 keys does not
    // verify under them, whichever way round.
    assertUnanswered(request(jar.make(keys), aes512));
    assertUnanswered(request(jar.make(aes512), keys));
  }

  @Test
  void aSpoofedFloodOfNakWorthyRequestsFromOneSourceIsRateLimitedBeforeAnyCookieIsOpened() {
    Responder responder =
        new Responder(
            ServerConfig.loopback().withPrecision(-20).withNts(jar),
            clock,
            new SplittableRandom(1));
    CookieJar stranger = new CookieJar(clock, Duration.ofHours(1), new SecureRandom());
    int answered = 0;
    int limited = 0;
    for (int i = 0; i < 1000; i++) {
      Disposition d = responder.respond(request(stranger.make(keys)), CLIENT, ARRIVAL);
      if (d instanceof Reply reply) {
        answered++;
        byte[] nak = responder.encode(reply);
        assertTrue(nak.length <= request(stranger.make(keys)).length);
      } else if (d instanceof Drop drop && drop.reason() == DropReason.RATE_LIMITED) {
        limited++;
      }
    }
    assertTrue(answered <= 9, answered + " NAKs to one source at one instant");
    assertEquals(1000 - answered, limited, "every other request dropped before the cookie jar");
  }

  private void assertUnanswered(byte[] request) {
    Drop drop = assertInstanceOf(Drop.class, respond(CONFIG.withNts(jar), request));
    assertEquals(DropReason.NTS_UNAUTHENTICATED, drop.reason());
  }

  private NtsCheck check(byte[] reply) {
    return NtsClient.check(reply, UID, keys);
  }

  private static final UniqueIdentifier UID = new UniqueIdentifier(new byte[32]);

  private byte[] request(Cookie cookie) {
    return request(cookie, keys);
  }

  private byte[] request(Cookie cookie, NtsKeys sealWith) {
    return NtpCodec.encode(NtsClient.request(header(List.of()), UID, cookie, 0, sealWith, random));
  }

  private static NtpPacket header(List<ExtensionField> fields) {
    return ResponderTest.packet(4, Mode.CLIENT, 6, fields, Optional.empty());
  }

  private static UniqueIdentifier uidOf(List<ExtensionField> fields) {
    return new UniqueIdentifier(fields.get(0).value());
  }

  private ExtensionField field(int type, int length) {
    byte[] value = new byte[length];
    random.nextBytes(value);
    return new ExtensionField(type, value);
  }

  private Disposition respond(ServerConfig config, byte[] request) {
    return new Responder(config, clock, new SplittableRandom(1)).respond(request, CLIENT, ARRIVAL);
  }

  private byte[] send(ServerConfig config, byte[] request, InetSocketAddress from) {
    Responder responder = new Responder(config, clock, new SplittableRandom(1));
    Reply reply = assertInstanceOf(Reply.class, responder.respond(request, from, ARRIVAL));
    return responder.encode(reply);
  }

  private byte[] send(ServerConfig config, byte[] request) {
    return send(config, request, CLIENT);
  }

  private NtsKeys keys(Aead aead) {
    return ResponderNtsTest.keys(aead, random);
  }
}
