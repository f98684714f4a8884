package org.ntplab.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.ntplab.client.QueryResult;
import org.ntplab.nts.ke.KeTrust;
import org.ntplab.testing.TestCertificates;
import org.opentest4j.AssertionFailedError;

/**
 * chronyd 4.3 serving NTS on loopback: NTS-KE on a free TCP port with a self-signed EC P-256
 * certificate for {@code localhost} and {@code 127.0.0.1} made here, NTP on a free UDP port.
 *
 * <p>chronyd drops root for {@code _chrony} before it reads its key: the folder and files are
 * readable by others (the key is this test's, thrown away with it); otherwise a client sees only
 * "Error in the pull function". chronyd ends an NTS-KE session after 2 s, which a cold JVM's first
 * handshake can approach: Bouncy Castle is loaded and exercised (the certificates) before the first
 * connection.
 *
 * @param certificateFile the server's certificate as PEM, what a client's {@code --ca} trusts
 */
record ChronydNts(
    Daemon chronyd,
    TestCertificates.Issued certificate,
    Path certificateFile,
    int kePort,
    InetSocketAddress ntp)
    implements AutoCloseable {

  /** Starts chronyd with its files in a new folder, once it answers NTP and listens for NTS-KE. */
  static ChronydNts start() throws IOException {
    TestCertificates.Issued certificate =
        TestCertificates.selfSigned("localhost", "DNS:localhost", "IP:127.0.0.1");
    Path dir =
        Files.createTempDirectory(
            "ntplab-chronyd-nts",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path cert = Files.writeString(dir.resolve("server.crt"), certificate.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), certificate.privateKeyPem());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    // chronyd writes its server keys there as _chrony (the umask would narrow a mode given here).
    Path dump = Files.createDirectory(dir.resolve("nts"));
    Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rwxrwxrwx"));
    InetSocketAddress ntp = new InetSocketAddress(Peers.LOOPBACK, Peers.freePort(Peers.LOOPBACK));
    int kePort = freeTcpPort();
    Daemon chronyd =
        ChronydServerIT.startLocalStratum3(
            dir,
            ntp,
            "ntsport " + kePort,
            "ntsserverkey " + key,
            "ntsservercert " + cert,
            "ntsdumpdir " + dump);
    ChronydNts server = new ChronydNts(chronyd, certificate, cert, kePort, ntp);
    chronyd.await(
        "answers with time", Duration.ofSeconds(10), QueryResult.Answered.class::isInstance);
    server.awaitKeListening(Duration.ofSeconds(5));
    return server;
  }

  /** Trusts this server's certificate and nothing else. */
  KeTrust trust() {
    return KeTrust.of(List.of(certificate.certificate()), "the test's certificate");
  }

  /** {@code message}, then chronyd's last lines. */
  String context(String message) {
    return chronyd.context(message);
  }

  @Override
  public void close() {
    chronyd.close();
  }

  @Override
  public String toString() {
    return chronyd.toString();
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, Peers.LOOPBACK)) {
      return probe.getLocalPort();
    }
  }

  /** Until chronyd's NTS-KE port accepts a TCP connection: its NTP port may open first. */
  private void awaitKeListening(Duration limit) {
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
