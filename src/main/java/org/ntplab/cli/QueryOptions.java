package org.ntplab.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ntplab.auth.Keyring;
import org.ntplab.auth.KeysFile;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.client.QueryResult;
import org.ntplab.client.ServerAddress;
import org.ntplab.client.SntpClient;
import org.ntplab.net.Addresses;
import org.ntplab.text.Counts;
import org.ntplab.text.Durations;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of every command that queries a server: {@code inspect}, {@code capture}, {@code
 * sync}.
 */
final class QueryOptions {

  private final OptionSpec version =
      HandBuilt.option(
          "--version",
          "1..4",
          int.class,
          "4",
          "NTP version to put in the request (default: ${DEFAULT-VALUE}).");
  private final OptionSpec timeout =
      HandBuilt.duration(
          "--timeout",
          "D",
          "1s",
          "How long the first attempt waits for the reply, e.g. 2s or 500ms (default: ${DEFAULT-VALUE});"
              + " each retry waits twice as long.");
  private final OptionSpec attempts =
      HandBuilt.option(
          "--attempts",
          "N",
          int.class,
          "3",
          "Requests to send before giving up (default: ${DEFAULT-VALUE}: 1 s + 2 s + 4 s).");
  private final OptionSpec classic =
      HandBuilt.flag(
          "--classic",
          "Put T1 in the transmit field, as SNTP lessons"
              + " teach, instead of a random nonce (RFC 9109; T1 is then kept aside).");
  private final OptionSpec key =
      HandBuilt.option(
          "--key",
          "ID:TYPE:HEX",
          String.class,
          null,
          "Sign the request with this symmetric key and check the reply's MAC: key ID, MD5 or SHA1,"
              + " the key in hex, e.g. 1:SHA1:000102...13. (A key on the command line shows in ps: prefer --keys.)");
  private final OptionSpec keysFile =
      HandBuilt.option(
          "--keys",
          "FILE",
          Path.class,
          null,
          "Take the key from an ntpd/NTPsec ntp.keys or a chrony keys file; --key-id says which.");
  private final OptionSpec keyId =
      HandBuilt.option("--key-id", "ID", Long.class, null, "The key of --keys to sign with.");

  /** Adds these options to the command of {@code spec}, whose run reads them from here. */
  QueryOptions addTo(CommandSpec spec) {
    HandBuilt.add(spec, version, timeout, attempts, classic, key, keysFile, keyId);
    return this;
  }

  /** Loaded once: the options are turned into {@link SntpClient.Options} more than once. */
  private Optional<SymmetricKey> signingKey;

  SntpClient.Options toOptions() {
    // Checked here, option by option, so the message names the option the user typed.
    int version = HandBuilt.value(this.version);
    Duration timeout = HandBuilt.value(this.timeout);
    int attempts = HandBuilt.value(this.attempts);
    if (version < 1 || version > 4) {
      throw new Main.BadInputException("--version must be 1 to 4 (NTPv1 to NTPv4), not " + version);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new Main.BadInputException(
          "--timeout must be more than 0, not " + Durations.signed(timeout));
    }
    if (attempts < 1) {
      throw new Main.BadInputException("--attempts must be 1 or more, not " + attempts);
    }
    return new SntpClient.Options(
        version, timeout, attempts, HandBuilt.value(classic), signingKey());
  }

  /**
   * The key from {@code --key}, or from {@code --keys} and {@code --key-id}; empty for unsigned
   * requests.
   */
  Optional<SymmetricKey> signingKey() {
    if (signingKey == null) {
      signingKey = loadKey();
    }
    return signingKey;
  }

  private Optional<SymmetricKey> loadKey() {
    String key = HandBuilt.value(this.key);
    Path keysFile = HandBuilt.value(this.keysFile);
    Long keyId = HandBuilt.value(this.keyId);
    if (key != null && (keysFile != null || keyId != null)) {
      throw new Main.BadInputException(
          "--key gives the key itself, --keys and --key-id name one in a file: choose one");
    }
    if (key != null) {
      try {
        return Optional.of(SymmetricKey.parse(key));
      } catch (IllegalArgumentException e) {
        throw new Main.BadInputException("--key: " + e.getMessage(), e);
      }
    }
    if (keysFile == null) {
      if (keyId != null) {
        throw new Main.BadInputException("--key-id goes with --keys FILE");
      }
      return Optional.empty();
    }
    Keyring keys = readKeys(keysFile);
    if (keyId == null) {
      throw new Main.BadInputException(
          "--keys needs --key-id: which key of " + keysFile + " to sign with (" + ids(keys) + ")");
    }
    return Optional.of(
        keys.find(keyId)
            .orElseThrow(
                () ->
                    new Main.BadInputException(
                        "--key-id "
                            + keyId
                            + ": "
                            + keysFile
                            + " has no such key ("
                            + ids(keys)
                            + ")")));
  }

  /** The keys in {@code file}; a file that cannot be read or used is bad input. */
  static Keyring readKeys(Path file) {
    try {
      return KeysFile.read(file);
    } catch (NoSuchFileException e) {
      throw new Main.BadInputException(file + ": no such keys file", e);
    } catch (IOException e) {
      throw new Main.BadInputException(file + ": cannot read the keys file: " + e.getMessage(), e);
    }
  }

  private static String ids(Keyring keys) {
    return keys.isEmpty()
        ? "it has none"
        : "it has " + keys.ids().stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /** The server named on the command line, for NTP by default on port 123. */
  static ServerAddress address(String text, int defaultPort) {
    try {
      return ServerAddress.parse(text, defaultPort);
    } catch (IllegalArgumentException e) {
      throw new Main.BadInputException(e.getMessage(), e);
    }
  }

  /** Why there is no time from the server, in one line. */
  String failure(QueryResult.NoAnswer none) {
    List<String> waits = new ArrayList<>();
    Duration wait = HandBuilt.value(timeout);
    for (int i = 0; i < none.attempts(); i++) {
      waits.add(Durations.text(wait));
      wait = wait.multipliedBy(2);
    }
    String line =
        "no answer from "
            + Addresses.text(none.server())
            + ": "
            + none.attempts()
            + (none.attempts() == 1 ? " attempt" : " attempts")
            + " timed out (waited "
            + String.join(", ", waits)
            + ")";
    if (!none.ignored().isEmpty()) {
      line +=
          "; "
              + Counts.plural(none.ignored().size(), "other datagram")
              + " ignored, the last: "
              + none.ignored().get(none.ignored().size() - 1);
    }
    if (signingKey().isPresent()) {
      line +=
          "; the requests were signed with key "
              + signingKey().get().keyId()
              + ", and a server that cannot verify a MAC may stay silent (chronyd does)";
    }
    return line;
  }
}
