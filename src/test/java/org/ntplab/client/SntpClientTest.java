package org.ntplab.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.client.QueryResult.KissOfDeath;
import org.ntplab.client.QueryResult.NoAnswer;
import org.ntplab.client.Transport.Received;
import org.ntplab.sync.Problem;
import org.ntplab.sync.ReplyCheck.Reason;
import org.ntplab.sync.ReplyCheck.Rejected;
import org.ntplab.testing.CapturedReply;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.NtpTimestamp;

/**
 * Every client rule, against a mocked network and clock: what is sent, what is accepted, when to
 * give up.
 */
class SntpClientTest {

  static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 123);
  static final long NONCE = 0x6b8b4567327b23c6L;
  static final long NONCE_2 = 0x643c986966334873L;
  static final long NONCE_3 = 0x74b0dc5119495cffL;

  final Transport transport = mock(Transport.class);
  final Clock clock = mock(Clock.class);
  // Its default sleepUntil runs as written, on the scripted nanos and sleep.
  final Ticker ticker = mock(Ticker.class, CALLS_REAL_METHODS);
  final RandomGenerator random = mock(RandomGenerator.class);
  final SntpClient client = new SntpClient(transport, clock, ticker, random);

  /** Requests in the order sent. */
  final List<byte[]> sent = new ArrayList<>();

  /**
   * What each receive() returns, made from the last request sent; empty (a timeout) when used up.
   */
  final Deque<Function<byte[], Optional<Received>>> script = new ArrayDeque<>();

  @BeforeEach
  void network() throws IOException {
    when(random.nextLong()).thenReturn(NONCE, NONCE_2, NONCE_3);
    when(clock.instant()).thenReturn(CapturedReply.t1(), CapturedReply.t4());
    doAnswer(call -> sent.add(call.getArgument(1))).when(transport).send(any(), any());
    when(transport.receive(any()))
        .thenAnswer(
            call ->
                script.isEmpty()
                    ? Optional.empty()
                    : script.poll().apply(sent.get(sent.size() - 1)));
  }

  static Function<byte[], Optional<Received>> from(
      InetSocketAddress source, Function<byte[], byte[]> reply) {
    return request -> Optional.of(new Received(source, reply.apply(request)));
  }

  static Function<byte[], Optional<Received>> realReply() {
    return from(SERVER, CapturedReply::answering);
  }

  static Function<byte[], Optional<Received>> timeout() {
    return request -> Optional.empty();
  }

  QueryResult query() throws IOException {
    return client.query(SERVER, SntpClient.Options.DEFAULTS);
  }

  @Test
  void theRequestCarriesANonceAndT1IsKeptAsideForTheSample() throws IOException {
    script.add(realReply());
    Answered answered = assertInstanceOf(Answered.class, query());

    byte[] request = sent.get(0);
    assertEquals(48, request.length);
    assertEquals(0x23, request[0], "LI 0, version 4, mode 3");
    assertEquals(new NtpTimestamp(NONCE), CapturedReply.transmitOf(request));
    assertArrayEquals(new byte[39], Arrays.copyOfRange(request, 1, 40), "all else zero");
    assertEquals(CapturedReply.t1(), answered.t1());
    assertEquals(
        NtpTimestamp.from(CapturedReply.t1()),
        answered.sample().t1(),
        "the sample uses the real T1");
    assertEquals(CapturedReply.t4(), answered.t4());
    assertEquals(CapturedReply.OFFSET_NANOS, answered.sample().offsetNanos());
    assertEquals(CapturedReply.DELAY_NANOS, answered.sample().delayNanos());
    assertEquals(List.of(), answered.problems());
    assertEquals(1, answered.attempts());
  }

  @Test
  void classicRequestsCarryT1InTheTransmitField() throws IOException {
    script.add(realReply());
    Answered answered =
        assertInstanceOf(
            Answered.class, client.query(SERVER, SntpClient.Options.DEFAULTS.withClassic(true)));
    assertEquals(NtpTimestamp.from(CapturedReply.t1()), CapturedReply.transmitOf(sent.get(0)));
    assertEquals(CapturedReply.OFFSET_NANOS, answered.sample().offsetNanos());
    verifyNoInteractions(random);
  }

  /**
   * What sits between reading T1 and the datagram leaving counts as outbound delay and biases the
   * offset by half of it: the socket is readied and the request encoded (the nonce drawn) first.
   */
  @Test
  void t1IsReadAfterTheSocketIsReadiedAndTheRequestEncodedJustBeforeTheSend() throws IOException {
    script.add(realReply());
    query();
    InOrder order = inOrder(transport, random, clock);
    order.verify(transport).open(SERVER);
    order.verify(random).nextLong();
    order.verify(clock).instant();
    order.verify(transport).send(SERVER, sent.get(0));
    order.verify(transport).receive(any());
    order.verify(clock).instant();
  }

  @Test
  void classicRequestsReadT1AfterTheSocketIsReadiedAndJustBeforeTheSend() throws IOException {
    script.add(realReply());
    client.query(SERVER, SntpClient.Options.DEFAULTS.withClassic(true));
    InOrder order = inOrder(transport, clock);
    order.verify(transport).open(SERVER);
    order.verify(clock).instant();
    order.verify(transport).send(SERVER, sent.get(0));
    assertEquals(NtpTimestamp.from(CapturedReply.t1()), CapturedReply.transmitOf(sent.get(0)));
  }

  @Test
  void everyAttemptReadiesANewExchangeBeforeItsT1() throws IOException {
    script.add(timeout());
    script.add(realReply());
    query();
    InOrder order = inOrder(transport, clock);
    for (int attempt = 0; attempt < 2; attempt++) {
      order.verify(transport).open(SERVER);
      order.verify(clock).instant();
      order.verify(transport).send(SERVER, sent.get(attempt));
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 0x0b", "2, 0x13", "3, 0x1b", "4, 0x23"})
  void eachVersionIsAskedForInTheFirstByte(int version, String firstByte) throws IOException {
    script.add(realReply());
    client.query(SERVER, SntpClient.Options.DEFAULTS.withVersion(version).withClassic(true));
    assertEquals(Integer.decode(firstByte), sent.get(0)[0] & 0xff);
    assertEquals(48, sent.get(0).length);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5})
  void versionsOtherThan1To4AreRefused(int version) {
    assertThrows(
        IllegalArgumentException.class, () -> SntpClient.Options.DEFAULTS.withVersion(version));
  }

  @Test
  void aSpoofedReplyIsIgnoredAndTheRealOneAfterItAccepted() throws IOException {
    script.add(
        from(
            SERVER,
            request ->
                CapturedReply.withOrigin(CapturedReply.bytes(), new NtpTimestamp(NONCE + 1))));
    script.add(realReply());
    Answered answered = assertInstanceOf(Answered.class, query());
    assertEquals(List.of(Reason.ORIGIN_MISMATCH), reasons(answered.ignored()));
    assertEquals(1, sent.size(), "waited on, no new request");
    assertEquals(CapturedReply.OFFSET_NANOS, answered.sample().offsetNanos());
  }

  @Test
  void aReplyFromAnotherAddressIsIgnored() throws IOException {
    script.add(from(new InetSocketAddress("192.0.2.66", 123), CapturedReply::answering));
    script.add(from(new InetSocketAddress("192.0.2.1", 1123), CapturedReply::answering));
    script.add(realReply());
    Answered answered = assertInstanceOf(Answered.class, query());
    assertEquals(List.of(Reason.WRONG_SOURCE, Reason.WRONG_SOURCE), reasons(answered.ignored()));
  }

  @Test
  void aReplyWithZeroTransmitIsIgnored() throws IOException {
    script.add(
        from(
            SERVER,
            request ->
                CapturedReply.withTransmit(CapturedReply.answering(request), NtpTimestamp.ZERO)));
    script.add(realReply());
    Answered answered = assertInstanceOf(Answered.class, query());
    assertEquals(List.of(Reason.ZERO_TRANSMIT), reasons(answered.ignored()));
  }

  @Test
  void whatIsNotAServerReplyIsIgnored() throws IOException {
    script.add(from(SERVER, request -> new byte[20]));
    script.add(from(SERVER, request -> request)); // our own request reflected: mode 3
    script.add(
        from(
            SERVER,
            request -> CapturedReply.withFirstByte(CapturedReply.answering(request), 0x25)));
    script.add(realReply());
    Answered answered = assertInstanceOf(Answered.class, query());
    assertEquals(
        List.of(Reason.MALFORMED, Reason.WRONG_MODE, Reason.WRONG_MODE),
        reasons(answered.ignored()));
  }

  @Test
  void aFloodOfJunkIsWaitedPastAndOnlyTheFirstHundredKept() throws IOException {
    for (int i = 0; i < 150; i++) {
      script.add(from(SERVER, request -> new byte[3]));
    }
    script.add(realReply());
    Answered answered = assertInstanceOf(Answered.class, query());
    assertEquals(SntpClient.MAX_IGNORED, answered.ignored().size());
  }

  @Test
  void aTimedOutAttemptIsRetriedWithANewRequestAndTwiceTheWait() throws IOException {
    script.add(timeout());
    script.add(timeout());
    script.add(realReply());
    Answered answered = assertInstanceOf(Answered.class, query());

    InOrder order = inOrder(transport);
    order.verify(transport).send(SERVER, sent.get(0));
    order.verify(transport).receive(Duration.ofSeconds(1));
    order.verify(transport).send(SERVER, sent.get(1));
    order.verify(transport).receive(Duration.ofSeconds(2));
    order.verify(transport).send(SERVER, sent.get(2));
    order.verify(transport).receive(Duration.ofSeconds(4));
    assertEquals(
        List.of(new NtpTimestamp(NONCE), new NtpTimestamp(NONCE_2), new NtpTimestamp(NONCE_3)),
        sent.stream().map(CapturedReply::transmitOf).toList(),
        "a fresh nonce for every request");
    assertEquals(3, answered.attempts());
    assertEquals(new NtpTimestamp(NONCE_3), answered.reply().originTime());
  }

  @Test
  void aLateReplyToAnEarlierAttemptIsNotTakenForTheAnswer() throws IOException {
    byte[][] first = new byte[1][];
    script.add(
        request -> {
          first[0] = request;
          return Optional.empty();
        });
    script.add(request -> Optional.of(new Received(SERVER, CapturedReply.answering(first[0]))));
    script.add(realReply());
    Answered answered = assertInstanceOf(Answered.class, query());
    assertEquals(List.of(Reason.ORIGIN_MISMATCH), reasons(answered.ignored()));
    assertEquals(2, answered.attempts());
  }

  @Test
  void whenEveryAttemptTimesOutTheOutcomeSaysWhatWasIgnored() throws IOException {
    script.add(
        from(
            SERVER, request -> CapturedReply.withOrigin(CapturedReply.bytes(), NtpTimestamp.ZERO)));
    NoAnswer none = assertInstanceOf(NoAnswer.class, query());
    assertEquals(3, none.attempts());
    assertEquals(SERVER, none.server());
    assertEquals(List.of(Reason.ORIGIN_MISMATCH), reasons(none.ignored()));
    verify(transport, times(3)).send(any(), any());
  }

  @Test
  void eachAttemptWaitsOnlyWhatIsLeftOfItsTime() throws IOException {
    when(ticker.nanos()).thenReturn(0L, 0L, 300_000_000L, 1_000_000_000L);
    script.add(from(SERVER, request -> new byte[20]));
    script.add(realReply());
    client.query(SERVER, SntpClient.Options.DEFAULTS.withAttempts(1));
    InOrder order = inOrder(transport);
    order.verify(transport).receive(Duration.ofSeconds(1));
    order.verify(transport).receive(Duration.ofMillis(700));
  }

  @ParameterizedTest
  @CsvSource({"DENY, STOP_USING_SERVER", "RSTR, STOP_USING_SERVER", "RATE, REDUCE_RATE"})
  void aKissOfDeathIsAnOutcomeOfItsOwnAndNeverRetried(String code, KissCode.Action action)
      throws IOException {
    script.add(
        from(SERVER, request -> CapturedReply.kissOfDeath(CapturedReply.answering(request), code)));
    KissOfDeath kod = assertInstanceOf(KissOfDeath.class, query());
    assertEquals(new KissCode(code), kod.code());
    assertEquals(action, kod.action());
    assertEquals(CapturedReply.t1(), kod.t1());
    verify(transport, times(1)).send(any(), any());
  }

  @Test
  void unfitTimeComesWithItsProblems() throws IOException {
    script.add(
        from(SERVER, request -> CapturedReply.unsynchronized(CapturedReply.answering(request))));
    Answered answered = assertInstanceOf(Answered.class, query());
    assertEquals(List.of(new Problem.LeapAlarm()), answered.problems());
  }

  @Test
  void aSeriesIsSpacedAndTheBestHasTheLeastDelay() throws Exception {
    Instant t1 = CapturedReply.t1();
    Instant t4 = CapturedReply.t4();
    when(clock.instant()).thenReturn(t1, t4.plusMillis(3), t1, t4, t1, t4.plusMillis(1));
    script.add(realReply());
    script.add(realReply());
    script.add(realReply());
    List<QueryResult> outcomes =
        client.queryEach(SERVER, SntpClient.Options.DEFAULTS, 3, Duration.ofSeconds(2), o -> {});

    assertEquals(3, outcomes.size());
    Answered best = SntpClient.best(outcomes).orElseThrow();
    assertEquals(outcomes.get(1), best);
    assertEquals(CapturedReply.DELAY_NANOS, best.sample().delayNanos());
    verify(ticker, times(2)).sleep(Duration.ofSeconds(2));
  }

  @Test
  void aSeriesStopsAtAKissOfDeath() throws IOException {
    script.add(realReply());
    script.add(
        from(
            SERVER,
            request -> CapturedReply.kissOfDeath(CapturedReply.answering(request), "RATE")));
    List<QueryResult> outcomes =
        client.queryEach(SERVER, SntpClient.Options.DEFAULTS, 4, Duration.ZERO, o -> {});
    assertEquals(2, outcomes.size());
    assertInstanceOf(KissOfDeath.class, outcomes.get(1));
    verify(transport, times(2)).send(any(), any());
  }

  @Test
  void theTransportIsClosedAfterEveryQuery() throws IOException {
    script.add(realReply());
    query();
    query();
    verify(transport, times(2)).close();
  }

  @Test
  void anUnreachablePortIsAnErrorNotATimeout() throws IOException {
    doThrow(new PortUnreachableException("192.0.2.1:123: port unreachable"))
        .when(transport)
        .receive(any());
    assertThrows(PortUnreachableException.class, this::query);
    verify(transport, times(1)).send(any(), any());
    verify(transport).close();
  }

  static List<Reason> reasons(List<Rejected> rejected) {
    return rejected.stream().map(Rejected::reason).toList();
  }
}
