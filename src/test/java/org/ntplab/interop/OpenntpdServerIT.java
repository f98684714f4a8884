package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntplab.client.QueryResult;
import org.ntplab.sync.Problem;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.ReferenceId;
import org.opentest4j.AssertionFailedError;

/**
 * Our client against OpenNTPD, which serves only what it has from its own servers: here chronyd
 * ({@code local stratum 3}) on 127.0.0.2:123, since OpenNTPD's {@code server} has no port and it
 * listens on 127.0.0.1:123 itself.
 *
 * <p>OpenNTPD calls itself synchronized after two clock adjustments, the first after 8 good
 * replies, minutes at its query intervals; it runs with {@code NTPLAB_CLOCK_SPEED=30} (see {@code
 * src/test/c/keepclock.c}), which speeds up its schedule and not the time it serves.
 *
 * <p>OpenNTPD keeps its control socket and drift file at fixed paths under /var/lib/openntpd, so
 * two never run at once: the one with no reachable server runs first, the synchronized one after
 * it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenntpdServerIT {

  private static final Map<String, String> FAST_SCHEDULE = Map.of("NTPLAB_CLOCK_SPEED", "30");
  private static final InetSocketAddress ADDRESS = new InetSocketAddress(Peers.LOOPBACK, 123);
  private static final InetSocketAddress UPSTREAM = new InetSocketAddress(Peers.LOOPBACK_2, 123);

  @TempDir static Path dir;

  private static Daemon chronyd;
  private static Daemon synchronizedOpenntpd;

  /** What Debian's OpenNTPD needs before it starts, and .ci/run creates. */
  @BeforeAll
  static void privilegeSeparationIsSetUp() throws IOException {
    // It drops privileges to the user ntpd and chroots to its home, which must be root's and not
    // group- or world-writable; its control socket and drift file go to fixed folders.
    Path home =
        Files.readAllLines(Path.of("/etc/passwd")).stream()
            .filter(l -> l.startsWith("ntpd:"))
            .map(l -> Path.of(l.split(":", -1)[5]))
            .findFirst()
            .orElse(null);
    Set<PosixFilePermission> mode =
        home != null && Files.isDirectory(home) ? Files.getPosixFilePermissions(home) : null;
    if (mode == null
        || !Files.getOwner(home).getName().equals("root")
        || mode.contains(PosixFilePermission.GROUP_WRITE)
        || mode.contains(PosixFilePermission.OTHERS_WRITE)
        || !Files.isDirectory(Path.of("/var/lib/openntpd/run"))
        || !Files.isDirectory(Path.of("/var/lib/openntpd/db"))) {
      throw new AssertionFailedError(
          "OpenNTPD needs the user ntpd, its home ("
              + (home == null ? "no such user" : home)
              + ") a folder of root's not writable by others, and /var/lib/openntpd/run and /var/lib/openntpd/db:"
              + " run .ci/run, which creates them");
    }
  }

  @AfterAll
  static void stopDaemons() {
    if (synchronizedOpenntpd != null) {
      synchronizedOpenntpd.close();
    }
    if (chronyd != null) {
      chronyd.close();
    }
  }

  private static Daemon start(Path dir, InetSocketAddress listen, InetSocketAddress server)
      throws IOException {
    Files.createDirectories(dir);
    Path conf =
        Files.writeString(
            dir.resolve("ntpd.conf"),
            "listen on "
                + listen.getAddress().getHostAddress()
                + "\n"
                + "server "
                + server.getAddress().getHostAddress()
                + "\n");
    return Daemon.start(
        Peers.openntpdVersion(),
        listen,
        dir,
        FAST_SCHEDULE,
        List.of(Peers.openntpd().toString(), "-d", "-v", "-f", conf.toString()));
  }

  /**
   * chronyd upstream, OpenNTPD on it, and OpenNTPD synchronized: started once, for the tests that
   * need it.
   */
  private static synchronized Daemon synchronizedOpenntpd() throws IOException {
    if (synchronizedOpenntpd == null) {
      chronyd =
          ChronydServerIT.startLocalStratum3(
              Files.createDirectories(dir.resolve("chronyd")), UPSTREAM);
      chronyd.await(
          "answers with time", Duration.ofSeconds(10), QueryResult.Answered.class::isInstance);
      synchronizedOpenntpd = start(dir.resolve("synchronized"), ADDRESS, UPSTREAM);
      synchronizedOpenntpd.await(
          "is synchronized (leap indicator not 3)",
          Duration.ofSeconds(60),
          o ->
              o instanceof QueryResult.Answered a
                  && a.reply().leap() != LeapIndicator.UNSYNCHRONIZED);
    }
    return synchronizedOpenntpd;
  }

  /**
   * Until its first adjustment OpenNTPD answers anyway, with what it has: LI 3 (alarm), stratum 0
   * and reference ID 0 (no kiss code: the ID is not ASCII), no reference time. Our client takes
   * that for time and lists why it is unfit.
   */
  @Test
  @Order(1)
  void withNoServerReachableItAnswersUnsynchronizedAtStratum0() throws IOException {
    // Nothing listens on 127.0.0.2:123 yet: OpenNTPD's queries go nowhere.
    Peers.requireFree(UPSTREAM, "the unreachable server of an unsynchronized OpenNTPD");
    try (Daemon openntpd = start(dir.resolve("unsynchronized"), ADDRESS, UPSTREAM)) {
      QueryResult.Answered answer =
          assertInstanceOf(
              QueryResult.Answered.class,
              openntpd.await(
                  "answers", Duration.ofSeconds(10), QueryResult.Exchange.class::isInstance));
      assertAll(
          openntpd.context("answered " + OurClient.describe(answer)),
          () -> assertEquals(LeapIndicator.UNSYNCHRONIZED, answer.reply().leap(), "leap indicator"),
          () -> assertEquals(0, answer.reply().stratum(), "stratum"),
          () -> assertEquals(ReferenceId.ZERO, answer.reply().referenceId(), "reference ID"),
          () -> assertEquals(NtpTimestamp.ZERO, answer.reply().referenceTime(), "reference time"),
          () ->
              assertEquals(
                  List.of(
                      new Problem.UnspecifiedStratum(),
                      new Problem.LeapAlarm(),
                      new Problem.NeverSynchronized()),
                  answer.problems(),
                  "fitness problems"));
    }
  }

  /**
   * Synchronized to chronyd at stratum 3, it serves at stratum 4 with chronyd's address as
   * reference.
   */
  @Test
  @Order(2)
  void synchronizedToChronydItServesOneStratumBelowWithChronydsAddressAsReference()
      throws IOException {
    Daemon openntpd = synchronizedOpenntpd();
    OurClient.assertSynchronizedTime(openntpd, OurClient.best(openntpd, 4, 4), 4, 4, "127.0.0.2");
  }

  /** OpenNTPD copies the request's version into its reply, whatever it is. */
  @ParameterizedTest(name = "NTPv{0}")
  @ValueSource(ints = {1, 2, 3, 4})
  @Order(3)
  void answersInTheVersionOfTheRequest(int version) throws IOException {
    Daemon openntpd = synchronizedOpenntpd();
    OurClient.assertSynchronizedTime(
        openntpd, OurClient.best(openntpd, version, 3), version, 4, "127.0.0.2");
  }
}
