package org.ntplab.lab;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Lab 6's network: datagrams to and from the one server the client asks. The grader puts a scripted
 * server behind it (and once a real UDP socket to the lab server).
 */
public interface LabTransport {

  /** Sends {@code datagram} to the server. */
  void send(byte[] datagram) throws IOException;

  /**
   * Waits at most {@code timeout} for the next datagram from the server.
   *
   * @return its bytes (the whole datagram, whatever its length), or empty when the time ran out
   */
  Optional<byte[]> receive(Duration timeout) throws IOException;
}
