package org.ntplab.client;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the network enters the client: send a datagram, wait a bounded time for one to come back.
 * {@link UdpTransport} is the real one; tests put their own behind this seam.
 *
 * <p>Each {@link #send} starts a new exchange, or uses the one {@link #open} readied: an
 * implementation may (and {@link UdpTransport} does) send it from a fresh, randomly chosen source
 * port, after which {@link #receive} returns only what arrives for that exchange. Not thread-safe:
 * one exchange at a time.
 */
public interface Transport extends Closeable {

  /** A datagram that arrived: who sent it and its bytes (the whole payload, never truncated). */
  record Received(InetSocketAddress source, byte[] bytes) {
    public Received {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /**
   * Readies a new exchange with {@code to} (UDP: a fresh socket) without sending anything, so that
   * the {@link #send} which follows does nothing but send. Clients call it before reading T1:
   * whatever it costs (on a JVM's first query, milliseconds of class loading and socket set-up)
   * would otherwise sit between T1 and the datagram's departure and count as outbound delay.
   * Optional: a {@link #send} without it readies its own exchange.
   */
  default void open(InetSocketAddress to) throws IOException {}

  /**
   * Sends {@code datagram} to {@code to}: on the exchange {@link #open} readied for {@code to} if
   * that one has sent nothing yet, otherwise starting a new exchange.
   *
   * @throws java.net.PortUnreachableException when the peer's host said nothing listens there
   */
  void send(InetSocketAddress to, byte[] datagram) throws IOException;

  /**
   * Waits at most {@code timeout} for the next datagram of the current exchange.
   *
   * @return the datagram, or empty when the time ran out first
   * @throws java.net.PortUnreachableException when an ICMP error for the exchange came back instead
   */
  Optional<Received> receive(Duration timeout) throws IOException;

  /** Ends the current exchange, if any; the transport may be used again with {@link #send}. */
  @Override
  void close() throws IOException;
}
