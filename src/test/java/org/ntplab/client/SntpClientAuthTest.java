package org.ntplab.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.ntplab.testing.SignedExchanges.hex;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ntplab.auth.MacCheck;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.client.QueryResult.KissOfDeath;
import org.ntplab.client.Transport.Received;
import org.ntplab.sync.Problem;
import org.ntplab.testing.CapturedReply;
import org.ntplab.testing.SignedExchanges;
import org.ntplab.wire.NtpTimestamp;

/**
 * The client's side of symmetric-key authentication, against a mocked network that answers with
 * chronyd's real signed replies (or altered ones): the request is signed exactly as chronyd
 * expects, and every outcome of the reply's MAC check is told apart.
 */
class SntpClientAuthTest {

  static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 123);

  /** Our clock as chronyd's request left and its reply arrived: around its T2 eeacdb31.5b81ca25. */
  static final Instant T1 = NtpTimestamp.parse("eeacdb31.5b000000").instant().orElseThrow();

  static final Instant T4 = NtpTimestamp.parse("eeacdb31.5c000000").instant().orElseThrow();

  final Transport transport = mock(Transport.class);
  final Clock clock = mock(Clock.class);
  final Ticker ticker = mock(Ticker.class);
  final RandomGenerator random = mock(RandomGenerator.class);
  final SntpClient client = new SntpClient(transport, clock, ticker, random);
  final List<byte[]> sent = new ArrayList<>();
  final Deque<UnaryOperator<byte[]>> replies = new ArrayDeque<>();

  @BeforeEach
  void network() throws IOException {
    when(random.nextLong()).thenReturn(SignedExchanges.NONCE); // the nonce of chronyd's exchanges
    when(clock.instant()).thenReturn(T1, T4);
    doAnswer(call -> sent.add(call.getArgument(1))).when(transport).send(any(), any());
    when(transport.receive(any()))
        .thenAnswer(
            call ->
                replies.isEmpty()
                    ? Optional.empty()
                    : Optional.of(
                        new Received(SERVER, replies.poll().apply(sent.get(sent.size() - 1)))));
  }

  QueryResult query(SymmetricKey key) throws IOException {
    return client.query(SERVER, SntpClient.Options.DEFAULTS.withKey(key));
  }

  @Test
  void signsTheRequestAsChronydExpectsAndVerifiesItsMd5Reply() throws IOException {
    replies.add(request -> hex(SignedExchanges.MD5_REPLY));
    Answered answered = assertInstanceOf(Answered.class, query(SignedExchanges.MD5_KEY));
    assertArrayEquals(
        hex(SignedExchanges.MD5_REQUEST), sent.get(0), "68 bytes: header, key ID 1, MD5 digest");
    assertEquals(Optional.of(MacCheck.VERIFIED), answered.authentication());
    assertEquals(List.of(), answered.problems());
  }

  @Test
  void signsTheRequestAsChronydExpectsAndVerifiesItsSha1Reply() throws IOException {
    replies.add(request -> hex(SignedExchanges.SHA1_REPLY));
    Answered answered = assertInstanceOf(Answered.class, query(SignedExchanges.SHA1_KEY));
    assertArrayEquals(
        hex(SignedExchanges.SHA1_REQUEST), sent.get(0), "72 bytes: header, key ID 2, SHA1 digest");
    assertEquals(Optional.of(MacCheck.VERIFIED), answered.authentication());
    assertEquals(List.of(), answered.problems());
  }

  @Test
  void aCryptoNakIsAProblemOfTheAnswer() throws IOException {
    replies.add(
        request -> Arrays.copyOf(hex(SignedExchanges.MD5_REPLY), 52)); // key ID 0, no digest
    Answered answered = assertInstanceOf(Answered.class, query(SignedExchanges.MD5_KEY));
    assertEquals(Optional.of(MacCheck.CRYPTO_NAK), answered.authentication());
    assertEquals(
        List.of(new Problem.AuthenticationFailed(MacCheck.CRYPTO_NAK)), answered.problems());
    assertEquals(
        "not authenticated: crypto-NAK: the server could not authenticate the request (it lacks the key,"
            + " or its key differs)",
        answered.problems().get(0).describe());
  }

  @Test
  void anUnsignedReplyToASignedRequestIsAProblem() throws IOException {
    replies.add(request -> Arrays.copyOf(hex(SignedExchanges.MD5_REPLY), 48));
    Answered answered = assertInstanceOf(Answered.class, query(SignedExchanges.MD5_KEY));
    assertEquals(Optional.of(MacCheck.MISSING), answered.authentication());
    assertEquals(List.of(new Problem.AuthenticationFailed(MacCheck.MISSING)), answered.problems());
  }

  @Test
  void aDigestMadeWithAnotherSecretIsAProblem() throws IOException {
    SymmetricKey impostor = new SymmetricKey(1, SymmetricKey.Algorithm.MD5, new byte[] {'x'});
    replies.add(request -> impostor.sign(Arrays.copyOf(hex(SignedExchanges.MD5_REPLY), 48)));
    Answered answered = assertInstanceOf(Answered.class, query(SignedExchanges.MD5_KEY));
    assertEquals(Optional.of(MacCheck.BAD_DIGEST), answered.authentication());
  }

  @Test
  void aReplySignedWithAnotherKeyIdIsAProblem() throws IOException {
    replies.add(request -> hex(SignedExchanges.SHA1_REPLY)); // key 2's reply to key 1's request
    Answered answered = assertInstanceOf(Answered.class, query(SignedExchanges.MD5_KEY));
    assertEquals(Optional.of(MacCheck.WRONG_KEY_ID), answered.authentication());
  }

  @Test
  void theAuthenticationProblemComesBeforeTheOthers() throws IOException {
    replies.add(
        request -> CapturedReply.unsynchronized(Arrays.copyOf(hex(SignedExchanges.MD5_REPLY), 48)));
    Answered answered = assertInstanceOf(Answered.class, query(SignedExchanges.MD5_KEY));
    assertEquals(
        List.of(new Problem.AuthenticationFailed(MacCheck.MISSING), new Problem.LeapAlarm()),
        answered.problems());
  }

  @Test
  void anUnsignedRequestIsNotChecked() throws IOException {
    replies.add(request -> hex(SignedExchanges.MD5_REPLY));
    Answered answered =
        assertInstanceOf(Answered.class, client.query(SERVER, SntpClient.Options.DEFAULTS));
    assertEquals(48, sent.get(0).length);
    assertEquals(Optional.empty(), answered.authentication());
    assertEquals(List.of(), answered.problems());
  }

  @Test
  void aKissOfDeathIsCheckedToo() throws IOException {
    replies.add(
        request ->
            SignedExchanges.SHA1_KEY.sign(
                CapturedReply.kissOfDeath(
                    Arrays.copyOf(hex(SignedExchanges.SHA1_REPLY), 48), "RATE")));
    KissOfDeath kiss = assertInstanceOf(KissOfDeath.class, query(SignedExchanges.SHA1_KEY));
    assertEquals(Optional.of(MacCheck.VERIFIED), kiss.authentication());
  }
}
