package org.ntplab.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.testing.CapturedReply;
import org.ntplab.testing.UdpResponder;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/** The real transport on loopback, against a responder that answers with captured bytes. */
class UdpTransportTest {

  static final Duration PATIENT =
      Duration.ofSeconds(5); // only ever waited out when something is broken

  @Test
  void sendsAndReceivesOverIpv4() throws Exception {
    try (UdpResponder responder = UdpResponder.capturedReply();
        UdpTransport transport = new UdpTransport()) {
      byte[] request = request(0x0102030405060708L);
      transport.send(responder.address(), request);
      Transport.Received reply = transport.receive(PATIENT).orElseThrow();
      assertEquals(responder.address(), reply.source());
      assertArrayEquals(CapturedReply.answering(request), reply.bytes());
      assertArrayEquals(request, responder.requests().get(0).bytes());
    }
  }

  @Test
  void sendsAndReceivesOverIpv6() throws Exception {
    InetAddress loopback6 = InetAddress.getByName("::1");
    try (UdpResponder responder =
            UdpResponder.start(loopback6, r -> List.of(CapturedReply.answering(r)));
        UdpTransport transport = new UdpTransport()) {
      transport.send(responder.address(), request(42));
      Transport.Received reply = transport.receive(PATIENT).orElseThrow();
      assertEquals(responder.address(), reply.source());
    }
  }

  @Test
  void everyExchangeLeavesFromANewPort() throws Exception {
    try (UdpResponder responder = UdpResponder.capturedReply();
        UdpTransport transport = new UdpTransport()) {
      for (int i = 1; i <= 3; i++) {
        transport.send(responder.address(), request(i));
        transport.receive(PATIENT).orElseThrow();
      }
      List<Integer> ports = responder.requests().stream().map(r -> r.from().getPort()).toList();
      assertEquals(3, ports.stream().distinct().count(), "source ports " + ports);
    }
  }

  @Test
  void anOpenedExchangeSendsOnceFromItsOwnNewPort() throws Exception {
    try (UdpResponder responder = UdpResponder.capturedReply();
        UdpTransport transport = new UdpTransport()) {
      for (int i = 1; i <= 3; i++) {
        transport.open(responder.address());
        byte[] request = request(i);
        transport.send(responder.address(), request);
        assertArrayEquals(
            CapturedReply.answering(request), transport.receive(PATIENT).orElseThrow().bytes());
      }
      List<Integer> ports = responder.requests().stream().map(r -> r.from().getPort()).toList();
      assertEquals(3, ports.size(), "one datagram per send");
      assertEquals(3, ports.stream().distinct().count(), "source ports " + ports);
    }
  }

  @Test
  void aSendToAnotherPeerThanTheOpenedOneStartsItsOwnExchange() throws Exception {
    try (UdpResponder opened = UdpResponder.capturedReply();
        UdpResponder other = UdpResponder.capturedReply();
        UdpTransport transport = new UdpTransport()) {
      transport.open(opened.address());
      transport.send(other.address(), request(7));
      assertEquals(other.address(), transport.receive(PATIENT).orElseThrow().source());
      assertEquals(List.of(), opened.requests());
    }
  }

  @Test
  void anUnresolvedPeerCannotBeOpened() throws Exception {
    try (UdpTransport transport = new UdpTransport()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> transport.open(InetSocketAddress.createUnresolved("time.invalid", 123)));
    }
  }

  @Test
  void aReplyThatComesAfterThePollingWaitsOnTheSelector() throws Exception {
    Duration late = UdpTransport.SPIN.multipliedBy(25);
    try (UdpResponder slow =
            UdpResponder.start(
                r -> {
                  sleep(late);
                  return List.of(CapturedReply.answering(r));
                });
        UdpTransport transport = new UdpTransport()) {
      byte[] request = request(0x0102030405060709L);
      transport.send(slow.address(), request);
      assertArrayEquals(
          CapturedReply.answering(request), transport.receive(PATIENT).orElseThrow().bytes());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void silenceIsATimeoutNotAnError() throws Exception {
    try (UdpResponder silent = UdpResponder.start(r -> List.of());
        UdpTransport transport = new UdpTransport()) {
      transport.send(silent.address(), request(1));
      assertEquals(Optional.empty(), transport.receive(Duration.ofMillis(50)));
    }
  }

  @Test
  void aClosedPortIsReportedAsUnreachable() throws Exception {
    InetSocketAddress closed = closedPort();
    try (UdpTransport transport = new UdpTransport()) {
      transport.send(closed, request(1));
      PortUnreachableException e =
          assertThrows(PortUnreachableException.class, () -> transport.receive(PATIENT));
      assertEquals(
          "127.0.0.1:" + closed.getPort() + ": port unreachable (nothing listens there)",
          e.getMessage());
    }
  }

  @Test
  void anEmptyDatagramIsRefusedRatherThanSilentlyNotSent() throws Exception {
    try (UdpResponder responder = UdpResponder.capturedReply();
        UdpTransport transport = new UdpTransport()) {
      assertThrows(
          IllegalArgumentException.class, () -> transport.send(responder.address(), new byte[0]));
    }
  }

  @Test
  void theClientOverRealUdpGetsTheCapturedExchange() throws Exception {
    try (UdpResponder responder = UdpResponder.capturedReply();
        UdpTransport transport = new UdpTransport()) {
      QueryResult outcome =
          new SntpClient(transport, Clock.systemUTC())
              .query(responder.address(), SntpClient.Options.DEFAULTS);
      Answered answered = assertInstanceOf(Answered.class, outcome);
      assertEquals(List.of(), answered.ignored());
      assertNotEquals(
          answered.t1Timestamp(),
          CapturedReply.transmitOf(answered.requestBytes()),
          "a nonce was sent");
      assertArrayEquals(CapturedReply.answering(answered.requestBytes()), answered.replyBytes());
    }
  }

  static byte[] request(long transmit) {
    return NtpCodec.encode(NtpPacket.clientRequest(4, new NtpTimestamp(transmit)));
  }

  /** A loopback port nothing listens on: bound a moment ago, then closed. */
  static InetSocketAddress closedPort() throws IOException {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }
  }
}
