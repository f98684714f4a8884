package org.ntplab.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SocketsTest {

  private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

  /**
   * The largest receive buffer the kernel grants here; Integer.MAX_VALUE where it cannot be told.
   */
  private static int kernelLimit() throws IOException {
    return Files.isReadable(RMEM_MAX)
        ? Integer.parseInt(Files.readString(RMEM_MAX).strip())
        : Integer.MAX_VALUE;
  }

  /**
   * A flood fills the default buffer (about 300 requests) while the server waits for a CPU; then
   * good requests are lost too.
   */
  @Test
  void theNtpSocketAsksForAReceiveBufferOfMegabytes() throws IOException {
    try (DatagramChannel channel =
        Sockets.openUdp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      int granted = channel.getOption(StandardSocketOptions.SO_RCVBUF);
      int expected = Math.min(Sockets.RECEIVE_BUFFER, kernelLimit());
      assertTrue(
          granted >= expected,
          "receive buffer "
              + granted
              + " bytes, expected at least "
              + expected
              + " (the kernel's limit, net.core.rmem_max, is "
              + kernelLimit()
              + ")");
    }
  }
}
