package org.ntplab.client;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the network enters the client: send a datagram, wait a bounded time for one to come
 * back. {@link UdpTransport} is the real one; tests put their own behind this seam.
 *
 * <p>Each {@link #send} starts a new exchange: an implementation may (and {@link UdpTransport}
 * does) send it from a fresh, randomly chosen source port, after which {@link #receive} returns
 * only what arrives for that exchange. Not thread-safe: one exchange at a time.
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
   * Sends {@code datagram} to {@code to}, starting a new exchange.
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
