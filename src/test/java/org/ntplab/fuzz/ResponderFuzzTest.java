package org.ntplab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import org.ntplab.auth.Keyring;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.server.Disposition;
import org.ntplab.server.DropReason;
import org.ntplab.server.RateLimit;
import org.ntplab.server.Responder;
import org.ntplab.server.ServerConfig;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * Fuzzes what the server does with a datagram: whatever arrives, {@link Responder} decides without
 * an exception; a reply is never larger than the request, is a readable time packet answering the
 * request's transmit timestamp, and goes only to modes 3, 1 and NTPv1's 0; mode 6 and 7 get
 * nothing. Each input is also tried signed with a configured key, and repeated against a rate
 * limit.
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
  }

  private static void answer(ServerConfig config, byte[] request, int port, int times) {
    Responder responder =
        new Responder(config, Clock.fixed(ARRIVAL, ZoneOffset.UTC), new SplittableRandom(1));
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
