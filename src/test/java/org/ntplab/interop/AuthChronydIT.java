package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntplab.auth.Keyring;
import org.ntplab.auth.KeysFile;
import org.ntplab.auth.MacCheck;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.cli.Main;
import org.ntplab.client.QueryResult;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.client.SntpClient;
import org.ntplab.client.UdpTransport;
import org.opentest4j.AssertionFailedError;
import picocli.CommandLine;

/**
 * Our client against chronyd with a {@code keyfile}: chronyd on 127.0.0.1 at a free port, {@code
 * local stratum 3}, the keys below. The client reads the same file with {@link KeysFile}, so this
 * also checks that both read chrony's key syntaxes alike.
 *
 * <p>What chronyd 4.3 does, as observed: a request signed with a key it has gets a reply signed
 * with that key; a request whose MAC does not verify (a different secret, or a key ID it lacks)
 * gets no answer at all, not a crypto-NAK (its {@code NCR_ProcessRxUnknown} drops such requests in
 * symmetric-key mode); an unsigned request gets an unsigned reply.
 */
class AuthChronydIT {

  static final String KEYS =
      """
      # chrony keyfile: every syntax chrony.conf(5) allows for MD5 and SHA1
      1 MD5 HEX:0102030405060708090a0b0c0d0e0f10
      2 SHA1 HEX:000102030405060708090a0b0c0d0e0f10111213
      3 MD5 ASCII:tulip
      4 SHA1 plain-password
      5 longer-than-twenty-characters-plain
      """;

  static Path dir;
  static Process chronyd;
  static InetSocketAddress server;
  static Keyring keys;

  @BeforeAll
  static void startChronyd() throws Exception {
    String program = AuthPeers.program("chronyd", "chrony");
    // chronyd may drop root for _chrony before reading its files: they must be readable by others.
    dir =
        Files.createTempDirectory(
            "ntplab-chronyd-auth",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path keyfile = dir.resolve("chrony.keys");
    Files.writeString(keyfile, KEYS);
    keys = KeysFile.read(keyfile);
    int port = AuthPeers.freeUdpPort();
    Path conf = dir.resolve("chrony.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "local stratum 3",
            "allow 127.0.0.1",
            "bindaddress 127.0.0.1",
            "port " + port,
            "cmdport 0",
            "pidfile " + dir.resolve("chronyd.pid"),
            "driftfile " + dir.resolve("chronyd.drift"),
            "keyfile " + keyfile,
            ""));
    chronyd =
        new ProcessBuilder(program, "-x", "-d", "-f", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chronyd.log").toFile())
            .start();
    server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    awaitAnswer();
  }

  /**
   * chronyd answers within a second of starting; an unsigned query says when it does. Until it has
   * bound its port, the kernel answers with ICMP port unreachable: not yet, rather than never.
   */
  static void awaitAnswer() throws Exception {
    for (int i = 0; i < 20; i++) {
      if (!chronyd.isAlive()) {
        throw new AssertionFailedError("chronyd exited with " + chronyd.exitValue() + ": " + log());
      }
      try {
        if (query(Optional.empty(), Duration.ofMillis(500)) instanceof Answered) {
          return;
        }
      } catch (PortUnreachableException notBoundYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionFailedError("chronyd did not answer on " + server + ": " + log());
  }

  static String log() throws IOException {
    return Files.readString(dir.resolve("chronyd.log"), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopChronyd() throws Exception {
    if (chronyd != null) {
      chronyd.destroy();
      if (!chronyd.waitFor(5, TimeUnit.SECONDS)) {
        chronyd.destroyForcibly().waitFor();
      }
    }
    AuthPeers.deleteTree(dir);
  }

  static QueryResult query(Optional<SymmetricKey> key, Duration timeout) throws IOException {
    SntpClient.Options options = new SntpClient.Options(4, timeout, 1, false, key);
    try (UdpTransport transport = new UdpTransport()) {
      return new SntpClient(transport, Clock.systemUTC()).query(server, options);
    }
  }

  @ParameterizedTest(name = "key {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void chronydSignsItsReplyWithTheRequestsKeyAndItVerifies(long id) throws Exception {
    SymmetricKey key = keys.find(id).orElseThrow();
    Answered answered =
        assertInstanceOf(Answered.class, query(Optional.of(key), Duration.ofSeconds(2)), log());
    assertEquals(48 + 4 + key.algorithm().digestLength(), answered.replyBytes().length);
    assertEquals(id, answered.reply().mac().orElseThrow().keyId());
    assertEquals(Optional.of(MacCheck.VERIFIED), answered.authentication());
    assertEquals(List.of(), answered.problems());
  }

  @Test
  void chronydDoesNotAnswerAWrongSecret() throws Exception {
    SymmetricKey wrong = SymmetricKey.parse("1:MD5:0102030405060708090a0b0c0d0e0fff");
    assertInstanceOf(
        QueryResult.NoAnswer.class,
        query(Optional.of(wrong), Duration.ofSeconds(1)),
        "chronyd drops a request whose MAC does not verify: no crypto-NAK");
    SymmetricKey wrongAlgorithm =
        SymmetricKey.parse("2:MD5:000102030405060708090a0b0c0d0e0f10111213");
    assertInstanceOf(
        QueryResult.NoAnswer.class, query(Optional.of(wrongAlgorithm), Duration.ofSeconds(1)));
  }

  @Test
  void chronydDoesNotAnswerAKeyIdItLacks() throws Exception {
    SymmetricKey unknown = SymmetricKey.parse("99:SHA1:000102030405060708090a0b0c0d0e0f10111213");
    assertInstanceOf(
        QueryResult.NoAnswer.class, query(Optional.of(unknown), Duration.ofSeconds(1)));
  }

  @Test
  void chronydAnswersAnUnsignedRequestUnsigned() throws Exception {
    Answered answered =
        assertInstanceOf(Answered.class, query(Optional.empty(), Duration.ofSeconds(2)));
    assertEquals(48, answered.replyBytes().length);
    assertEquals(Optional.empty(), answered.authentication());
  }

  @Test
  void inspectShowsChronydsReplyVerified() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit =
        cli.execute(
            "inspect",
            "127.0.0.1:" + server.getPort(),
            "--keys",
            dir.resolve("chrony.keys").toString(),
            "--key-id",
            "2",
            "--no-color");
    assertEquals(0, exit, err.toString());
    assertTrue(
        out.toString()
            .contains(
                "\nauthentication: verified (key 2, SHA1): the reply's MAC verifies with the"
                    + " request's key\n"),
        out.toString());
    assertTrue(out.toString().contains("\nfit to use: no problems found"), out.toString());
  }
}
