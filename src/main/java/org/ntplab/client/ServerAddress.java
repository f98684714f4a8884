package org.ntplab.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A server as a person names it: {@code HOST}, {@code HOST:PORT}, {@code [IPV6]}, {@code
 * [IPV6]:PORT}, or a bare IPv6 literal such as {@code ::1} (which cannot carry a port: its colons
 * are the address's). {@code toString()} gives the bracketed form back.
 */
public record ServerAddress(String host, int port) {

  public ServerAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("no host given");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " out of range 1..65535");
    }
  }

  public static ServerAddress parse(String text, int defaultPort) {
    String s = text.strip();
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "': no ']' after the IPv6 address");
      }
      String rest = s.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new IllegalArgumentException("'" + text + "': expected ':PORT' after ']'");
      }
      return new ServerAddress(
          s.substring(1, close), rest.isEmpty() ? defaultPort : port(rest.substring(1), text));
    }
    int colon = s.indexOf(':');
    if (colon >= 0 && colon == s.lastIndexOf(':')) {
      return new ServerAddress(s.substring(0, colon), port(s.substring(colon + 1), text));
    }
    return new ServerAddress(s, defaultPort); // no colon, or several: a bare IPv6 address
  }

  private static int port(String digits, String text) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': port '" + digits + "' is not a number");
    }
  }

  /** Looks the host up (a literal needs no lookup); the first address the resolver gives wins. */
  public InetSocketAddress resolve() throws UnknownHostException {
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      UnknownHostException better = new UnknownHostException("unknown host " + host);
      better.initCause(e);
      throw better;
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
