package org.ntplab.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Socket addresses as people and URLs write them ({@code 192.0.2.1:123}, {@code
 * [2001:db8::1]:123}), and the client an address stands for.
 */
public final class Addresses {

  private Addresses() {}

  /** Host and port; IPv6 in brackets and in RFC 5952 form; an unresolved name as given. */
  public static String text(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      return address.getHostString() + ":" + address.getPort();
    }
    return (ip instanceof Inet6Address v6 ? "[" + ipv6(v6) + "]" : ip.getHostAddress())
        + ":"
        + address.getPort();
  }

  /**
   * RFC 5952 §4: lower-case groups without leading zeros, the longest run of two or more zero
   * groups (the first, on a tie) as {@code ::}, and the zone kept: {@code ::1}, {@code
   * fe80::1%eth0}. Java's own text is {@code 0:0:0:0:0:0:0:1}.
   */
  public static String ipv6(Inet6Address address) {
    byte[] bytes = address.getAddress();
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
    String zone =
        address.getScopedInterface() != null
            ? address.getScopedInterface().getName()
            : address.getScopeId() != 0 ? String.valueOf(address.getScopeId()) : null;
    return zone == null ? text.toString() : text + "%" + zone;
  }

  /**
   * The client an address stands for, as servers count clients for their limits: IPv4 as is, IPv6
   * cut to its /64 (one host or network holds a whole /64, and would otherwise have 2^64 budgets).
   */
  public static InetAddress client(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] bytes = address.getAddress();
    for (int i = 8; i < 16; i++) {
      bytes[i] = 0;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError("16 bytes are always an IPv6 address", e);
    }
  }
}
