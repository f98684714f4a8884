package org.ntplab.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntplab.server.Disposition.Drop;
import org.ntplab.server.Disposition.Reply;
import org.ntplab.sync.Fitness;
import org.ntplab.sync.Problem;
import org.ntplab.sync.Sample;
import org.ntplab.testing.TestClock;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mac;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.ReferenceId;

class ResponderTest {

  static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 50123);
  static final Instant ARRIVAL = Instant.parse("2026-11-22T01:00:44.382000000Z");
  static final NtpTimestamp SENT = NtpTimestamp.parse("eeacbd2e.61faa000");

  /** Precision fixed so no test depends on measuring this machine's clock. */
  static final ServerConfig CONFIG =
      ServerConfig.loopback().withPrecision(-20).withRateLimit(RateLimit.OFF);

  final TestClock clock = new TestClock(ARRIVAL);

  static byte[] request(int version, Mode mode, int poll) {
    return NtpCodec.encode(packet(version, mode, poll, List.of(), Optional.empty()));
  }

  static NtpPacket packet(
      int version, Mode mode, int poll, List<ExtensionField> fields, Optional<Mac> mac) {
    return new NtpPacket(
        LeapIndicator.NO_WARNING,
        version,
        mode,
        0,
        poll,
        0,
        NtpShort.ZERO,
        NtpShort.ZERO,
        ReferenceId.ZERO,
        NtpTimestamp.ZERO,
        NtpTimestamp.ZERO,
        NtpTimestamp.ZERO,
        SENT,
        fields,
        mac);
  }

  Responder responder(ServerConfig config) {
    return new Responder(config, clock, new SplittableRandom(1));
  }

  Reply reply(ServerConfig config, byte[] request) {
    return assertInstanceOf(Reply.class, responder(config).respond(request, CLIENT, ARRIVAL));
  }

  /** Responds, lets {@code processing} pass on the clock, and decodes what would be sent. */
  NtpPacket answer(ServerConfig config, byte[] request, Duration processing) {
    Responder responder = responder(config);
    Reply reply = assertInstanceOf(Reply.class, responder.respond(request, CLIENT, ARRIVAL));
    clock.advance(processing);
    return NtpCodec.decodePacket(responder.encode(reply));
  }

  DropReason dropped(ServerConfig config, byte[] request, InetSocketAddress from) {
    return assertInstanceOf(Drop.class, responder(config).respond(request, from, ARRIVAL)).reason();
  }

  static NtpTimestamp ts(Instant instant) {
    return NtpTimestamp.from(instant);
  }

  // ---- the reply rules ------------------------------------------------------------------------

  @ParameterizedTest(name = "NTPv{0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void answersInTheRequestsVersionAndEchoesItsPoll(int version) {
    NtpPacket reply = answer(CONFIG, request(version, Mode.CLIENT, 6), Duration.ZERO);
    assertEquals(version, reply.version());
    assertEquals(Mode.SERVER, reply.mode());
    assertEquals(6, reply.poll());
  }

  @Test
  void takesOriginFromTheRequestAndReceiveFromTheArrivalTime() {
    NtpPacket reply = answer(CONFIG, request(4, Mode.CLIENT, 6), Duration.ofMillis(3));
    assertEquals(SENT, reply.originTime());
    assertEquals(ts(ARRIVAL), reply.receiveTime());
  }

  @Test
  void readsTheClockAgainForTheTransmitTimestamp() {
    NtpPacket reply = answer(CONFIG, request(4, Mode.CLIENT, 6), Duration.ofNanos(1_234_567));
    assertEquals(ts(ARRIVAL.plusNanos(1_234_567)), reply.transmitTime());
  }

  @Test
  void readsTheTransmitTimeAfterEverythingElse() {
    // A clock that moves on every reading: whatever the reply logic read before encode(), the
    // transmit timestamp is the last reading, later than the receive timestamp.
    TestClock ticking = new TestClock(ARRIVAL, Duration.ofNanos(1_000));
    Responder responder = new Responder(CONFIG, ticking, RandomGenerator.getDefault());
    Reply reply =
        assertInstanceOf(
            Reply.class, responder.respond(request(4, Mode.CLIENT, 6), CLIENT, ticking.instant()));
    Instant before = ticking.peek();
    NtpPacket sent = NtpCodec.decodePacket(responder.encode(reply));
    assertEquals(ts(before), sent.transmitTime());
    assertTrue(sent.transmitTime().compareTo(sent.receiveTime()) > 0);
  }

  @Test
  void announcesTheConfiguredStratumReferenceAndRootValues() {
    ServerConfig config =
        CONFIG
            .withStratum(2)
            .withReferenceId(new ReferenceId(0xc0000201))
            .withRootDelay(Duration.ofMillis(25))
            .withRootDispersion(Duration.ofMillis(3))
            .withPrecision(-23)
            .withReferenceAge(Duration.ofSeconds(64));
    NtpPacket reply = answer(config, request(4, Mode.CLIENT, 6), Duration.ZERO);
    assertEquals(LeapIndicator.NO_WARNING, reply.leap());
    assertEquals(2, reply.stratum());
    assertEquals("192.0.2.1", reply.referenceIdText());
    assertEquals(NtpShort.from(Duration.ofMillis(25)), reply.rootDelay());
    assertEquals(NtpShort.from(Duration.ofMillis(3)), reply.rootDispersion());
    assertEquals(-23, reply.precision());
    assertEquals(ts(ARRIVAL.minusSeconds(64)), reply.referenceTime());
  }

  @Test
  void defaultsToChronysLocalClockAtStratum3() {
    NtpPacket reply = answer(CONFIG, request(4, Mode.CLIENT, 6), Duration.ZERO);
    assertEquals(3, reply.stratum());
    assertEquals("7f7f0101", reply.referenceId().hex());
    assertEquals(NtpShort.ZERO, reply.rootDelay());
    assertEquals(NtpShort.ZERO, reply.rootDispersion());
    assertEquals(
        ts(ARRIVAL.minusSeconds(1)),
        reply.referenceTime(),
        "chronyd's local reference: now less a second");
    assertEquals(
        "LOCL",
        CONFIG.withStratum(1).referenceId().asAscii(),
        "a reference clock has a name, not an address");
  }

  @Test
  void neverRepliesLargerThanTheRequest() {
    byte[] nts = new byte[28]; // an NTS unique identifier field: 4-byte header + 28 bytes
    NtpPacket request =
        packet(4, Mode.CLIENT, 6, List.of(new ExtensionField(0x0104, nts)), Optional.empty());
    byte[] bytes = NtpCodec.encode(request);
    assertEquals(48 + 32, bytes.length);
    Responder responder = responder(CONFIG);
    byte[] reply =
        responder.encode(assertInstanceOf(Reply.class, responder.respond(bytes, CLIENT, ARRIVAL)));
    assertEquals(48, reply.length);
    NtpPacket decoded = NtpCodec.decodePacket(reply);
    assertTrue(decoded.extensionFields().isEmpty());
    assertTrue(decoded.mac().isEmpty());
  }

  @Test
  void answersTheClassicZeroRequest() {
    byte[] classic = HexFormat.of().parseHex("1b" + "00".repeat(47));
    NtpPacket reply = answer(CONFIG, classic, Duration.ZERO);
    assertEquals(3, reply.version());
    assertEquals(NtpTimestamp.ZERO, reply.originTime());
  }

  @Test
  void aClientFindsTheDefaultReplyFitAndTheFaultyOnesNot() {
    Duration processing = Duration.ofMillis(1);
    NtpPacket good = answer(CONFIG, request(4, Mode.CLIENT, 6), processing);
    Sample sample = Sample.of(ts(ARRIVAL), good, ts(ARRIVAL.plus(processing)));
    assertEquals(List.of(), Fitness.RFC_5905.problems(good, sample));

    NtpPacket unsynchronized =
        answer(
            CONFIG.withFaults(Faults.NONE.withUnsynchronized(true)),
            request(4, Mode.CLIENT, 6),
            processing);
    assertTrue(Fitness.RFC_5905.problems(unsynchronized, sample).contains(new Problem.LeapAlarm()));
    NtpPacket kiss =
        answer(
            CONFIG.withFaults(Faults.NONE.withKissOfDeath(KissCode.RATE)),
            request(4, Mode.CLIENT, 6),
            processing);
    assertTrue(
        Fitness.RFC_5905.problems(kiss, sample).contains(new Problem.KissOfDeath(KissCode.RATE)));
  }

  // ---- who is answered ------------------------------------------------------------------------

  @Test
  void answersSymmetricActiveAsSymmetricPassive() {
    NtpPacket reply = answer(CONFIG, request(4, Mode.SYMMETRIC_ACTIVE, 6), Duration.ZERO);
    assertEquals(Mode.SYMMETRIC_PASSIVE, reply.mode());
    assertEquals(SENT, reply.originTime());
  }

  @Test
  void answersAnNtpV1Mode0RequestAsAClients() {
    NtpPacket reply = answer(CONFIG, request(1, Mode.RESERVED, 4), Duration.ZERO);
    assertEquals(1, reply.version());
    assertEquals(Mode.SERVER, reply.mode(), "never a mode 0 reply");
  }

  @Test
  void takesAnNtpV1Mode0PacketFromPort123ForAPeersNotAClients() {
    assertEquals(
        DropReason.NOT_A_CLIENT_REQUEST,
        dropped(CONFIG, request(1, Mode.RESERVED, 4), new InetSocketAddress("192.0.2.7", 123)));
  }

  @ParameterizedTest(name = "mode {0}")
  @ValueSource(ints = {0, 2, 4, 5})
  void doesNotAnswerWhatIsNotARequest(int mode) {
    assertEquals(
        DropReason.NOT_A_CLIENT_REQUEST, dropped(CONFIG, request(4, Mode.of(mode), 6), CLIENT));
  }

  @Test
  void neverAnswersControlOrPrivateMessagesWhateverTheirLength() {
    HexFormat hex = HexFormat.of();
    assertEquals(DropReason.CONTROL_MODE_6, dropped(CONFIG, hex.parseHex("16020001"), CLIENT));
    assertEquals(
        DropReason.CONTROL_MODE_6,
        dropped(CONFIG, hex.parseHex("160200010000000000000000"), CLIENT));
    assertEquals(
        DropReason.PRIVATE_MODE_7,
        dropped(CONFIG, hex.parseHex("1700032a" + "00".repeat(188)), CLIENT));
    assertEquals(DropReason.PRIVATE_MODE_7, dropped(CONFIG, hex.parseHex("17"), CLIENT));
  }

  @Test
  void dropsWhatIsNotAnNtpPacket() {
    HexFormat hex = HexFormat.of();
    for (String text :
        List.of(
            "",
            "23",
            "2300",
            "23" + "00".repeat(46) /* 47 bytes */,
            "03" + "00".repeat(47) /* version 0 */,
            "68656c6c6f2c20776f726c64" /* "hello, world": version 5 */)) {
      assertEquals(DropReason.MALFORMED, dropped(CONFIG, hex.parseHex(text), CLIENT), text);
    }
  }

  @Test
  void dropsAnNtpV3RequestWithATrailerTooLongForAMac() {
    byte[] request = new byte[48 + 32];
    request[0] = 0x1b;
    assertEquals(DropReason.MALFORMED, dropped(CONFIG, request, CLIENT));
  }

  @Test
  void dropsRequestsFromPort0() {
    assertEquals(
        DropReason.BAD_SOURCE_PORT,
        dropped(CONFIG, request(4, Mode.CLIENT, 6), new InetSocketAddress("192.0.2.7", 0)));
  }

  // ---- faults ---------------------------------------------------------------------------------

  @Test
  void offsetMovesEveryTimestampTheServerWrites() {
    Duration offset = Duration.ofMillis(-2_750);
    NtpPacket reply =
        answer(
            CONFIG.withFaults(Faults.NONE.withOffset(offset)),
            request(4, Mode.CLIENT, 6),
            Duration.ofMillis(1));
    assertEquals(ts(ARRIVAL.plus(offset)), reply.receiveTime());
    assertEquals(ts(ARRIVAL.plus(offset).plusMillis(1)), reply.transmitTime());
    assertEquals(ts(ARRIVAL.plus(offset).minusSeconds(1)), reply.referenceTime());
    assertEquals(SENT, reply.originTime(), "the client's own timestamp is not ours to move");
  }

  @ParameterizedTest(name = "LI {0}")
  @ValueSource(ints = {0, 1, 2, 3})
  void announcesTheConfiguredLeapIndicator(int leap) {
    NtpPacket reply =
        answer(
            CONFIG.withFaults(Faults.NONE.withLeap(LeapIndicator.of(leap))),
            request(4, Mode.CLIENT, 6),
            Duration.ZERO);
    assertEquals(leap, reply.leap().code());
  }

  @Test
  void kissOfDeathFaultAnswersWithTheCodeAndNoServerTime() {
    Responder responder = responder(CONFIG.withFaults(Faults.NONE.withKissOfDeath(KissCode.DENY)));
    Reply reply =
        assertInstanceOf(
            Reply.class, responder.respond(request(4, Mode.CLIENT, 5), CLIENT, ARRIVAL));
    assertTrue(reply.kissOfDeath());
    clock.advance(Duration.ofSeconds(1));
    NtpPacket kiss = NtpCodec.decodePacket(responder.encode(reply));
    assertEquals(LeapIndicator.UNSYNCHRONIZED, kiss.leap());
    assertEquals(0, kiss.stratum());
    assertEquals(Optional.of(KissCode.DENY), kiss.kissCode());
    assertEquals(5, kiss.poll());
    assertEquals(SENT, kiss.originTime());
    assertEquals(
        SENT, kiss.receiveTime(), "ntpd's KoD: receive = transmit = the request's transmit");
    assertEquals(SENT, kiss.transmitTime());
    assertEquals(NtpTimestamp.ZERO, kiss.referenceTime());
    assertEquals(48, NtpCodec.encode(kiss).length);
  }

  @Test
  void aRateKissAsksForAtLeastTheRateLimitsPoll() {
    ServerConfig config =
        CONFIG
            .withFaults(Faults.NONE.withKissOfDeath(KissCode.RATE))
            .withRateLimit(RateLimit.OFF.withInterval(Duration.ofSeconds(16)));
    assertEquals(4, answer(config, request(4, Mode.CLIENT, 2), Duration.ZERO).poll());
    assertEquals(7, answer(config, request(4, Mode.CLIENT, 7), Duration.ZERO).poll());
  }

  @Test
  void lossDropsWhenTheRandomDrawIsUnderTheFraction() {
    ServerConfig config = CONFIG.withFaults(Faults.NONE.withLoss(0.25));
    assertEquals(
        DropReason.LOSS,
        assertInstanceOf(
                Drop.class,
                new Responder(config, clock, draws(0.2499))
                    .respond(request(4, Mode.CLIENT, 6), CLIENT, ARRIVAL))
            .reason());
    assertInstanceOf(
        Reply.class,
        new Responder(config, clock, draws(0.25))
            .respond(request(4, Mode.CLIENT, 6), CLIENT, ARRIVAL));
  }

  @Test
  void lossOfOneDropsEverythingAndSeededLossIsRepeatable() {
    Responder all =
        new Responder(
            CONFIG.withFaults(Faults.NONE.withLoss(1)), clock, RandomGenerator.getDefault());
    for (int i = 0; i < 100; i++) {
      assertInstanceOf(Drop.class, all.respond(request(4, Mode.CLIENT, 6), CLIENT, ARRIVAL));
    }
    assertEquals(lossPattern(42), lossPattern(42));
    assertFalse(
        lossPattern(42).chars().allMatch(c -> c == lossPattern(42).charAt(0)),
        "some lost, some not");
  }

  String lossPattern(long seed) {
    Responder responder =
        new Responder(
            CONFIG.withFaults(Faults.NONE.withLoss(0.5)), clock, new SplittableRandom(seed));
    StringBuilder pattern = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      pattern.append(
          responder.respond(request(4, Mode.CLIENT, 6), CLIENT, ARRIVAL) instanceof Drop
              ? 'x'
              : '.');
    }
    return pattern.toString();
  }

  /** A generator whose next double is {@code value}. */
  static RandomGenerator draws(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @Test
  void delayHoldsTheReplyButTheClientSeesNoExtraDelayOrOffset() {
    Duration delay = Duration.ofMillis(200);
    Responder responder = responder(CONFIG.withFaults(Faults.NONE.withDelay(delay)));
    Reply reply =
        assertInstanceOf(
            Reply.class, responder.respond(request(4, Mode.CLIENT, 6), CLIENT, ARRIVAL));
    assertEquals(delay, reply.hold());
    clock.advance(delay);
    NtpPacket sent = NtpCodec.decodePacket(responder.encode(reply));
    assertEquals(ts(ARRIVAL), sent.receiveTime());
    assertEquals(ts(ARRIVAL.plus(delay)), sent.transmitTime());
    // A zero-length network: T1 = arrival, T4 = send time.
    Sample sample = Sample.of(ts(ARRIVAL), sent, ts(ARRIVAL.plus(delay)));
    assertEquals(0, sample.offsetNanos());
    assertEquals(0, sample.delayNanos());
  }

  @ParameterizedTest(name = "asymmetry {0} ms")
  @ValueSource(ints = {40, -40})
  void asymmetryShowsTheClientHalfOfItAsOffsetAndAllOfItAsDelay(int millis) {
    Duration asymmetry = Duration.ofMillis(millis);
    Responder responder = responder(CONFIG.withFaults(Faults.NONE.withAsymmetry(asymmetry)));
    Reply reply =
        assertInstanceOf(
            Reply.class, responder.respond(request(4, Mode.CLIENT, 6), CLIENT, ARRIVAL));
    assertEquals(asymmetry.abs(), reply.hold());
    clock.advance(asymmetry.abs());
    NtpPacket sent = NtpCodec.decodePacket(responder.encode(reply));
    Sample sample = Sample.of(ts(ARRIVAL), sent, ts(ARRIVAL.plus(asymmetry.abs())));
    assertEquals(asymmetry.dividedBy(2).toNanos(), sample.offsetNanos(), 1);
    assertEquals(asymmetry.abs().toNanos(), sample.delayNanos(), 1);
    assertTrue(
        sent.transmitTime().compareTo(sent.receiveTime()) >= 0,
        "the server never sends before it receives");
  }

  @Test
  void unsynchronizedAnswersAsNtpdDoesBeforeItsFirstSync() {
    NtpPacket reply =
        answer(
            CONFIG.withFaults(Faults.NONE.withUnsynchronized(true)),
            request(4, Mode.CLIENT, 6),
            Duration.ofMillis(1));
    assertEquals(LeapIndicator.UNSYNCHRONIZED, reply.leap());
    assertEquals(0, reply.stratum());
    assertEquals(ReferenceId.ofAscii("INIT"), reply.referenceId());
    assertEquals(NtpTimestamp.ZERO, reply.referenceTime());
    assertEquals(NtpShort.ZERO, reply.rootDelay());
    assertEquals(ts(ARRIVAL), reply.receiveTime(), "the timestamps are still real");
    assertEquals(ts(ARRIVAL.plusMillis(1)), reply.transmitTime());
  }

  // ---- rate limit -----------------------------------------------------------------------------

  @Test
  void aClientOverItsLimitGetsOneRateKissThenNothing() {
    Responder responder = responder(CONFIG.withRateLimit(RateLimit.DEFAULT.withBurst(2)));
    byte[] request = request(4, Mode.CLIENT, 3);
    assertFalse(
        assertInstanceOf(Reply.class, responder.respond(request, CLIENT, ARRIVAL)).kissOfDeath());
    assertFalse(
        assertInstanceOf(Reply.class, responder.respond(request, CLIENT, ARRIVAL)).kissOfDeath());
    Reply kiss = assertInstanceOf(Reply.class, responder.respond(request, CLIENT, ARRIVAL));
    assertTrue(kiss.kissOfDeath());
    assertEquals(Optional.of(KissCode.RATE), kiss.packet().kissCode());
    assertEquals(
        3, kiss.packet().poll(), "poll ≥ log2 of the 1 s interval: the request's 3 stands");
    assertEquals(
        DropReason.RATE_LIMITED,
        assertInstanceOf(Drop.class, responder.respond(request, CLIENT, ARRIVAL)).reason());
    assertEquals(2, responder.limiter().limited());
  }

  @Test
  void theFaultKissComesOnlyAfterTheRateLimit() {
    Responder responder =
        responder(
            CONFIG
                .withFaults(Faults.NONE.withKissOfDeath(KissCode.RSTR))
                .withRateLimit(RateLimit.DEFAULT.withBurst(1).withKissOfDeath(false)));
    byte[] request = request(4, Mode.CLIENT, 6);
    assertEquals(
        Optional.of(KissCode.RSTR),
        assertInstanceOf(Reply.class, responder.respond(request, CLIENT, ARRIVAL))
            .packet()
            .kissCode());
    assertEquals(
        DropReason.RATE_LIMITED,
        assertInstanceOf(Drop.class, responder.respond(request, CLIENT, ARRIVAL)).reason());
  }

  @Test
  void measuresPrecisionWhenNotConfigured() {
    TestClock ticking = new TestClock(ARRIVAL, Duration.ofNanos(1_000));
    assertEquals(
        -20,
        new Responder(ServerConfig.loopback(), ticking, RandomGenerator.getDefault()).precision());
    assertEquals(
        Precision.UNMEASURABLE,
        new Responder(ServerConfig.loopback(), clock, RandomGenerator.getDefault()).precision(),
        "a clock that never moves while measured");
    assertEquals(-30, Precision.log2Seconds(1));
    assertEquals(-25, Precision.log2Seconds(30));
    assertEquals(0, Precision.log2Seconds(5_000_000_000L));
  }

  @Test
  void encodesExactlyWhatWasDecidedApartFromTheTransmitTimestamp() {
    Responder responder = responder(CONFIG);
    Reply reply =
        assertInstanceOf(
            Reply.class, responder.respond(request(4, Mode.CLIENT, 6), CLIENT, ARRIVAL));
    byte[] draft = NtpCodec.encode(reply.packet());
    byte[] sent = responder.encode(reply);
    assertArrayEquals(Arrays.copyOf(draft, 40), Arrays.copyOf(sent, 40));
  }
}
