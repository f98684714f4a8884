package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntplab.testing.CapturedReply;
import org.ntplab.testing.SignedExchanges;
import org.ntplab.testing.UdpResponder;

/**
 * {@code --key}, {@code --keys} and {@code --key-id} on {@code inspect} and {@code sync}, and
 * {@code serve --keys}, over real UDP on loopback: what is shown for each outcome of the MAC check,
 * and a one-line error for each bad option.
 */
class AuthOptionsTest {

  static final String MD5_KEY = "1:MD5:0102030405060708090a0b0c0d0e0f10";
  static final String SHA1_KEY = "2:SHA1:000102030405060708090a0b0c0d0e0f10111213";

  @TempDir Path dir;

  /** Both keys of {@link SignedExchanges}, in chrony's format. */
  Path keysFile() throws IOException {
    Path file = dir.resolve("chrony.keys");
    Files.writeString(
        file,
        "1 MD5 HEX:0102030405060708090a0b0c0d0e0f10\n2 SHA1 HEX:000102030405060708090a0b0c0d0e0f10111213\n");
    return file;
  }

  static CliRun inspect(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "inspect";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.with(new TestCommands(InspectCommandTest.capturedClock()), all);
  }

  @Test
  void theBuiltInServerKnowsTheKeyAndTheReplyVerifies() throws IOException {
    CliRun run = CliRun.of("inspect", "--key", SHA1_KEY);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("(stratum 3, refid 127.127.1.1; key 2 SHA1)"), run.err());
    assertTrue(run.out().startsWith("request: 72 bytes to 127.0.0.1:"), run.out());
    assertTrue(
        run.out()
            .contains(
                "\nauthentication: verified (key 2, SHA1): the reply's MAC verifies with the request's key\n"),
        run.out());

