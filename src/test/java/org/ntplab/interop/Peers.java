package org.ntplab.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.opentest4j.AssertionFailedError;

/**
 * The independently written NTP software the interop tests run, where {@code .ci/run} puts it:
 * chrony, ntpdig (also installed as {@code sntp}) and python3-ntplib from Debian, NTPsec's ntpd and
 * OpenNTPD unpacked under {@code -Dntplab.peers} (default {@code /opt/ntplab-peers}) because they
 * conflict with chrony as packages.
 *
 * <p>The daemons run as root (port 123; OpenNTPD will not start otherwise) on a machine whose clock
 * other programs use, so each is started through {@link #withoutClockAccess} with {@link
 * #keepClockPreload} preloaded.
 */
final class Peers {

  /** Where the tests put a server for clients that only speak to port 123 (ntpdig, OpenNTPD). */
  static final InetAddress LOOPBACK = address("127.0.0.1");

  /** A second loopback address, for a server beside one that already holds 127.0.0.1:123. */
  static final InetAddress LOOPBACK_2 = address("127.0.0.2");

  static final String PYTHON = "/usr/bin/python3";

  private static final Path KEEP_CLOCK_SOURCE = Path.of("src/test/c/keepclock.c");
  private static final Path KEEP_CLOCK_LIBRARY = Path.of("target/keepclock.so");

  private Peers() {}

  static Path root() {
    return Path.of(System.getProperty("ntplab.peers", "/opt/ntplab-peers"));
  }

  static Path ntpsecNtpd() {
    return installed(root().resolve("ntpsec/usr/sbin/ntpd"), "NTPsec's ntpd");
  }

  /**
   * NTPsec's ntpd in the foreground ({@code -n}) with the configuration {@code conf}, its pid file
   * beside it.
   */
  static List<String> ntpsecNtpdCommand(Path conf) {
    return List.of(
        ntpsecNtpd().toString(),
        "-n",
        "-c",
        conf.toString(),
        "-p",
        conf.resolveSibling("ntpd.pid").toString());
  }

  static Path openntpd() {
    return installed(root().resolve("openntpd/usr/sbin/ntpd"), "OpenNTPD");
  }

  /** {@code chronyd 4.3}, from {@code chronyd --version}. */
  static String chronydVersion() {
    return "chronyd " + versionFrom(List.of("chronyd", "--version"), "version (\\S+)");
  }

  /** {@code NTPsec ntpd 1.2.2}, from {@code ntpd --version}. */
  static String ntpsecVersion() {
    return "NTPsec ntpd "
        + versionFrom(List.of(ntpsecNtpd().toString(), "--version"), "ntpsec-(\\S+)");
  }

  /**
   * {@code OpenNTPD 6.2p3}. Its ntpd has no version option; the Debian changelog unpacked beside it
   * starts with the package version, e.g. {@code openntpd (1:6.2p3-4.2) unstable; urgency=medium}.
   */
  static String openntpdVersion() {
    Path changelog = root().resolve("openntpd/usr/share/doc/openntpd/changelog.Debian.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(changelog))) {
      String first =
          new String(in.readNBytes(200), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      Matcher m = Pattern.compile("\\((?:\\d+:)?([^-)]+)").matcher(first);
      return "OpenNTPD " + (m.find() ? m.group(1) : "(version unknown: " + first + ")");
    } catch (IOException e) {
      throw new AssertionFailedError(
          "OpenNTPD's changelog "
              + changelog
              + " is unreadable ("
              + e.getMessage()
              + "): run .ci/run, which unpacks OpenNTPD under "
              + root());
    }
  }

  /**
   * The command that runs {@code command} without CAP_SYS_TIME in its bounding set (setpriv,
   * util-linux): whatever it tries, the kernel will not let it change the clock.
   */
  static List<String> withoutClockAccess(List<String> command) {
    List<String> all = new ArrayList<>(List.of("setpriv", "--bounding-set", "-sys_time", "--"));
    all.addAll(command);
    return all;
  }

  /**
   * The path of {@code keepclock.so} (see its source), built on first use, for {@code LD_PRELOAD}:
   * a daemon's clock adjustments then seem to succeed, so it behaves as on a machine it may
   * discipline.
   */
  static String keepClockPreload() {
    return keepClockLibrary().toAbsolutePath().toString();
  }

  /**
   * Fails, naming the address, unless nothing holds {@code address} (UDP): a daemon that cannot
   * bind would otherwise leave the test talking to whatever does.
   */
  static void requireFree(InetSocketAddress address, String forWhom) {
    try {
      new DatagramSocket(address).close();
    } catch (SocketException e) {
      String where = address.getAddress().getHostAddress() + ":" + address.getPort();
      throw new AssertionFailedError(
          forWhom
              + ": "
              + where
              + (String.valueOf(e.getMessage()).contains("ermission")
                  ? " needs root (the interop tests run as root, as .ci/run does)"
                  : " is held by another process ("
                      + e.getMessage()
                      + "); `ss -ulpn` shows which"));
    }
  }

  /** A UDP port on {@code address} that was free a moment ago. */
  static int freePort(InetAddress address) {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
      return probe.getLocalPort();
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized Path keepClockLibrary() {
    try {
      if (Files.exists(KEEP_CLOCK_LIBRARY)
          && Files.getLastModifiedTime(KEEP_CLOCK_LIBRARY)
                  .compareTo(Files.getLastModifiedTime(KEEP_CLOCK_SOURCE))
              >= 0) {
        return KEEP_CLOCK_LIBRARY;
      }
      Files.createDirectories(KEEP_CLOCK_LIBRARY.getParent());
      Run cc =
          Run.of(
              Duration.ofSeconds(60),
              List.of(
                  "cc",
                  "-shared",
                  "-fPIC",
                  "-O2",
                  "-Wall",
                  "-Werror",
                  "-o",
                  KEEP_CLOCK_LIBRARY.toString(),
                  KEEP_CLOCK_SOURCE.toString(),
                  "-ldl"));
      if (cc.exitCode() != 0) {
        throw new AssertionFailedError(
            "cannot build "
                + KEEP_CLOCK_LIBRARY
                + ", which keeps the daemons off the clock ("
                + cc.describe()
                + "); .ci/run installs a C compiler");
      }
      return KEEP_CLOCK_LIBRARY;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path installed(Path program, String what) {
    if (!Files.isExecutable(program)) {
      throw new AssertionFailedError(
          what
              + " is not at "
              + program
              + ": run .ci/run, which unpacks it under "
              + root()
              + " (or pass -Dntplab.peers=DIR)");
    }
    return program;
  }

  private static String versionFrom(List<String> command, String pattern) {
    Run run = Run.of(Duration.ofSeconds(30), command);
    Matcher m = Pattern.compile(pattern).matcher(run.out() + run.err());
    if (run.exitCode() != 0 || !m.find()) {
      throw new AssertionFailedError(
          "cannot tell the version of " + command.get(0) + ": " + run.describe());
    }
    return m.group(1);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
