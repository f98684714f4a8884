package org.ntplab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.server.ResponderTest.ARRIVAL;
import static org.ntplab.server.ResponderTest.CLIENT;
import static org.ntplab.server.ResponderTest.CONFIG;
import static org.ntplab.server.ResponderTest.SENT;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntplab.nts.Aead;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.CookieJar;
import org.ntplab.nts.CookieOpening;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.server.Disposition.Drop;
import org.ntplab.server.Disposition.Reply;
import org.ntplab.testing.TestClock;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * NTS on the NTP port, without sockets: requests made by ntplab's own NTS client, replies checked
 * by it, as a real client would.
 */
class ResponderNtsTest {

  private final TestClock clock = new TestClock(ARRIVAL);
  private final CookieJar jar = new CookieJar(clock, Duration.ofHours(1), new SecureRandom());
  private final SecureRandom random = new SecureRandom();
  private final NtsKeys keys = keys(Aead.AES_SIV_CMAC_256);
  private final UniqueIdentifier uid = UniqueIdentifier.random(random);

  @ParameterizedTest(name = "{0} placeholders")
  @ValueSource(ints = {0, 1, 7})
  void anAuthenticRequestGetsAnAuthenticReplyWithACookieForEachAskedAndNoLarger(int placeholders) {
    byte[] request = request(jar.make(keys), placeholders, keys);
    byte[] reply = send(CONFIG.withNts(jar), request);
    NtsCheck.Verified verified = verified(reply);
    assertEquals(1 + placeholders, verified.cookies().size());
    for (Cookie cookie : verified.cookies()) {
      assertEquals(new CookieOpening.Opened(keys), jar.open(cookie), "fresh cookies open here");
    }
    assertTrue(reply.length <= request.length, reply.length + " > " + request.length);
    assertEquals(SENT, verified.packet().originTime());
  }

  @Test
  void aReplyThatWouldOutgrowTheRequestCarriesFewerCookies() {
    // Three placeholders of 24 bytes ask for three more cookies of 104: only the one that
    // replaces the request's own fits in a reply no larger than the request.
    byte[] header = NtpCodec.encode(NtpPacket.clientRequest(4, SENT));
    byte[] placeholders = new byte[3 * 28];
    for (int at = 0; at < placeholders.length; at += 28) {
      placeholders[at] = 0x03;
      placeholders[at + 1] = 0x04;
      placeholders[at + 3] = 28;
    }
    NtpPacket withPlaceholders = NtpCodec.decodePacket(concat(header, placeholders));
    byte[] request =
        NtpCodec.encode(NtsClient.request(withPlaceholders, uid, jar.make(keys), 0, keys, random));
    byte[] reply = send(CONFIG.withNts(jar), request);
    assertTrue(reply.length <= request.length, reply.length + " > " + request.length);
    assertEquals(1, verified(reply).cookies().size());
  }

  @Test
  void aCookieItCannotOpenGetsAnNtsNakEchoingTheUniqueIdentifier() {
    CookieJar stranger = new CookieJar(clock, Duration.ofHours(1), new SecureRandom());
    byte[] request = request(stranger.make(keys), 1, keys);
    Responder responder = new Responder(CONFIG.withNts(jar), clock, new SplittableRandom(1));
    Reply reply = assertInstanceOf(Reply.class, responder.respond(request, CLIENT, ARRIVAL));
    byte[] bytes = responder.encode(reply);
    NtsCheck.Nak nak = assertInstanceOf(NtsCheck.Nak.class, NtsClient.check(bytes, uid, keys));
    assertEquals(Optional.of(KissCode.NTSN), nak.packet().kissCode());
    assertEquals(48 + 36, bytes.length, "the header and the unique identifier, nothing else");
  }

  @Test
  void aRequestWhoseAuthenticatorDoesNotVerifyIsNotAnswered() {
    byte[] request = request(jar.make(keys), 1, keys);
    request[request.length - 20] ^= 1; // inside the ciphertext
    Drop drop = assertInstanceOf(Drop.class, respond(CONFIG.withNts(jar), request));
    assertEquals(DropReason.NTS_UNAUTHENTICATED, drop.reason());
  }

  @Test
  void aRequestSealedWithOtherKeysThanItsCookiesIsNotAnswered() {
    byte[] request = request(jar.make(keys(Aead.AES_SIV_CMAC_256)), 1, keys);
    Drop drop = assertInstanceOf(Drop.class, respond(CONFIG.withNts(jar), request));
    assertEquals(DropReason.NTS_UNAUTHENTICATED, drop.reason());
  }

  @Test
  void theOffsetFaultMovesTheTimestampsOfAnAuthenticReply() {
    Duration offset = Duration.ofMillis(2500);
    ServerConfig config = CONFIG.withNts(jar).withFaults(Faults.NONE.withOffset(offset));
    NtsCheck.Verified verified = verified(send(config, request(jar.make(keys), 0, keys)));
    assertEquals(NtpTimestamp.from(ARRIVAL.plus(offset)), verified.packet().receiveTime());
  }

  @Test
  void theForgeFaultSendsRepliesTheClientRejects() {
    ServerConfig config = CONFIG.withNts(jar).withFaults(Faults.NONE.withNtsForge(true));
    byte[] reply = send(config, request(jar.make(keys), 0, keys));
    NtsCheck.NotVerified rejected =
        assertInstanceOf(NtsCheck.NotVerified.class, NtsClient.check(reply, uid, keys));
    assertEquals(NtsCheck.Reason.AUTHENTICATION_FAILED, rejected.reason());
  }

  @Test
  void withoutNtsARequestWithACookieGetsAPlainReplyThatAnNtsClientRejects() {
    byte[] reply = send(CONFIG, request(jar.make(keys), 0, keys));
    assertEquals(48, reply.length);
    NtsCheck.NotVerified rejected =
        assertInstanceOf(NtsCheck.NotVerified.class, NtsClient.check(reply, uid, keys));
    assertEquals(NtsCheck.Reason.NO_AUTHENTICATOR, rejected.reason());
  }

  private byte[] request(Cookie cookie, int placeholders, NtsKeys sealWith) {
    NtpPacket header = NtpPacket.clientRequest(4, SENT);
    return NtpCodec.encode(NtsClient.request(header, uid, cookie, placeholders, sealWith, random));
  }

  private Disposition respond(ServerConfig config, byte[] request) {
    return new Responder(config, clock, new SplittableRandom(1)).respond(request, CLIENT, ARRIVAL);
  }

  private byte[] send(ServerConfig config, byte[] request) {
    Responder responder = new Responder(config, clock, new SplittableRandom(1));
    Reply reply = assertInstanceOf(Reply.class, responder.respond(request, CLIENT, ARRIVAL));
    return responder.encode(reply);
  }

  private NtsCheck.Verified verified(byte[] reply) {
    NtsCheck check = NtsClient.check(reply, uid, keys);
    return assertInstanceOf(NtsCheck.Verified.class, check, check.toString());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private NtsKeys keys(Aead aead) {
    return keys(aead, random);
  }

  /** Random keys for {@code aead}, as NTS-KE would export. */
  static NtsKeys keys(Aead aead, SecureRandom random) {
    byte[] c2s = new byte[aead.keyLength()];
    byte[] s2c = new byte[aead.keyLength()];
    random.nextBytes(c2s);
    random.nextBytes(s2c);
    return new NtsKeys(aead, c2s, s2c);
  }
}
