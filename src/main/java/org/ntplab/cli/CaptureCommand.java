package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ntplab.client.QueryResult;
import org.ntplab.client.QueryResult.Exchange;
import org.ntplab.client.QueryResult.KissOfDeath;
import org.ntplab.client.ServerAddress;
import org.ntplab.client.SntpClient;
import org.ntplab.client.UdpTransport;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.Importer;
import org.ntplab.net.Addresses;
import org.ntplab.text.Durations;
import org.ntplab.wire.NtpMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntplab capture}: query a live server and keep every exchange as a fixture. */
@Command(
    name = "capture",
    description = {
      "Query a server N times and keep each exchange (request, reply, T1, T4) as a",
      "fixture. Fixtures go to DIR/replies as capture-HOST-1, capture-HOST-2...: the",
      "next free number, never overwriting. A kiss-o'-death is kept too, and ends the",
      "series: the server asked us to stop or to slow down."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab capture 127.0.0.1:1123 --out ~/hidden-fixtures --count 10",
      "  ntplab capture time.example.org --out fixtures --interval 16s",
      "  ntplab fixtures verify fixtures",
      "",
      "Exit status: 0 every query captured; 1 some were not (no answer, kiss-o'-death),",
      "or the host is unknown; 2 bad usage."
    })
final class CaptureCommand implements Callable<Integer> {

  CommandSpec spec;

  /**
   * The query options are built by hand (see {@link HandBuilt}): added here, where picocli gives
   * the model.
   */
  @Spec
  void spec(CommandSpec spec) {
    this.spec = spec;
    query.addTo(spec);
  }

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Parameters(
      paramLabel = "HOST[:PORT]",
      description = "The server: a name, an IPv4 address, or [IPv6]:PORT.")
  String host;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Fixture folder; fixtures go to DIR/replies.")
  Path out;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "4",
      description = "Queries to make (default: ${DEFAULT-VALUE}, a burst like chronyd's iburst).")
  int count;

  @Option(
      names = "--interval",
      paramLabel = "D",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "Least time between queries (default: ${DEFAULT-VALUE}; servers rate-limit closer ones).")
  Duration interval;

  final QueryOptions query = new QueryOptions();

  private static final String HOW = "ntplab capture";

  private final Clock clock;
  private int next = 1;

  CaptureCommand() {
    this(Clock.systemUTC());
  }

  /**
   * @param clock read for T1 and T4
   */
  CaptureCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    if (count < 1) {
      throw new Main.BadInputException("--count must be 1 or more, not " + count);
    }
    if (interval.isNegative()) {
      throw new Main.BadInputException(
          "--interval must not be negative, not " + Durations.signed(interval));
    }
    SntpClient.Options options = query.toOptions();
    // Before the first query: a folder we cannot write would otherwise lose the exchanges made.
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      String why =
          e instanceof AccessDeniedException
              ? "permission denied"
              : e instanceof FileSystemException f && f.getReason() != null
                  ? f.getReason()
                  : "the file system refused";
      throw new Main.BadInputException(
          "--out " + out + ": cannot create the folder (" + why + ")", e);
    }
    if (!Files.isWritable(out)) {
      throw new Main.BadInputException("--out " + out + ": the folder is not writable");
    }
    ServerAddress address = QueryOptions.address(host, NtpMessage.PORT);
    InetSocketAddress server = address.resolve();
    String stem = ExchangeFixtures.id("capture-" + address.host());
    Progress progress = new Progress(spec.commandLine().getErr(), count, Terminal.isInteractive());
    List<Fixture> written = new ArrayList<>();
    List<QueryResult> outcomes;
    try (UdpTransport transport = new UdpTransport()) {
      outcomes =
          new SntpClient(transport, clock)
              .queryEach(
                  server,
                  options,
                  count,
                  interval,
                  outcome -> {
                    if (outcome instanceof Exchange exchange) {
                      written.add(write(exchange, stem, address.host()));
                    }
                    progress.update(written.size(), outcome);
                  });
    } finally {
      progress.end();
    }
    PrintWriter stdout = spec.commandLine().getOut();
    Path folder = out.resolve("replies");
    stdout.println(
        "captured "
            + written.size()
            + " of "
            + count
            + " from "
            + Addresses.text(server)
            + (written.isEmpty() ? "" : " into " + folder + ": " + range(written)));
    stdout.flush();
    QueryResult last = outcomes.get(outcomes.size() - 1);
    if (last instanceof KissOfDeath kod) {
      throw new Main.FailureException(
          "stopped after " + outcomes.size() + " of " + count + ": " + kod.describe());
    }
    long unanswered = outcomes.stream().filter(QueryResult.NoAnswer.class::isInstance).count();
    if (unanswered > 0) {
      throw new Main.FailureException(
          unanswered
              + " of "
              + count
              + " queries got no answer; last: "
              + query.failure(
                  (QueryResult.NoAnswer)
                      outcomes.stream()
                          .filter(QueryResult.NoAnswer.class::isInstance)
                          .reduce((a, b) -> b)
                          .orElseThrow()));
    }
    return Main.OK;
  }

  /** Writes the exchange as the next free {@code STEM-N} in its folder (DIR/replies). */
  private Fixture write(Exchange exchange, String stem, String host) {
    try {
      // The folder depends on the fixture (Importer's rule), the free number on the folder.
      Path folder = out.resolve(Importer.folderFor(ExchangeFixtures.of(exchange, stem, host, HOW)));
      next = ExchangeFixtures.nextFree(folder, stem, next);
      Fixture fixture = ExchangeFixtures.of(exchange, stem + "-" + next++, host, HOW);
      ExchangeFixtures.writeNew(fixture, folder.resolve(fixture.id() + ".json"));
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String range(List<Fixture> written) {
    String first = written.get(0).id();
    return written.size() == 1 ? first : first + " .. " + written.get(written.size() - 1).id();
  }

  /** The progress line on stderr: redrawn in place on a terminal, one line per query otherwise. */
  private static final class Progress {
    private final PrintWriter err;
    private final int total;
    private final boolean inPlace;
    private int queries;
    private int unanswered;

    Progress(PrintWriter err, int total, boolean inPlace) {
      this.err = err;
      this.total = total;
      this.inPlace = inPlace;
    }

    void update(int captured, QueryResult outcome) {
      queries++;
      if (outcome instanceof QueryResult.NoAnswer) {
        unanswered++;
      }
      String line =
          "captured "
              + captured
              + "/"
              + total
              + (unanswered == 0 ? "" : " (" + unanswered + " unanswered)");
      if (inPlace) {
        err.print("\r" + line);
      } else {
        err.println(line);
      }
      err.flush();
    }

    void end() {
      if (inPlace && queries > 0) {
        err.println();
        err.flush();
      }
    }
  }
}
