package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.testing.TestCertificates;
import org.opentest4j.AssertionFailedError;

/**
 * chronyd 4.3 as an NTS client ({@code -Q}: measure, never set) against {@code ntplab serve --nts}
 * in a JVM of its own: NTS-KE over TLS with the test's self-signed certificate, then NTS-protected
 * NTP. It synchronises within a millisecond of our clock; with {@code --nts-forge} it gets replies
 * and throws each one away, and never synchronises.
 *
 * <p>chronyd drops root for {@code _chrony} before it reads the certificate: the folder and files
 * are readable by others. The key is PKCS #8 PEM, which GnuTLS and we both read.
 */
class ChronydNtsClientIT {

  private static final TestCertificates.Issued CERTIFICATE =
      TestCertificates.selfSigned("localhost", "DNS:localhost", "IP:127.0.0.1");

  private static final Pattern CHRONYD_OFFSET =
      Pattern.compile("System clock wrong by (-?\\d+\\.\\d+) seconds");
  private static final Pattern KE_PORT = Pattern.compile("NTS-KE on 127\\.0\\.0\\.1:(\\d+)");

  private static Path dir;
  private static Path cert;
  private static Path key;

  @BeforeAll
  static void writeCertificate() throws IOException {
    dir =
        Files.createTempDirectory(
            "ntplab-serve-nts",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    cert = Files.writeString(dir.resolve("server.crt"), CERTIFICATE.certificatePem());
    key = Files.writeString(dir.resolve("server.key"), CERTIFICATE.privateKeyPem());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void chronydSynchronisesOverNtsWithinOneMillisecond() throws IOException {
    try (ServeProcess serve = serve()) {
      Run chronyd = chronyd(serve, 20);
      Matcher wrong = CHRONYD_OFFSET.matcher(chronyd.out() + chronyd.err());
      assertTrue(
          chronyd.exitCode() == 0 && wrong.find(),
          "no offset from chronyd: " + chronyd.describe() + "\nserver: " + serve.output());
      assertTrue(
          Math.abs(Double.parseDouble(wrong.group(1))) < 0.001,
          wrong.group() + "; " + chronyd.describe());
    }
  }

  @Test
  void chronydRejectsForgedRepliesAndNeverSynchronises() throws IOException {
    try (ServeProcess serve = serve("--nts-forge")) {
      Run chronyd = chronyd(serve, 8);
      String said = chronyd.out() + chronyd.err();
      assertFalse(CHRONYD_OFFSET.matcher(said).find(), "it synchronised: " + chronyd.describe());
      assertTrue(said.contains("Timeout reached"), chronyd.describe());
      // It did ask, and was answered: the replies were there, and it threw them away.
      Map<String, Long> counters = serve.counters();
      assertTrue(counters.getOrDefault("answered", 0L) >= 1, counters + "\n" + serve.output());
    }
  }

  private static ServeProcess serve(String... more) throws IOException {
    InetSocketAddress ntp = new InetSocketAddress(Peers.LOOPBACK, Peers.freePort(Peers.LOOPBACK));
    List<String> options =
        new ArrayList<>(
            List.of(
                "--rate-interval",
                "0",
                "--nts",
                "--cert",
                cert.toString(),
                "--key",
                key.toString(),
                "--ke-port",
                "0"));
    options.addAll(List.of(more));
    return ServeProcess.start(
        ntp, 256, Files.createTempDirectory(dir, "serve"), options.toArray(String[]::new));
  }

  /** {@code chronyd -Q} with one NTS server, for at most {@code seconds}. */
  private static Run chronyd(ServeProcess serve, int seconds) {
    Matcher kePort = KE_PORT.matcher(serve.output());
    if (!kePort.find()) {
      throw new AssertionFailedError("no NTS-KE port in: " + serve.output());
    }
    return Run.of(
        Duration.ofSeconds(seconds + 20),
        Peers.withoutClockAccess(
            List.of(
                "chronyd",
                "-Q",
                "-t",
                String.valueOf(seconds),
                "server 127.0.0.1 port "
                    + serve.address().getPort()
                    + " iburst nts ntsport "
                    + kePort.group(1)
                    + " maxsamples 4",
                "ntstrustedcerts " + cert)));
  }
}
