package org.ntplab.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.server.ResponderTest.ARRIVAL;
import static org.ntplab.server.ResponderTest.CLIENT;
import static org.ntplab.server.ResponderTest.CONFIG;
import static org.ntplab.server.ResponderTest.SENT;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntplab.auth.Keyring;
import org.ntplab.auth.MacCheck;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.server.Disposition.Reply;
import org.ntplab.testing.SignedExchanges;
import org.ntplab.testing.TestClock;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.Mac;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * The server's three cases, without sockets: an unsigned request gets an unsigned reply, a request
 * signed with a known key a reply signed with that key, any other signed request a crypto-NAK. No
 * reply is ever larger than its request.
 */
class ResponderAuthTest {

  static final SymmetricKey MD5 = SignedExchanges.MD5_KEY;
  static final SymmetricKey SHA1 = SignedExchanges.SHA1_KEY;
  static final ServerConfig KEYED = CONFIG.withKeys(Keyring.of(MD5, SHA1));

  final TestClock clock = new TestClock(ARRIVAL);

  static byte[] unsigned(Mode mode) {
    return ResponderTest.request(4, mode, 6);
  }

  /** The reply as sent: transmit stamped 3 ms after arrival, then the trailer. */
  Sent send(ServerConfig config, byte[] request) {
    Responder responder = new Responder(config, clock, new SplittableRandom(1));
    Reply reply = assertInstanceOf(Reply.class, responder.respond(request, CLIENT, ARRIVAL));
    clock.advance(Duration.ofMillis(3));
    byte[] bytes = responder.encode(reply);
    assertTrue(
        bytes.length <= request.length,
        bytes.length + " bytes answer " + request.length + ": never larger");
    return new Sent(reply, bytes, NtpCodec.decodePacket(bytes));
  }

  record Sent(Reply reply, byte[] bytes, NtpPacket packet) {}

  @Test
  void anUnsignedRequestGetsAnUnsignedReply() {
    Sent sent = send(KEYED, unsigned(Mode.CLIENT));
    assertEquals(ReplyAuth.UNSIGNED, sent.reply().auth());
    assertEquals(48, sent.bytes().length);
    assertTrue(sent.packet().mac().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"MD5", "SHA1"})
  void aRequestSignedWithAKnownKeyGetsAReplySignedWithIt(String algorithm) {
    SymmetricKey key = algorithm.equals("MD5") ? MD5 : SHA1;
    byte[] request = key.sign(unsigned(Mode.CLIENT));
    Sent sent = send(KEYED, request);
    assertEquals(new ReplyAuth.Signed(key), sent.reply().auth());
    assertEquals(request.length, sent.bytes().length, "48 + 4 + " + key.algorithm().digestLength());
    assertEquals(key.keyId(), sent.packet().mac().orElseThrow().keyId());
    assertEquals(
        MacCheck.VERIFIED, MacCheck.of(key, sent.bytes(), sent.packet()), "over the bytes as sent");
    assertEquals(SENT, sent.packet().originTime());
    assertEquals(
        Duration.ofMillis(3),
        Duration.ofNanos(sent.packet().transmitTime().nanosSince(sent.packet().receiveTime())),
        "the MAC covers the transmit timestamp stamped at the last moment");
  }

  @Test
  void theSignedReplyIsTheUnsignedOneWithAMac() {
    byte[] signed = send(KEYED, SHA1.sign(unsigned(Mode.CLIENT))).bytes();
    clock.advance(Duration.ofMillis(-3));
    byte[] plain = send(KEYED, unsigned(Mode.CLIENT)).bytes();
    assertArrayEquals(plain, Arrays.copyOf(signed, 48));
  }

  @Test
  void anUnknownKeyIdGetsACryptoNak() {
    SymmetricKey stranger = new SymmetricKey(99, SymmetricKey.Algorithm.MD5, MD5.secret());
    Sent sent = send(KEYED, stranger.sign(unsigned(Mode.CLIENT)));
    assertEquals(new ReplyAuth.CryptoNak(ReplyAuth.Reason.UNKNOWN_KEY), sent.reply().auth());
    assertCryptoNak(sent);
  }

