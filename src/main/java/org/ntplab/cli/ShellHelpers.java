package org.ntplab.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.ntplab.client.QueryResult;
import org.ntplab.client.ServerAddress;
import org.ntplab.client.SntpClient;
import org.ntplab.client.UdpTransport;
import org.ntplab.exchange.ExchangeReport;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureStore;
import org.ntplab.fixture.HexText;
import org.ntplab.inspect.HexdumpRenderer;
import org.ntplab.inspect.Style;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpMessage;

/**
 * What {@code ntplab shell} preloads ({@code import static org.ntplab.cli.ShellHelpers.*}): the
 * workbench's commands as methods that print what the command would and return the value, so {@code
 * decode("1b00...").version()} works.
 */
public final class ShellHelpers {

  /** The startup message: every helper, with an example. */
  public static final String HELP =
      String.join(
          "\n",
          "ntplab shell: JShell with the workbench on the class path (org.ntplab.wire.* is imported).",
          "  decode(\"1b00...\")       decode hex (any format ntplab decode takes), print the annotated dump",
          "  decode(bytes)            the same for a byte[]",
          "  fixture(\"chrony-v4-1\")   a fixture by id, from fixtures/ (or shell --fixtures DIR)",
          "  reply(\"chrony-v4-1\")     a fixture's reply bytes (request(\"...\") for its request)",
          "  query(\"pool.ntp.org\")    one SNTP query (host[:port]), printing the exchange as ntplab inspect does",
          "  help()                   this list; /exit leaves");

  /** Set by {@code ntplab shell} to the fixtures folder it was started with. */
  static final String FIXTURES_PROPERTY = "ntplab.shell.fixtures";

  private static List<Fixture> fixtures;

  private ShellHelpers() {}

  public static void help() {
    out(out -> out.println(HELP));
  }

  /** Decodes the packet in {@code hex} and prints it as {@code ntplab decode} does. */
  public static NtpMessage decode(String hex) {
    return decode(HexText.parse(hex));
  }

  public static NtpMessage decode(byte[] bytes) {
    NtpMessage message = NtpCodec.decode(bytes);
    out(out -> HexdumpRenderer.render(bytes, message, Style.PLAIN, out));
    return message;
  }

  /**
   * The fixture with this id, under the fixtures folder; an unknown id lists ids that contain it.
   */
  public static Fixture fixture(String id) {
    List<Fixture> all = fixtures();
    return all.stream()
        .filter(f -> f.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> {
              List<String> like =
                  all.stream().map(Fixture::id).filter(i -> i.contains(id)).limit(8).toList();
              return new IllegalArgumentException(
                  "no fixture \""
                      + id
                      + "\" in "
                      + fixturesRoot()
                      + (like.isEmpty()
                          ? ""
                          : "; ids with that in them: " + String.join(", ", like)));
            });
  }

  /** The reply bytes of the fixture with this id. */
  public static byte[] reply(String id) {
    return fixture(id)
        .replyBytes()
        .orElseThrow(() -> new IllegalArgumentException("fixture " + id + " has no reply"));
  }

  /** The request bytes of the fixture with this id. */
  public static byte[] request(String id) {
    return fixture(id)
        .requestBytes()
        .orElseThrow(() -> new IllegalArgumentException("fixture " + id + " has no request"));
  }

  /** One SNTP query with the default options, printed as {@code ntplab inspect} prints it. */
  public static QueryResult query(String hostAndPort) {
    try {
      InetSocketAddress server = ServerAddress.parse(hostAndPort, NtpMessage.PORT).resolve();
      QueryResult outcome;
      try (UdpTransport transport = new UdpTransport()) {
        outcome =
            new SntpClient(transport, Clock.systemUTC()).query(server, SntpClient.Options.DEFAULTS);
      }
      if (outcome instanceof QueryResult.Exchange exchange) {
        out(out -> new ExchangeReport(exchange, List.of(outcome), Style.PLAIN, out).print());
      } else {
        out(
            out ->
                out.println(
                    "no answer from "
                        + hostAndPort
                        + " after "
                        + ((QueryResult.NoAnswer) outcome).attempts()
                        + " attempts"));
      }
      return outcome;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized List<Fixture> fixtures() {
    if (fixtures == null) {
      try {
        fixtures =
            FixtureStore.load(fixturesRoot()).stream()
                .map(FixtureStore.FixtureFile::fixture)
                .toList();
      } catch (FixtureException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    return fixtures;
  }

  private static Path fixturesRoot() {
    return Path.of(System.getProperty(FIXTURES_PROPERTY, "fixtures"));
  }

  /** UTF-8 whatever the locale: meanings use a few non-ASCII signs (≈, µ, —). */
  private static void out(java.util.function.Consumer<PrintWriter> print) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    print.accept(out);
    out.flush();
  }
}
