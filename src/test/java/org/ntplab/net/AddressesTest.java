package org.ntplab.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0:0:0:0:0:0:0:1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "2001:db8:0:0:0:0:0:1, 2001:db8::1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "fe80:0:0:0:0:0:0:0, fe80::",
    "2001:DB8:0:0:0:0:0:ABCD, 2001:db8::abcd",
  })
  void writesIpv6AsRfc5952Says(String java, String rfc5952) throws UnknownHostException {
    assertEquals(rfc5952, Addresses.ipv6((Inet6Address) InetAddress.getByName(java)));
  }

  @Test
  void writesHostAndPortAsInAUrl() throws UnknownHostException {
    assertEquals(
        "127.0.0.1:123",
        Addresses.text(new InetSocketAddress(InetAddress.getLoopbackAddress(), 123)));
    assertEquals(
        "[::1]:37", Addresses.text(new InetSocketAddress(InetAddress.getByName("::1"), 37)));
    assertEquals(
        "time.example:123",
        Addresses.text(InetSocketAddress.createUnresolved("time.example", 123)));
  }
}
