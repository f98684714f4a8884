package org.ntplab.grading;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.ntplab.client.Transport;
import org.ntplab.client.UdpTransport;
import org.ntplab.lab.LabTransport;

/** Lab 6's transport on a real UDP socket to one server: the reference's {@link UdpTransport}. */
final class UdpLabTransport implements LabTransport, AutoCloseable {

  private final InetSocketAddress server;
  private final UdpTransport udp = new UdpTransport();

  UdpLabTransport(InetSocketAddress server) {
    this.server = server;
  }

  @Override
  public void send(byte[] datagram) throws IOException {
    udp.send(server, datagram);
  }

  /**
   * Longer than any wait lab 6 asks for: the harness waits here on the student's behalf, not for
   * ever.
   */
  static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

  @Override
  public Optional<byte[]> receive(Duration timeout) throws IOException {
    Duration wait =
        timeout == null || timeout.isNegative()
            ? Duration.ZERO
            : timeout.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : timeout;
    return udp.receive(wait).map(Transport.Received::bytes);
  }

  @Override
  public void close() throws IOException {
    udp.close();
  }

  @Override
  public String toString() {
    return "udp to " + server;
  }
}
