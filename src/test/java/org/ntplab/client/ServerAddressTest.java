package org.ntplab.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "time.example.org        | time.example.org | 123",
        "time.example.org:1123   | time.example.org | 1123",
        "192.0.2.1               | 192.0.2.1        | 123",
        "192.0.2.1:37            | 192.0.2.1        | 37",
        "[::1]                   | ::1              | 123",
        "[::1]:1123              | ::1              | 1123",
        "2001:db8::1             | 2001:db8::1      | 123",
        "[fe80::1%lo]:123        | fe80::1%lo       | 123"
      })
  void readsTheWaysPeopleWriteAServer(String text, String host, int port) {
    assertEquals(new ServerAddress(host, port), ServerAddress.parse(text, 123));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "host:", "host:ntp", "host:0", "host:65536", "[::1", "[::1]123", ":123"})
  void refusesWhatIsNotAServer(String text) {
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(text, 123));
  }

  @Test
  void printsIpv6InBrackets() {
    assertEquals("[::1]:123", new ServerAddress("::1", 123).toString());
  }

  @Test
  void anUnknownHostSaysWhichOne() {
    UnknownHostException e =
        assertThrows(
            UnknownHostException.class,
            () -> new ServerAddress("no-such-host.invalid", 123).resolve());
    assertEquals("unknown host no-such-host.invalid", e.getMessage());
  }
}
