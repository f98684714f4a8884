package org.ntplab.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.ntplab.testing.UdpResponder;

/**
 * RFC 868: 32-bit seconds since 1900, era by the NTP pivot rule; over a mocked network, real UDP
 * and TCP.
 */
class TimeClientTest {

  static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 37);
  static final byte[] ANSWER = {
    (byte) 0xee, (byte) 0xac, (byte) 0xbd, 0x3e
  }; // 4004298046 s since 1900
  static final Instant T1 = Instant.parse("2026-11-22T01:00:45.800Z");
  static final Instant T4 = Instant.parse("2026-11-22T01:00:46.000Z");

  final Transport transport = mock(Transport.class);
  final Clock clock = mock(Clock.class);
  final Ticker ticker = mock(Ticker.class);

  @Test
  void secondsSince1900AreReadInTheNtpEraWindow() {
    assertEquals(Instant.parse("2026-11-22T01:00:46Z"), TimeClient.instant(0xeeacbd3eL));
    assertEquals(Instant.parse("1968-01-20T03:14:08Z"), TimeClient.instant(0x80000000L));
    assertEquals(
        Instant.parse("2036-02-07T06:28:16Z"), TimeClient.instant(0), "top bit clear: era 1");
    assertEquals(Instant.parse("2036-02-07T06:28:17Z"), TimeClient.instant(1));
  }

  @Test
  void overUdpADatagramAsksAndOnlyA4ByteAnswerFromTheServerCounts() throws IOException {
    when(clock.instant()).thenReturn(T1, T4, T4, T4);
    when(transport.receive(any()))
        .thenReturn(
            Optional.of(new Transport.Received(new InetSocketAddress("192.0.2.66", 37), ANSWER)))
        .thenReturn(Optional.of(new Transport.Received(SERVER, new byte[] {1, 2, 3})))
        .thenReturn(Optional.of(new Transport.Received(SERVER, ANSWER)));
    TimeReply reply =
        new TimeClient(transport, clock, ticker)
            .queryUdp(SERVER, Duration.ofSeconds(1), 3)
            .orElseThrow();

    verify(transport).send(SERVER, new byte[4]);
    assertEquals(4004298046L, reply.seconds());
    assertEquals(Instant.parse("2026-11-22T01:00:46Z"), reply.time());
    assertArrayEquals(ANSWER, reply.bytes());
    // Server's second middle 46.5 s, ours 45.9 s.
    assertEquals(Duration.ofMillis(600), reply.offset());
  }

  @Test
  void overUdpT1IsReadAfterTheSocketIsReadiedJustBeforeTheSend() throws IOException {
    when(clock.instant()).thenReturn(T1, T4);
    when(transport.receive(any())).thenReturn(Optional.of(new Transport.Received(SERVER, ANSWER)));
    new TimeClient(transport, clock, ticker)
        .queryUdp(SERVER, Duration.ofSeconds(1), 1)
        .orElseThrow();
    InOrder order = inOrder(transport, clock);
    order.verify(transport).open(SERVER);
    order.verify(clock).instant();
    order.verify(transport).send(SERVER, new byte[4]);
  }

  @Test
  void overUdpSilenceIsRetriedWithTwiceTheWaitThenEmpty() throws IOException {
    when(clock.instant()).thenReturn(T1);
    when(transport.receive(any())).thenReturn(Optional.empty());
    assertEquals(
        Optional.empty(),
        new TimeClient(transport, clock, ticker).queryUdp(SERVER, Duration.ofMillis(500), 2));
    InOrder order = inOrder(transport);
    order.verify(transport).receive(Duration.ofMillis(500));
    order.verify(transport).receive(Duration.ofSeconds(1));
    order.verify(transport).close();
  }

  @Test
  void overRealUdp() throws Exception {
    try (UdpResponder server = UdpResponder.start(request -> List.of(ANSWER));
        UdpTransport udp = new UdpTransport()) {
      TimeReply reply =
          new TimeClient(udp, Clock.systemUTC(), Ticker.SYSTEM)
              .queryUdp(server.address(), Duration.ofSeconds(5), 1)
              .orElseThrow();
      assertEquals(4004298046L, reply.seconds());
    }
  }

  @Test
  void overTcpTheServerWritesFourBytesAndCloses() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket connection = server.accept();
                    OutputStream out = connection.getOutputStream()) {
                  out.write(ANSWER);
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      answer.start();
      when(clock.instant()).thenReturn(T1, T4);
      TimeReply reply =
          TimeClient.queryTcp(
              (InetSocketAddress) server.getLocalSocketAddress(), Duration.ofSeconds(5), clock);
      answer.join();
      assertEquals(Instant.parse("2026-11-22T01:00:46Z"), reply.time());
      assertEquals(T1, reply.t1());
      assertEquals(T4, reply.t4());
    }
  }

  @Test
  void overTcpAShortAnswerOrARefusalIsAnError() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try (Socket connection = server.accept();
                    OutputStream out = connection.getOutputStream()) {
                  out.write(new byte[] {1, 2});
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      answer.start();
      InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
      IOException e =
          assertThrows(
              IOException.class,
              () -> TimeClient.queryTcp(address, Duration.ofSeconds(5), Clock.systemUTC()));
      answer.join();
      assertEquals(
          "127.0.0.1:" + address.getPort() + ": connection closed after 2 bytes (expected: 4)",
          e.getMessage());
    }
    InetSocketAddress closed;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = (InetSocketAddress) gone.getLocalSocketAddress();
    }
    ConnectException refused =
        assertThrows(
            ConnectException.class,
            () -> TimeClient.queryTcp(closed, Duration.ofSeconds(5), Clock.systemUTC()));
    assertEquals(
        "127.0.0.1:" + closed.getPort() + ": connection refused (nothing listens there)",
        refused.getMessage());
  }
}
