package org.ntplab.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntplab.client.QueryResult;

/**
 * Our client against chronyd serving its own clock with {@code local stratum 3}, the setup our lab
 * server copies (see {@link org.ntplab.server.ServerConfig}). chronyd takes any port, so this one
 * runs on a free loopback port and never competes for 123.
 */
class ChronydServerIT {

  @TempDir static Path dir;

  private static Daemon chronyd;

  @BeforeAll
  static void startChronyd() throws IOException {
    InetSocketAddress address =
        new InetSocketAddress(Peers.LOOPBACK, Peers.freePort(Peers.LOOPBACK));
    chronyd = startLocalStratum3(dir, address);
    chronyd.await(
        "answers with time", Duration.ofSeconds(10), QueryResult.Answered.class::isInstance);
  }

  @AfterAll
  static void stopChronyd() {
    if (chronyd != null) {
      chronyd.close();
    }
  }

  /**
   * chronyd with -x (never touches the clock) and -d (foreground, log to stderr), serving its own
   * clock at stratum 3 on {@code address} only, no command port, its files in {@code dir}; {@code
   * more} are further lines of its configuration.
   */
  static Daemon startLocalStratum3(Path dir, InetSocketAddress address, String... more)
      throws IOException {
    List<String> lines =
        new java.util.ArrayList<>(
            List.of(
                "local stratum 3",
                "allow 127.0.0.1",
                "bindaddress " + address.getAddress().getHostAddress(),
                "port " + address.getPort(),
                "cmdport 0",
                "pidfile " + dir.resolve("chronyd.pid"),
                "driftfile " + dir.resolve("chronyd.drift")));
    lines.addAll(List.of(more));
    Path conf = Files.writeString(dir.resolve("chrony.conf"), String.join("\n", lines) + "\n");
    return Daemon.start(
        Peers.chronydVersion(),
        address,
        dir,
        Map.of(),
        List.of("chronyd", "-x", "-d", "-f", conf.toString()));
  }

  @Test
  void servesItsLocalClockAtStratum3WithTheLocalClockAddressAsReference() {
    OurClient.assertSynchronizedTime(chronyd, OurClient.best(chronyd, 4, 4), 4, 3, "127.127.1.1");
  }

  /** chronyd answers every version from 1 to 4, in that version, with the same time. */
  @ParameterizedTest(name = "NTPv{0}")
  @ValueSource(ints = {1, 2, 3, 4})
  void answersInTheVersionOfTheRequest(int version) {
    OurClient.assertSynchronizedTime(
        chronyd, OurClient.best(chronyd, version, 3), version, 3, "127.127.1.1");
  }
}
