package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.client.QueryResult;
import org.ntplab.nts.ke.Aead;
import org.ntplab.nts.ke.KeBody;
import org.ntplab.nts.ke.KeClient;
import org.ntplab.nts.ke.KeResult;
import org.ntplab.nts.ke.KeTrust;
import org.ntplab.testing.TestCertificates;
import org.opentest4j.AssertionFailedError;

/**
 * Our NTS-KE client against chronyd 4.3 as an NTS server on loopback: a self-signed EC P-256
 * certificate for {@code localhost} and {@code 127.0.0.1} made here, NTS-KE on a free TCP port.
 *
 * <p>chronyd drops root for {@code _chrony} before it reads its key: the folder and files are
 * readable by others (the key is this test's, thrown away with it); otherwise a client sees only
 * "Error in the pull function". chronyd ends an NTS-KE session after 2 s, which a cold JVM's first
 * handshake can approach: Bouncy Castle is loaded and exercised (the certificates) before the first
 * connection, and each handshake's time goes to the test's output.
 */
class ChronydNtsKeIT {

  private static final TestCertificates.Issued CERTIFICATE =
      TestCertificates.selfSigned("localhost", "DNS:localhost", "IP:127.0.0.1");

  private static Path dir;
  private static Daemon chronyd;
  private static int kePort;
  private static InetSocketAddress ntp;

  @BeforeAll
  static void startChronyd() throws IOException {
    dir =
        Files.createTempDirectory(
            "ntplab-chronyd-nts",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path cert = Files.writeString(dir.resolve("server.crt"), CERTIFICATE.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), CERTIFICATE.privateKeyPem());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    // chronyd writes its server keys there as _chrony (the umask would narrow a mode given here).
    Path dump = Files.createDirectory(dir.resolve("nts"));
    Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rwxrwxrwx"));
    ntp = new InetSocketAddress(Peers.LOOPBACK, Peers.freePort(Peers.LOOPBACK));
    kePort = freeTcpPort();
    chronyd =
        ChronydServerIT.startLocalStratum3(
            dir,
            ntp,
            "ntsport " + kePort,
            "ntsserverkey " + key,
            "ntsservercert " + cert,
            "ntsdumpdir " + dump);
    chronyd.await(
        "answers with time", Duration.ofSeconds(10), QueryResult.Answered.class::isInstance);
    awaitKeListening(Duration.ofSeconds(5));
  }

  @AfterAll
  static void stopChronyd() {
    if (chronyd != null) {
      chronyd.close();
    }
  }

  @Test
  void givesEightCookiesOfAes256SivWithKeysOf32Bytes() {
    KeResult.Agreed agreed = agreed(exchange(trustOurCertificate()));
    assertEquals(Aead.AES_SIV_CMAC_256, agreed.keys().aead());
    assertEquals(32, agreed.keys().c2s().length);
    assertEquals(32, agreed.keys().s2c().length);
    assertEquals(8, agreed.cookies().size());
    for (KeBody.NewCookie cookie : agreed.cookies()) {
      assertEquals(100, cookie.cookie().length, "chrony's cookies are 100 bytes");
    }
    // chrony names no other server, so NTP goes to the NTS-KE host; its port is not 123, and
    // chrony says so with a Port Negotiation record.
    assertEquals("127.0.0.1", agreed.ntpServer());
    assertEquals(ntp.getPort(), agreed.ntpPort());
    assertTrue(
        agreed.records().stream().anyMatch(r -> r.body() instanceof KeBody.Port),
        agreed.records().toString());
    assertTrue(
        agreed.records().get(agreed.records().size() - 1).body() instanceof KeBody.EndOfMessage);
  }

  @Test
  void twoExchangesGiveDifferentKeysAndCookies() {
    KeResult.Agreed first = agreed(exchange(trustOurCertificate()));
    KeResult.Agreed second = agreed(exchange(trustOurCertificate()));
    assertTrue(!first.keys().equals(second.keys()), "each TLS session exports its own keys");
    assertTrue(!first.cookies().equals(second.cookies()), "each exchange gets fresh cookies");
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() {
    TestCertificates.Issued otherCa = TestCertificates.authority("not chrony's CA");
    KeResult result = exchange(KeTrust.of(List.of(otherCa.certificate()), "another CA"));
    KeResult.Failed failed = assertInstanceOf(KeResult.Failed.class, result, context(result));
    assertEquals(KeResult.Stage.CERTIFICATE, failed.stage());
    assertEquals(
        "the certificate of CN=localhost is not trusted: it does not chain to another CA (issuer"
            + " CN=localhost)",
        failed.reason());
  }

  private static KeTrust trustOurCertificate() {
    return KeTrust.of(List.of(CERTIFICATE.certificate()), "the test's certificate");
  }

  private static KeResult exchange(KeTrust trust) {
    KeResult result =
        new KeClient(KeClient.Options.defaults().withTrust(trust)).exchange("127.0.0.1", kePort);
    if (result instanceof KeResult.Agreed agreed) {
      System.out.println(
          "NTS-KE with " + chronyd + ": handshake " + agreed.handshake().toMillis() + " ms");
    }
    return result;
  }

  private static KeResult.Agreed agreed(KeResult result) {
    return assertInstanceOf(KeResult.Agreed.class, result, context(result));
  }

  private static String context(KeResult result) {
    return chronyd.context("NTS-KE on port " + kePort + " came to " + result);
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, Peers.LOOPBACK)) {
      return probe.getLocalPort();
    }
  }

  /** Until chronyd's NTS-KE port accepts a TCP connection: its NTP port may open first. */
  private static void awaitKeListening(Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() - deadline < 0) {
      try (Socket probe = new Socket(Peers.LOOPBACK, kePort)) {
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new AssertionFailedError("interrupted while waiting for chronyd's NTS-KE port");
        }
      }
    }
    throw chronyd.failure(
        "did not listen for NTS-KE on port " + kePort + " within " + limit.toSeconds() + " s");
  }
}
