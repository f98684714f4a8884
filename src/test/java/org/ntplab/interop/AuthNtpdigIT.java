package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntplab.auth.KeysFile;
import org.ntplab.server.NtpServer;
import org.ntplab.server.RateLimit;
import org.ntplab.server.ServerConfig;
import org.ntplab.server.ServerStats;
import org.ntplab.wire.NtpMessage;
import org.opentest4j.AssertionFailedError;

/**
 * NTPsec's {@code ntpdig -a KEYID -k KEYFILE} against our server, which reads the same {@code
 * ntp.keys} with {@link KeysFile}. ntpdig only talks to port 123, so the server binds 127.0.0.1:123
 * (the tests run as root); this class starts and stops it, and waits for the port when another
 * test's server still holds it. Keep interop tests sequential.
 *
 * <p>What ntpdig (NTPsec 1.2.2) does, as observed: with the right key it checks the reply's MAC,
 * logs {@code MAC verification on reply from 127.0.0.1 succeeded} under {@code -d}, prints the time
 * and exits 0. When the MAC does not verify (our crypto-NAK to a wrong secret or an unknown key ID)
 * it prints no time and exits 1; it means to log {@code MAC verification ... failed} and drop the
 * server, but 1.2.2 instead dies in {@code read_append} with {@code AttributeError: 'bytes' object
 * has no attribute 'trusted'}. Both are accepted below as its refusal.
 */
class AuthNtpdigIT {

  static final String NTP_KEYS =
      """
      # ntp.keys as ntp-keygen writes it
      1 MD5 0102030405060708090a0b0c0d0e0f10            # 32 hex digits: a 16-byte key
      2 SHA1 000102030405060708090a0b0c0d0e0f10111213   # 40 hex digits: a 20-byte key
      3 MD5 tulip                                       # 20 characters or fewer: ASCII
      4 SHA1 rose
      """;

  /**
   * The client's keys where they differ from the server's: another secret for 1 and 2, an unknown
   * 9.
   */
  static final String WRONG_KEYS =
      """
      1 MD5 0102030405060708090a0b0c0d0e0fff
      2 SHA1 daisy
      9 MD5 tulip
      """;

  /**
   * A line of ntpdig's report: {@code 2026-11-22 03:12:32.213026 (+0000) -0.000019 +/- 0.001021
   * 127.0.0.1 s3 no-leap}.
   */
  static final Pattern TIME_LINE =
      Pattern.compile(
          "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ \\([+-]\\d{4}\\) "
              + "[+-]\\d+\\.\\d+ \\+/- \\d+\\.\\d+ 127\\.0\\.0\\.1 s3 no-leap\\n");

  /** How long to wait for port 123 while another test's server lets go of it. */
  static final Duration PORT_WAIT = Duration.ofSeconds(60);

  static Path dir;
  static NtpServer server;
  static String ntpdig;

  @BeforeAll
  static void startServer() throws Exception {
    ntpdig = AuthPeers.program("ntpdig", "ntpsec-ntpdig");
    dir = Files.createTempDirectory("ntplab-ntpdig-auth");
    Files.writeString(dir.resolve("ntp.keys"), NTP_KEYS);
    Files.writeString(dir.resolve("wrong.keys"), WRONG_KEYS);
    ServerConfig config =
        ServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), NtpMessage.PORT))
            .withRateLimit(RateLimit.OFF)
            .withKeys(KeysFile.read(dir.resolve("ntp.keys")));
    long deadline = System.nanoTime() + PORT_WAIT.toNanos();
    while (true) {
      try {
        server =
            NtpServer.start(
                config,
                Clock.systemUTC(),
                new SplittableRandom(),
                new PrintWriter(new StringWriter()));
        return;
      } catch (BindException e) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionFailedError(
              "127.0.0.1:123 stayed taken for "
                  + PORT_WAIT.toSeconds()
                  + " s (is an NTP server running?): "
                  + e.getMessage());
        }
        Thread.sleep(500);
      }
    }
  }

  @AfterAll
  static void stopServer() throws IOException {
    if (server != null) {
      server.close();
    }
    AuthPeers.deleteTree(dir);
  }

  static AuthPeers.Result ntpdig(String keyId, String keysFile) throws Exception {
    return AuthPeers.run(
        List.of(
            ntpdig,
            "-d",
            "-t",
            "2",
            "-a",
            keyId,
            "-k",
            dir.resolve(keysFile).toString(),
            "127.0.0.1"),
        dir,
        Duration.ofSeconds(30));
  }

  /** Counters change just after the reply is sent: wait for them rather than race them. */
  static ServerStats awaitStats(Predicate<ServerStats> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    ServerStats stats = server.stats();
    while (!done.test(stats) && System.nanoTime() - deadline < 0) {
      Thread.sleep(10);
      stats = server.stats();
    }
    return stats;
  }

  @ParameterizedTest(name = "key {0}")
  @ValueSource(strings = {"1", "2", "3", "4"})
  void ntpdigVerifiesOurSignedReply(String keyId) throws Exception {
    long signedBefore = server.stats().signed();
    AuthPeers.Result result = ntpdig(keyId, "ntp.keys");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(
        result
            .err()
            .contains(
                "authenticating with "
                    + (keyId.equals("1") || keyId.equals("3") ? "MD5" : "SHA1")
                    + " key "
                    + keyId),
        result.toString());
    assertTrue(
        result.err().contains("MAC verification on reply from 127.0.0.1 succeeded"),
        result.toString());
    assertTrue(TIME_LINE.matcher(result.out()).find(), result.toString());
    assertEquals(signedBefore + 1, awaitStats(s -> s.signed() > signedBefore).signed());
  }

  @Test
  void ntpdigRefusesTheCryptoNakToAWrongSecret() throws Exception {
    long badBefore = server.stats().badMacNaks();
    for (String keyId : List.of("1", "2")) {
      assertRefused(ntpdig(keyId, "wrong.keys"));
    }
    assertEquals(badBefore + 2, awaitStats(s -> s.badMacNaks() >= badBefore + 2).badMacNaks());
  }

  @Test
  void ntpdigRefusesTheCryptoNakToAnUnknownKey() throws Exception {
    long unknownBefore = server.stats().unknownKeyNaks();
    assertRefused(ntpdig("9", "wrong.keys"));
    assertEquals(
        unknownBefore + 1, awaitStats(s -> s.unknownKeyNaks() > unknownBefore).unknownKeyNaks());
  }

  @Test
  void ntpdigWithoutAKeyGetsAnUnsignedReply() throws Exception {
    long unsignedBefore = server.stats().unsigned();
    AuthPeers.Result result =
        AuthPeers.run(List.of(ntpdig, "-t", "2", "127.0.0.1"), dir, Duration.ofSeconds(30));
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(TIME_LINE.matcher(result.out()).find(), result.toString());
    assertEquals(unsignedBefore + 1, awaitStats(s -> s.unsigned() > unsignedBefore).unsigned());
  }

  /**
   * No time printed, exit 1, and the reason: the designed log line, or 1.2.2's crash on the way to
   * it.
   */
  static void assertRefused(AuthPeers.Result result) {
    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(
        !TIME_LINE.matcher(result.out()).find(),
        "no time from an unauthenticated reply: " + result);
    assertTrue(
        result.err().contains("MAC verification on reply from 127.0.0.1 failed")
            || result.err().contains("AttributeError: 'bytes' object has no attribute 'trusted'"),
        result.toString());
  }
}