    JsonNode json =
        new ObjectMapper().readTree(CliRun.of("inspect", "--key", MD5_KEY, "--json").out());
    assertTrue(json.get("authenticated").asBoolean());
    assertEquals(1, json.get("mac").get("keyId").asInt());
    assertEquals(0, json.get("problems").size());
  }

  @Test
  void aReplyFromAHolderOfTheKeyVerifies() throws Exception {
    try (UdpResponder server =
        UdpResponder.start(
            request -> List.of(SignedExchanges.MD5_KEY.sign(CapturedReply.answering(request))))) {
      CliRun run = inspect(server.hostPort(), "--keys", keysFile().toString(), "--key-id", "1");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(68, server.requests().get(0).bytes().length);
      assertTrue(run.out().contains("\nauthentication: verified (key 1, MD5)"), run.out());
      assertTrue(run.out().contains("\nfit to use: no problems found"), run.out());
    }
  }

  @Test
  void anUnsignedReplyIsShownAsAProblem() throws Exception {
    try (UdpResponder server = UdpResponder.capturedReply()) {
      CliRun run = inspect(server.hostPort(), "--key", MD5_KEY);
      assertEquals(0, run.exitCode(), "a fitness problem is shown, not failed on: " + run.err());
      assertTrue(
          run.out()
              .contains(
                  "\nauthentication failed (key 1, MD5): the reply has no MAC: the server answered"
                      + " a signed request unsigned\n"),
          run.out());
      assertTrue(
          run.out()
              .contains(
                  "\nnot fit to set a clock by (1 problem):\n  - not authenticated: the reply has no MAC"),
          run.out());

      JsonNode json =
          new ObjectMapper().readTree(inspect(server.hostPort(), "--key", MD5_KEY, "--json").out());
      assertFalse(json.get("authenticated").asBoolean());
      assertTrue(json.get("authenticated").isBoolean());
      assertTrue(
          json.get("problems")
              .get(0)
              .asText()
              .startsWith("not authenticated: the reply has no MAC"));
    }
  }

  @Test
  void aCryptoNakIsShownAsAProblem() throws Exception {
    try (UdpResponder server =
        UdpResponder.start(
            request -> List.of(Arrays.copyOf(CapturedReply.answering(request), 52)))) {
      CliRun run = inspect(server.hostPort(), "--key", SHA1_KEY);
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(
          run.out()
              .contains(
                  "\nauthentication failed (key 2, SHA1): crypto-NAK: the server could not authenticate"
                      + " the request"),
          run.out());
      assertTrue(run.out().contains("MAC key ID      0                    crypto-NAK"), run.out());
    }
  }

  @Test
  void silenceToASignedRequestSuggestsTheKey() throws Exception {
    try (UdpResponder server = UdpResponder.start(request -> List.of())) {
      CliRun run =
          inspect(server.hostPort(), "--key", MD5_KEY, "--attempts", "1", "--timeout", "100ms");
      assertEquals(1, run.exitCode());
      assertTrue(
          run.err()
              .contains(
                  "1 attempt timed out (waited 100 ms); the requests were signed with key 1, and a"
                      + " server that cannot verify a MAC may stay silent (chronyd does)"),
          run.err());
    }
  }

  @Test
  void syncRefusesToStepByUnauthenticatedTime() throws Exception {
    try (UdpResponder server = UdpResponder.capturedReply()) {
      TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
      CliRun run =
          CliRun.with(
              new TestCommands(InspectCommandTest.capturedClock(), setter),
              "sync",
              server.hostPort(),
              "--key",
              MD5_KEY,
              "--apply");
      assertEquals(1, run.exitCode());
      assertTrue(
          run.err()
              .contains(
                  "refusing to step the clock: the reply has 1 problem (first: not authenticated:"),
          run.err());
      assertEquals(List.of(), setter.steps);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--key 1:MD5                       | ntplab inspect: --key: 2 parts separated by ':' (expected: ID:TYPE:HEX",
        "--key 1:AES128:00                 | ntplab inspect: --key: type 'AES128' is not MD5 or SHA1 (AES-CMAC is out of scope)",
        "--key 0:MD5:00                    | ntplab inspect: --key: key ID must be 1 to 4294967295, not 0",
        "--key-id 1                        | ntplab inspect: --key-id goes with --keys FILE",
        "--keys KEYS                       | ntplab inspect: --keys needs --key-id: which key of KEYS to sign with (it has 1, 2)",
        "--keys KEYS --key-id 3            | ntplab inspect: --key-id 3: KEYS has no such key (it has 1, 2)",
        "--keys KEYS --key-id 1 --key 1:MD5:00 | ntplab inspect: --key gives the key itself, --keys and --key-id name one in a file: choose one",
        "--keys DIR/missing.keys --key-id 1 | ntplab inspect: DIR/missing.keys: no such keys file",
        "--keys BAD --key-id 1             | ntplab inspect: DIR/bad.keys line 2, type: 'SHA256' is not supported",
      })
  void badKeyOptionsAreBadInputInOneLine(String args, String message) throws Exception {
    Path keys = keysFile();
    Path bad = dir.resolve("bad.keys");
    Files.writeString(bad, "1 SHA1 HEX:00\n2 SHA256 HEX:00\n");
    List<String> all = new java.util.ArrayList<>(List.of("127.0.0.1:9"));
    for (String arg : args.split(" ")) {
      all.add(
          arg.replace("KEYS", keys.toString())
              .replace("BAD", bad.toString())
              .replace("DIR", dir.toString()));
    }
    CliRun run = inspect(all.toArray(String[]::new));
    assertEquals(2, run.exitCode(), run.err());
    String expected = message.replace("KEYS", keys.toString()).replace("DIR", dir.toString());
    assertTrue(run.err().startsWith(expected), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void serveSignsWithTheKeysOfTheFileAndCountsWhatItDid() throws Exception {
    Path keys = keysFile();
    try (ServeCommandTest.Running serve =
        new ServeCommandTest.Running(
            "--port", "0", "--time-port", "0", "--keys", keys.toString())) {
      String server = "127.0.0.1:" + serve.server.address().getPort();
      assertTrue(
          serve
              .out
              .toString()
              .startsWith(
                  "serving NTP on "
                      + server
                      + " (stratum 3, refid 127.127.1.1; keys 1 MD5, 2 SHA1); Ctrl-C to stop"),
          serve.out.toString());

      CliRun good = CliRun.of("inspect", server, "--keys", keys.toString(), "--key-id", "2");
      assertTrue(
          good.out().contains("\nauthentication: verified (key 2, SHA1)"), good.out() + good.err());
      CliRun wrong = CliRun.of("inspect", server, "--key", "1:MD5:00", "--json");
      assertFalse(
          new ObjectMapper().readTree(wrong.out()).get("authenticated").asBoolean(),
          wrong.out() + wrong.err());
      CliRun unknown = CliRun.of("inspect", server, "--key", "7:MD5:00");
      assertTrue(
          unknown.out().contains("authentication failed (key 7, MD5): crypto-NAK"),
          unknown.out() + unknown.err());
      CliRun plain = CliRun.of("inspect", server);
      assertFalse(plain.out().contains("authentication"), plain.out());

      assertEquals(0, serve.stop());
      assertTrue(
          serve
              .out
              .toString()
              .contains(
                  "stopped: received 4, answered 4, dropped 0, rate-limited 0; signed 1, crypto-NAK 2 (unknown key 1, bad MAC 1), unsigned 1"),
          serve.out.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing.keys | ntplab serve: DIR/missing.keys: no such keys file",
        "bad.keys     | ntplab serve: DIR/bad.keys line 1, key ID: '0' is not a number from 1 to 4294967295",
        "empty.keys   | ntplab serve: --keys: DIR/empty.keys has no keys",
      })
  void serveRefusesAKeysFileItCannotUse(String name, String message) throws IOException {
    Files.writeString(dir.resolve("bad.keys"), "0 MD5 tulip\n");
    Files.writeString(dir.resolve("empty.keys"), "# no keys yet\n");
    CliRun run =
        CliRun.of(
            "serve", "--port", "0", "--time-port", "0", "--keys", dir.resolve(name).toString());
    assertEquals(2, run.exitCode(), run.err());
    assertEquals(message.replace("DIR", dir.toString()) + "\n", run.err());
  }
}
