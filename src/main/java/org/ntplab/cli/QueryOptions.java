package org.ntplab.cli;

import org.ntplab.net.Addresses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ntplab.client.Outcome;
import org.ntplab.client.ServerAddress;
import org.ntplab.client.SntpClient;
import org.ntplab.inspect.Meanings;
import picocli.CommandLine.Option;

/** The options of every command that queries a server: {@code inspect}, {@code capture}, {@code sync}. */
final class QueryOptions {

  @Option(names = "--version", paramLabel = "1..4", defaultValue = "4",
      description = "NTP version to put in the request (default: ${DEFAULT-VALUE}).")
  int version;

  @Option(names = "--timeout", paramLabel = "D", defaultValue = "1s", converter = DurationConverter.class,
      description = "How long the first attempt waits for the reply, e.g. 2s or 500ms (default: ${DEFAULT-VALUE});"
          + " each retry waits twice as long.")
  Duration timeout;

  @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
      description = "Requests to send before giving up (default: ${DEFAULT-VALUE}: 1 s + 2 s + 4 s).")
  int attempts;

  @Option(names = "--classic", description = "Put T1 in the transmit field, as SNTP lessons teach, instead of a"
      + " random nonce (RFC 9109; T1 is then kept aside).")
  boolean classic;

  SntpClient.Options toOptions() {
    try {
      return new SntpClient.Options(version, timeout, attempts, classic);
    } catch (IllegalArgumentException e) {
      throw new Main.BadInputException("--version, --timeout, --attempts: " + e.getMessage(), e);
    }
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
  String failure(Outcome.NoAnswer none) {
    List<String> waits = new ArrayList<>();
    Duration wait = timeout;
    for (int i = 0; i < none.attempts(); i++) {
      waits.add(Meanings.duration(Meanings.seconds(wait)));
      wait = wait.multipliedBy(2);
    }
    String line = "no answer from " + Addresses.text(none.server()) + ": " + none.attempts()
        + (none.attempts() == 1 ? " attempt" : " attempts") + " timed out (waited " + String.join(", ", waits) + ")";
    if (!none.ignored().isEmpty()) {
      line += "; " + ImportCommand.plural(none.ignored().size(), "other datagram") + " ignored, the last: "
          + none.ignored().get(none.ignored().size() - 1);
    }
    return line;
  }
}
