package org.ntplab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import org.ntplab.auth.Keyring;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.nts.CookieJar;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsField;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.server.Disposition;
import org.ntplab.server.DropReason;
import org.ntplab.server.RateLimit;
import org.ntplab.server.Responder;
import org.ntplab.server.ServerConfig;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * Fuzzes what the server does with a datagram: whatever arrives, {@link Responder} decides without
 * an exception; a reply is never larger than the request, is a readable time packet answering the
 * request's transmit timestamp, and goes only to modes 3, 1 and NTPv1's 0; mode 6 and 7 get
 * nothing. Each input is also tried signed with a configured key, repeated against a rate limit,
 * sent to an NTS server as it is (whatever cookie it carries gets a NAK or nothing), and, when it
 * decodes, sent as an authentic NTS request with its own fields before the NTS ones: the sealed
 * reply must verify under the client's keys and be no larger.
 */
class ResponderFuzzTest {

  private static final Instant ARRIVAL = Instant.parse("2026-11-22T01:00:44.382Z");
  private static final SymmetricKey MD5 =
      SymmetricKey.parse("1:MD5:0102030405060708090a0b0c0d0e0f10");
  private static final SymmetricKey SHA1 =
      SymmetricKey.parse("2:SHA1:000102030405060708090a0b0c0d0e0f10111213");
  private static final ServerConfig KEYED =
      ServerConfig.loopback()
          .withPrecision(-20)
          .withKeys(Keyring.of(MD5, SHA1))
          .withRateLimit(RateLimit.OFF);
  private static final ServerConfig LIMITED = KEYED.withRateLimit(RateLimit.DEFAULT);
  private static final Set<DropReason> NEVER_FOR_INPUT = EnumSet.of(DropReason.INTERNAL_ERROR);
  private static final Clock CLOCK = Clock.fixed(ARRIVAL, ZoneOffset.UTC);
  private static final CookieJar JAR =
      new CookieJar(CLOCK, Duration.ofHours(1), new SplittableRandom(8915));
  private static final ServerConfig NTS =
      ServerConfig.loopback().withPrecision(-20).withNts(JAR).withRateLimit(RateLimit.OFF);
  private static final NtsKeys KEYS = NtsKeys.parse(15, "01".repeat(32), "02".repeat(32));
  private static final UniqueIdentifier UID = new UniqueIdentifier(new byte[32]);
  private static final Set<Integer> NTS_TYPES =
      Set.of(
          NtsField.UNIQUE_IDENTIFIER,
          NtsField.COOKIE,
          NtsField.COOKIE_PLACEHOLDER,
          NtsField.AUTHENTICATOR);

  @FuzzTest
  void respond(byte[] datagram) {
    for (int port : new int[] {50123, 123, 0}) {
      answer(KEYED, datagram, port, 1);
    }
    answer(LIMITED, datagram, 50123, 12); // past the burst: kiss-o'-death, then drops
    if (datagram.length >= NtpPacket.HEADER_LENGTH) {
      answer(KEYED, MD5.sign(datagram), 50123, 1);
      answer(KEYED, SHA1.sign(datagram), 50123, 1);
    }
    answer(NTS, datagram, 50123, 1);
    authentic(datagram);
  }

  /** {@code datagram}'s header and fields, then a real cookie, sealed: answered, and verifiable. */
  private static void authentic(byte[] datagram) {
    NtpPacket shape;
    byte[] request;
    try {
      shape = NtpCodec.decodePacket(datagram);
      request =
          NtpCodec.encode(
              NtsClient.request(shape, UID, JAR.make(KEYS), 1, KEYS, new SplittableRandom(1)));
    } catch (MalformedPacketException | IllegalArgumentException notARequestWeCanMake) {
      return; // not a packet, or fields too long to take the NTS ones after them
    }
    if (shape.extensionFields().stream().anyMatch(f -> NTS_TYPES.contains(f.type()))) {
      return; // NTS fields of its own come first, and the server reads those (other tests)
    }
    answer(NTS, request, 50123, 1);
    Responder responder = new Responder(NTS, CLOCK, new SplittableRandom(1));
    Disposition outcome =
        responder.respond(request, new InetSocketAddress("192.0.2.7", 50123), ARRIVAL);
    if (outcome instanceof Disposition.Reply reply) {
      NtsCheck check = NtsClient.check(responder.encode(reply), UID, KEYS);
      assertInstanceOf(NtsCheck.Verified.class, check, check::toString);
    }
  }

  private static void answer(ServerConfig config, byte[] request, int port, int times) {
    Responder responder = new Responder(config, CLOCK, new SplittableRandom(1));
    InetSocketAddress client = new InetSocketAddress("192.0.2.7", port);
    for (int i = 0; i < times; i++) {
      Disposition outcome = responder.respond(request.clone(), client, ARRIVAL);
      if (outcome instanceof Disposition.Drop drop) {
        assertTrue(
            !NEVER_FOR_INPUT.contains(drop.reason()) && !drop.detail().contains("\n"),
            drop::toString);
        continue;
      }
      Disposition.Reply reply = assertInstanceOf(Disposition.Reply.class, outcome);
      Mode mode = Mode.of(request[0]);
      assertTrue(
          mode == Mode.CLIENT
              || mode == Mode.SYMMETRIC_ACTIVE
              || mode == Mode.RESERVED && (request[0] >>> 3 & 7) == 1 && port != 123,
          () -> "answered mode " + mode + ": " + HexFormat.of().formatHex(request));
      assertNotEquals(0, port, "answered source port 0");
      byte[] sent = responder.encode(reply);
      assertTrue(
          sent.length <= request.length,
          () ->
              sent.length
                  + "-byte reply to a "
                  + request.length
                  + "-byte request: "
                  + HexFormat.of().formatHex(request));
      NtpPacket decoded = NtpCodec.decodePacket(sent);
      assertEquals(
          new NtpTimestamp(ByteBuffer.wrap(request).getLong(40)),
          decoded.originTime(),
          "origin is not the request's transmit");
      assertEquals(
          mode == Mode.SYMMETRIC_ACTIVE ? Mode.SYMMETRIC_PASSIVE : Mode.SERVER, decoded.mode());
    }
  }
}
