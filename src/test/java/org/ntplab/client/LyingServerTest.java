package org.ntplab.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.client.QueryResult.KissOfDeath;
import org.ntplab.client.QueryResult.NoAnswer;
import org.ntplab.sync.Problem;
import org.ntplab.sync.ReplyCheck;
import org.ntplab.sync.ReplyCheck.Reason;
import org.ntplab.testing.CapturedReply;
import org.ntplab.testing.UdpResponder;
import org.ntplab.testing.UdpResponder.Request;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.NtpTimestamp;

/**
 * {@link SntpClient} over real UDP against servers on loopback that lie: each lie is either waited
 * past (not our reply: {@link ReplyCheck}) or shown as a problem or a kiss-o'-death of the answer,
 * and the real reply, when one follows, is the one taken.
 */
class LyingServerTest {

  private static final SntpClient.Options ONE_SHORT_TRY =
      SntpClient.Options.DEFAULTS.withTimeout(Duration.ofMillis(300)).withAttempts(1);

  private static QueryResult ask(UdpResponder server) throws IOException {
    return ask(server, SntpClient.Options.DEFAULTS);
  }

  private static QueryResult ask(UdpResponder server, SntpClient.Options options)
      throws IOException {
    return new SntpClient(new UdpTransport(), Clock.systemUTC()).query(server.address(), options);
  }

  /** The real answer to {@code request}, whose origin is our nonce back. */
  private static void assertAnswers(QueryResult outcome, UdpResponder server) {
    Answered answered = assertInstanceOf(Answered.class, outcome, () -> String.valueOf(outcome));
    byte[] request = server.requests().get(server.requests().size() - 1).bytes();
    assertEquals(CapturedReply.transmitOf(request), answered.reply().originTime());
    assertEquals(1, answered.attempts(), "the lie did not cost an attempt");
  }

  private static List<Reason> reasons(List<ReplyCheck.Rejected> ignored) {
    return ignored.stream().map(ReplyCheck.Rejected::reason).toList();
  }

