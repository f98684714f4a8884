package org.ntplab.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import org.ntplab.net.Addresses;

/**
 * Opening the server's channels, and writing addresses for people. A channel is opened for the
 * address's own family, so 127.0.0.1 is plain IPv4 and ::1 plain IPv6; a bind failure names the
 * address and protocol, which Java's own message ("Permission denied") leaves out.
 */
final class Sockets {

  /**
   * The receive buffer asked for (the kernel caps it, at {@code net.core.rmem_max} on Linux): the
   * default 208 KB holds about 300 requests, which a flood fills while the server waits for a CPU,
   * and the kernel then drops a good client's request as readily as the flood's.
   */
  static final int RECEIVE_BUFFER = 4 << 20;

  private Sockets() {}

  static DatagramChannel openUdp(InetSocketAddress where) throws IOException {
    DatagramChannel channel = DatagramChannel.open(family(where.getAddress()));
    try {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
      channel.bind(where);
      channel.configureBlocking(false);
      return channel;
    } catch (IOException e) {
      channel.close();
      throw bindFailure(where, "UDP", e);
    }
  }

  /** TCP on {@code port}, or on any free port when that one is taken and {@code orAnyPort}. */
  static ServerSocketChannel openTcp(InetAddress address, int port, boolean orAnyPort)
      throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open(family(address));
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      try {
        channel.bind(new InetSocketAddress(address, port));
      } catch (BindException e) {
        if (!orAnyPort) {
          throw e;
        }
        channel.bind(new InetSocketAddress(address, 0));
      }
      channel.configureBlocking(false);
      return channel;
    } catch (IOException e) {
      channel.close();
      throw bindFailure(new InetSocketAddress(address, port), "TCP", e);
    }
  }

  private static ProtocolFamily family(InetAddress address) {
    return address instanceof Inet6Address
        ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
  }

  private static IOException bindFailure(InetSocketAddress where, String protocol, IOException e) {
    String message =
        "cannot listen on " + Addresses.text(where) + " (" + protocol + "): " + e.getMessage();
    IOException failure =
        e instanceof BindException ? new BindException(message) : new IOException(message);
    failure.initCause(e);
    return failure;
  }

  static InetSocketAddress localAddress(NetworkChannel channel) {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