  @Test
  void aBadDigestGetsACryptoNak() {
    SymmetricKey impostor = new SymmetricKey(1, SymmetricKey.Algorithm.MD5, new byte[] {'x'});
    Sent sent = send(KEYED, impostor.sign(unsigned(Mode.CLIENT)));
    assertEquals(new ReplyAuth.CryptoNak(ReplyAuth.Reason.BAD_MAC), sent.reply().auth());
    assertCryptoNak(sent);
  }

  @Test
  void aSha1DigestUnderAnMd5KeyIdIsBad() {
    SymmetricKey wrongAlgorithm = new SymmetricKey(1, SymmetricKey.Algorithm.SHA1, MD5.secret());
    Sent sent = send(KEYED, wrongAlgorithm.sign(unsigned(Mode.CLIENT)));
    assertEquals(new ReplyAuth.CryptoNak(ReplyAuth.Reason.BAD_MAC), sent.reply().auth());
  }

  @Test
  void aSignedRequestToAServerWithoutKeysGetsACryptoNak() {
    Sent sent = send(CONFIG, MD5.sign(unsigned(Mode.CLIENT)));
    assertEquals(new ReplyAuth.CryptoNak(ReplyAuth.Reason.UNKNOWN_KEY), sent.reply().auth());
    assertCryptoNak(sent);
  }

  @Test
  void aRequestEndingInACryptoNakIsAnsweredWithOne() {
    byte[] request = Arrays.copyOf(unsigned(Mode.CLIENT), 52);
    Sent sent = send(KEYED, request);
    assertEquals(52, sent.bytes().length);
    assertCryptoNak(sent);
  }

  @Test
  void theMacCoversTheExtensionFieldsButTheReplyHasNone() {
    NtpPacket withField =
        ResponderTest.packet(
            4, Mode.CLIENT, 6, List.of(new ExtensionField(0x0104, new byte[28])), Optional.empty());
    byte[] request = MD5.sign(NtpCodec.encode(withField));
    Sent sent = send(KEYED, request);
    assertEquals(new ReplyAuth.Signed(MD5), sent.reply().auth());
    assertEquals(68, sent.bytes().length);

    byte[] altered = request.clone();
    altered[60] ^= 1; // inside the extension field
    assertEquals(
        new ReplyAuth.CryptoNak(ReplyAuth.Reason.BAD_MAC), send(KEYED, altered).reply().auth());
  }

  @Test
  void aKissOfDeathIsSignedLikeAnyReply() {
    ServerConfig kissing = KEYED.withFaults(Faults.NONE.withKissOfDeath(KissCode.RATE));
    Sent sent = send(kissing, SHA1.sign(unsigned(Mode.CLIENT)));
    assertTrue(sent.reply().kissOfDeath());
    assertEquals(MacCheck.VERIFIED, MacCheck.of(SHA1, sent.bytes(), sent.packet()));
    assertEquals(Optional.of(KissCode.RATE), sent.packet().kissCode());
  }

  @Test
  void aSymmetricActivePeerIsAnsweredSignedToo() {
    Sent sent = send(KEYED, MD5.sign(unsigned(Mode.SYMMETRIC_ACTIVE)));
    assertEquals(Mode.SYMMETRIC_PASSIVE, sent.packet().mode());
    assertEquals(MacCheck.VERIFIED, MacCheck.of(MD5, sent.bytes(), sent.packet()));
  }

  /** 48 bytes of an ordinary time reply, then key ID 0 and no digest, as ntpd sends it. */
  static void assertCryptoNak(Sent sent) {
    assertEquals(52, sent.bytes().length);
    assertArrayEquals(new byte[4], Arrays.copyOfRange(sent.bytes(), 48, 52));
    Mac mac = sent.packet().mac().orElseThrow();
    assertTrue(mac.isCryptoNak());
    assertEquals(3, sent.packet().stratum());
    assertEquals(SENT, sent.packet().originTime());
  }
}
