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

/**
 * Opening the server's channels, and writing addresses for people. A channel is opened for the
 * address's own family, so 127.0.0.1 is plain IPv4 and ::1 plain IPv6; a bind failure names the
 * address and protocol, which Java's own message ("Permission denied") leaves out.
 */
final class Sockets {

  private Sockets() {}

  static DatagramChannel openUdp(InetSocketAddress where) throws IOException {
    DatagramChannel channel = DatagramChannel.open(family(where.getAddress()));
    try {
      channel.bind(where);
      channel.configureBlocking(false);
      return channel;
    } catch (IOException e) {
      channel.close();
      throw bindFailure(where, "UDP", e);
    }
  }

  /** TCP on {@code port}, or on any free port when that one is taken and {@code orAnyPort}. */
  static ServerSocketChannel openTcp(InetAddress address, int port, boolean orAnyPort) throws IOException {
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
    return address instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
  }

  private static IOException bindFailure(InetSocketAddress where, String protocol, IOException e) {
    String message = "cannot listen on " + hostPort(where) + " (" + protocol + "): " + e.getMessage();
    IOException failure = e instanceof BindException ? new BindException(message) : new IOException(message);
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

  /** {@code 127.0.0.1:123}, {@code [::1]:123}. */
  static String hostPort(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      return address.getHostString() + ":" + address.getPort();
    }
    return (ip instanceof Inet6Address ? "[" + ipv6Text(ip.getAddress()) + "]" : ip.getHostAddress()) + ":" + address.getPort();
  }

  /** RFC 5952 text (the longest run of zero groups, if two or more, as {@code ::}): {@code ::1}, not Java's {@code 0:0:0:0:0:0:0:1}. */
  static String ipv6Text(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; i++) {
      int length = 0;
      while (i + length < 8 && groups[i + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = i;
        bestLength = length;
      }
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
      } else {
        if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
          text.append(':');
        }
        text.append(Integer.toHexString(groups[i]));
      }
    }
    return text.toString();
  }
}