  /** Sends {@code datagram} from {@code socket} to where {@code request} came from. */
  private static void sendFrom(DatagramSocket socket, Request request, byte[] datagram) {
    try {
      socket.send(new DatagramPacket(datagram, datagram.length, request.from()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A forged reply with the right origin but from another port, and an hour ahead: {@link
   * UdpTransport} connects its channel to the server, so the kernel drops it before {@link
   * ReplyCheck} would (which rejects it too: {@code ReplyCheckTest}); the real reply is the answer.
   */
  @Test
  void aForgedReplyFromAnotherPortNeverReachesTheClient() throws IOException {
    try (DatagramSocket forger =
            new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        UdpResponder server =
            UdpResponder.answering(
                request -> {
                  sendFrom(forger, request, anHourAhead(CapturedReply.answering(request.bytes())));
                  return List.of(CapturedReply.answering(request.bytes()));
                })) {
      assertTheRealReply(ask(server), server);
    }
  }

  @Test
  void aForgedReplyFromTheRightPortOfAnotherAddressNeverReachesTheClient() throws IOException {
    AtomicReference<DatagramSocket> forger = new AtomicReference<>();
    try (UdpResponder server =
        UdpResponder.answering(
            request -> {
              sendFrom(
                  forger.get(), request, anHourAhead(CapturedReply.answering(request.bytes())));
              return List.of(CapturedReply.answering(request.bytes()));
            })) {
      forger.set(
          new DatagramSocket(
              new InetSocketAddress(
                  InetAddress.getByName("127.0.0.2"), server.address().getPort())));
      try (DatagramSocket closing = forger.get()) {
        assertTheRealReply(ask(server), server);
      }
    }
  }

  private static void assertTheRealReply(QueryResult outcome, UdpResponder server) {
    assertAnswers(outcome, server);
    assertEquals(
        CapturedReply.transmitOf(CapturedReply.bytes()),
        ((Answered) outcome).reply().transmitTime(),
        "the real transmit time, not the forger's");
    assertEquals(
        List.of(),
        ((Answered) outcome).ignored(),
        "the kernel dropped the forgery: nothing to ignore");
  }

  private static byte[] anHourAhead(byte[] reply) {
    return CapturedReply.withTransmit(
        reply, new NtpTimestamp(CapturedReply.transmitOf(reply).bits() + (3600L << 32)));
  }

  @Test
  void aReplyWithAnotherOriginIsWaitedPast() throws IOException {
    try (UdpResponder server =
        UdpResponder.start(
            request -> {
              NtpTimestamp sent = CapturedReply.transmitOf(request);
              return List.of(
                  CapturedReply.withOrigin(
                      CapturedReply.bytes(), new NtpTimestamp(sent.bits() + 1)),
                  CapturedReply.answering(request));
            })) {
      QueryResult outcome = ask(server);
      assertAnswers(outcome, server);
      assertEquals(List.of(Reason.ORIGIN_MISMATCH), reasons(((Answered) outcome).ignored()));
    }
  }

  /** The reply to the first query, sent again before the second's: the origin gives it away. */
  @Test
  void aReplayOfAnEarlierExchangeIsWaitedPast() throws IOException {
    AtomicReference<byte[]> previous = new AtomicReference<>();
    try (UdpResponder server =
        UdpResponder.start(
            request -> {
              byte[] reply = CapturedReply.answering(request);
              byte[] replay = previous.getAndSet(reply);
              return replay == null ? List.of(reply) : List.of(replay, reply);
            })) {
      List<QueryResult> outcomes =
          new SntpClient(new UdpTransport(), Clock.systemUTC())
              .queryEach(
                  server.address(), SntpClient.Options.DEFAULTS, 2, Duration.ZERO, outcome -> {});
      assertEquals(2, outcomes.size());
      Answered second = assertInstanceOf(Answered.class, outcomes.get(1));
      assertEquals(
          CapturedReply.transmitOf(server.requests().get(1).bytes()), second.reply().originTime());
      assertEquals(List.of(Reason.ORIGIN_MISMATCH), reasons(second.ignored()));
    }
  }

  /**
   * Each reply sent twice: each query takes its own once; the copy never passes for the next
   * answer.
   */
  @Test
  void aDuplicatedReplyAnswersItsOwnQueryOnly() throws IOException {
    try (UdpResponder server =
        UdpResponder.start(
            request -> {
              byte[] reply = CapturedReply.answering(request);
              return List.of(reply, reply);
            })) {
      List<QueryResult> outcomes =
          new SntpClient(new UdpTransport(), Clock.systemUTC())
              .queryEach(
                  server.address(), SntpClient.Options.DEFAULTS, 3, Duration.ZERO, outcome -> {});
      assertEquals(3, outcomes.size());
      for (int i = 0; i < 3; i++) {
        Answered answered = assertInstanceOf(Answered.class, outcomes.get(i));
        assertEquals(
            CapturedReply.transmitOf(server.requests().get(i).bytes()),
            answered.reply().originTime(),
            "query " + i);
      }
    }
  }

  @Test
  void aZeroTransmitAndJunkFromTheServerAreWaitedPast() throws IOException {
    try (UdpResponder server =
        UdpResponder.start(
            request ->
                List.of(
                    CapturedReply.withTransmit(CapturedReply.answering(request), NtpTimestamp.ZERO),
                    new byte[] {
                      0x16, (byte) 0x82, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0
                    }, // a mode 6 response
                    new byte[] {1, 2, 3},
                    CapturedReply.withFirstByte(
                        CapturedReply.answering(request), 0x23), // mode 3, a client's request
                    CapturedReply.answering(request)))) {
      QueryResult outcome = ask(server);
      assertAnswers(outcome, server);
      assertEquals(
          List.of(
              Reason.ZERO_TRANSMIT, Reason.NOT_A_TIME_PACKET, Reason.MALFORMED, Reason.WRONG_MODE),
          reasons(((Answered) outcome).ignored()));
    }
  }

  /** Only lies and no reply: no answer, and nothing to set a clock by. */
  @Test
  void onlyLiesIsNoAnswer() throws IOException {
    try (UdpResponder server =
        UdpResponder.start(request -> List.of(CapturedReply.bytes()))) { // a stale origin
      NoAnswer none = assertInstanceOf(NoAnswer.class, ask(server, ONE_SHORT_TRY));
      assertEquals(List.of(Reason.ORIGIN_MISMATCH), reasons(none.ignored()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"DENY, STOP_USING_SERVER", "RSTR, STOP_USING_SERVER", "RATE, REDUCE_RATE"})
  void aKissOfDeathIsNoTimeAndSaysWhatToDo(String code, KissCode.Action action) throws IOException {
    try (UdpResponder server = UdpResponder.start(kiss(code))) {
      KissOfDeath kiss = assertInstanceOf(KissOfDeath.class, ask(server));
      assertEquals(new KissCode(code), kiss.code());
      assertEquals(action, kiss.action());
      assertEquals(1, server.requests().size(), "not asked again");
    }
  }

  /** After DENY a series stops: the server said not to ask again. */
  @Test
  void aSeriesStopsAtDeny() throws IOException {
    try (UdpResponder server = UdpResponder.start(kiss("DENY"))) {
      List<QueryResult> outcomes =
          new SntpClient(new UdpTransport(), Clock.systemUTC())
              .queryEach(
                  server.address(), SntpClient.Options.DEFAULTS, 4, Duration.ZERO, outcome -> {});
      assertEquals(1, outcomes.size());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void leapIndicator3IsAProblemOfTheAnswer() throws IOException {
    try (UdpResponder server =
        UdpResponder.start(
            request -> List.of(CapturedReply.unsynchronized(CapturedReply.answering(request))))) {
      Answered answered = assertInstanceOf(Answered.class, ask(server));
      assertTrue(
          answered.problems().contains(new Problem.LeapAlarm()), answered.problems().toString());
    }
  }

  @Test
  void stratum16IsAProblemOfTheAnswer() throws IOException {
    try (UdpResponder server =
        UdpResponder.start(request -> List.of(withStratum(CapturedReply.answering(request), 16)))) {
      Answered answered = assertInstanceOf(Answered.class, ask(server));
      assertTrue(
          answered.problems().contains(new Problem.StratumUnsynchronized(16)),
          answered.problems().toString());
    }
  }

  static Function<byte[], List<byte[]>> kiss(String code) {
    return request -> List.of(CapturedReply.kissOfDeath(CapturedReply.answering(request), code));
  }

  static byte[] withStratum(byte[] packet, int stratum) {
    byte[] b = packet.clone();
    b[1] = (byte) stratum;
    return b;
  }
}
