package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.ntplab.client.ClockSetter;
import org.ntplab.client.DateClockSetter;
import org.ntplab.client.QueryResult;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.client.QueryResult.KissOfDeath;
import org.ntplab.client.SntpClient;
import org.ntplab.client.Ticker;
import org.ntplab.client.Transport;
import org.ntplab.client.UdpTransport;
import org.ntplab.inspect.JsonView;
import org.ntplab.inspect.Meanings;
import org.ntplab.net.Addresses;
import org.ntplab.sources.Poller;
import org.ntplab.sources.Server;
import org.ntplab.sources.Sources;
import org.ntplab.sources.SourcesJson;
import org.ntplab.sources.SourcesTable;
import org.ntplab.sources.Survey;
import org.ntplab.sync.Problem;
import org.ntplab.text.Counts;
import org.ntplab.text.Durations;
import org.ntplab.wire.NtpMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ntplab sync}: the adjustment our clock needs, and with {@code --apply} the step itself.
 */
@Command(
    name = "sync",
    description = {
      "Show how far the local clock is off a server's; with --apply, step it there.",
      "The step runs 'date -u -s @SECONDS.NANOS', which needs root.",
      "It is refused when the reply has fitness problems or the offset exceeds",
      "--max-step, unless --force.",
      "",
      "With several servers (or --rounds, or --json) it does what ntpd and chronyd",
      "do: polls each server --rounds times, --interval apart, keeps the least-delay",
      "sample of each (the clock filter, RFC 5905 section 10), intersects the",
      "servers' correctness intervals [offset - root distance, offset + root",
      "distance] to tell truechimers from falsetickers (section 11.2.1), drops",
      "outliers (cluster) and averages the rest (combine). The table shows ntpq's",
      "tally codes:",
      "  *  system peer     +  combined with it     -  outlier (cluster)",
      "  x  falseticker     (blank) unreachable or unfit, with the reason",
      "then each interval on one time axis, the intersection marked ===, the",
      "combined offset and what a daemon's clock discipline would do with it;",
      "--apply steps by the combined offset."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab sync time.example.org",
      "  sudo ntplab sync time.example.org --apply --count 4",
      "  ntplab sync 0.pool.ntp.org 1.pool.ntp.org 2.pool.ntp.org 3.pool.ntp.org",
      "  ntplab sync 127.0.0.11 127.0.0.12 127.0.0.13 127.0.0.14 --rounds 4 --interval 250ms",
      "",
      "Exit status: 0 shown (or stepped); 1 no answer, kiss-o'-death, no majority, step refused",
      "or not permitted; 2 bad usage."
    })
final class SyncCommand implements Callable<Integer> {

  /**
   * Default largest step: 1000 s, ntpd's panic threshold. An offset that large more likely means a
   * wrong server or a wrong time zone setting than a clock that drifted; ntpd, too, refuses it
   * unless told otherwise ({@code -g}).
   */
  static final String DEFAULT_MAX_STEP = "1000s";

  /** Rounds with several servers: eight, the clock filter's stages, as ntpd's iburst sends. */
  static final int DEFAULT_ROUNDS = 8;

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
      arity = "1..*",
      paramLabel = "HOST[:PORT]",
      description = "The servers: names, IPv4 addresses, or [IPv6]:PORT.")
  List<String> hosts;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      description =
          "Poll each server N times (default: "
              + DEFAULT_ROUNDS
              + " with several servers, as an iburst fills a clock filter; below 5 the filter's"
              + " empty stages, 16 s of dispersion each, weighted, put every server past the 1 s"
              + " distance threshold).")
  Integer rounds;

  @Option(names = "--json", description = "With several servers: the table as JSON.")
  boolean json;

  @Option(names = "--apply", description = "Step the clock by the offset (needs root).")
  boolean apply;

  @Option(
      names = "--max-step",
      paramLabel = "D",
      defaultValue = DEFAULT_MAX_STEP,
      converter = DurationConverter.class,
      description =
          "Refuse to step by more than this (default: ${DEFAULT-VALUE}, ntpd's panic threshold).")
  Duration maxStep;

  @Option(
      names = "--force",
      description = "Step even when the reply has problems or the offset exceeds --max-step.")
  boolean force;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Query N times and use the answer with the least delay (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--interval",
      paramLabel = "D",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "Least time between queries with --count, or between rounds (default: ${DEFAULT-VALUE},"
              + " iburst's; public servers may answer less with a kiss-o'-death RATE; lab servers"
              + " with --rate-interval 0 take any).")
  Duration interval;

  final QueryOptions query = new QueryOptions();

  private final Clock clock;
  private final ClockSetter setter;
  private final Supplier<Transport> transports;

  SyncCommand() {
    this(Clock.systemUTC(), new DateClockSetter(Clock.systemUTC()));
  }

  /**
   * @param clock read for T1 and T4
   * @param setter what steps the clock; tests pass a fake, never the real one
   */
  SyncCommand(Clock clock, ClockSetter setter) {
    this.clock = clock;
    this.setter = setter;
    this.transports = UdpTransport::new;
  }

  @Override
  public Integer call() throws IOException {
    if (count < 1) {
      throw new Main.BadInputException("--count must be 1 or more, not " + count);
    }
    if (maxStep.isNegative()) {
      throw new Main.BadInputException(
          "--max-step must not be negative, not " + Durations.signed(maxStep));
    }
    if (interval.isNegative()) {
      throw new Main.BadInputException(
          "--interval must not be negative, not " + Durations.signed(interval));
    }
    if (hosts.size() > 1 || rounds != null || json) {
      return many();
    }
    SntpClient.Options options = query.toOptions();
    InetSocketAddress server = QueryOptions.address(hosts.get(0), NtpMessage.PORT).resolve();
    List<QueryResult> outcomes;
    try (UdpTransport transport = new UdpTransport()) {
      outcomes =
          new SntpClient(transport, clock)
              .queryEach(server, options, count, interval, outcome -> {});
    }
    Answered best =
        SntpClient.best(outcomes).orElseThrow(() -> new Main.FailureException(noTime(outcomes)));

    if (best.sample().t2().isZero()) {
      // Not even --force: a zero T2 means "unknown", and an offset computed with it is garbage.
      throw new Main.FailureException(
          Addresses.text(server) + " sent a zero receive time (T2): there is no offset");
    }
    PrintWriter out = spec.commandLine().getOut();
    Duration offset = best.sample().offset();
    out.println(
        Addresses.text(server)
            + ": offset "
            + Durations.signed(offset)
            + " ("
            + String.format("%+d", offset.toNanos())
            + " ns), delay "
            + Durations.text(best.sample().delay())
            + (outcomes.size() > 1 ? " (least of " + outcomes.size() + ")" : ""));
    out.println(Meanings.clockStanding(offset));
    best.problems().forEach(p -> out.println("problem: " + p.describe()));
    if (!apply) {
      out.println(
          "nothing changed: --apply steps the clock by " + Durations.signed(offset) + " (as root)");
      out.flush();
      return Main.OK;
    }
    out.flush();
    checkStep(best.problems(), offset);
    setter.step(offset);
    out.println("stepped the clock by " + Durations.signed(offset));
    out.flush();
    return Main.OK;
  }

  /** Several servers: poll, decide, show; step by the combined offset with --apply. */
  private int many() throws IOException {
    int n = rounds == null ? DEFAULT_ROUNDS : rounds;
    if (n < 1) {
      throw new Main.BadInputException("--rounds must be 1 or more, not " + n);
    }
    if (count != 1) {
      throw new Main.BadInputException(
          "--count is for one server; with several, --rounds says how often each is asked");
    }
    if (json && apply) {
      throw new Main.BadInputException("--json shows, --apply steps: choose one");
    }
    List<Server> servers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String host : hosts) {
      if (!names.add(host)) {
        throw new Main.BadInputException(host + " is named twice");
      }
      servers.add(new Server(host, QueryOptions.address(host, NtpMessage.PORT).resolve()));
    }
    PollProgress progress = new PollProgress(spec.commandLine().getErr(), Terminal.isInteractive());
    Survey survey =
        new Poller(transports, clock, Ticker.SYSTEM, query.toOptions())
            .poll(servers, n, interval, progress);
    progress.end();
    Sources.Decision decision = Sources.decide(survey);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        json ? JsonView.toText(SourcesJson.of(decision)) + "\n" : SourcesTable.render(decision));
    out.flush();
    if (!(decision instanceof Sources.Synchronized s)) {
      throw new Main.FailureException(
          "not synchronized: " + ((Sources.Unsynchronized) decision).why());
    }
    Duration offset = Duration.ofNanos(Math.round(s.combined().offset() * 1e9));
    if (json) {
      return Main.OK;
    }
    if (!apply) {
      out.println(
          "nothing changed: --apply steps the clock by " + Durations.signed(offset) + " (as root)");
      out.flush();
      return Main.OK;
    }
    checkStep(List.of(), offset);
    setter.step(offset);
    out.println("stepped the clock by " + Durations.signed(offset));
    out.flush();
    return Main.OK;
  }

  /**
   * Every reason not to step, in the order a person should fix them; --force skips the first two.
   */
  private void checkStep(List<Problem> problems, Duration offset) {
    if (!force && !problems.isEmpty()) {
      throw new Main.FailureException(
          "refusing to step the clock: the reply has "
              + Counts.plural(problems.size(), "problem")
              + " (first: "
              + problems.get(0).describe()
              + "); --force steps anyway");
    }
    if (!force && offset.abs().compareTo(maxStep) > 0) {
      throw new Main.FailureException(
          "refusing to step the clock by "
              + Durations.signed(offset)
              + ": more than --max-step "
              + Durations.text(maxStep)
              + "; --force steps anyway");
    }
    if (!setter.permitted()) {
      throw new Main.FailureException(
          "setting the clock needs root: run as root (e.g. with sudo), or leave out --apply");
    }
  }

  private String noTime(List<QueryResult> outcomes) {
    Optional<KissOfDeath> kod =
        outcomes.stream()
            .filter(KissOfDeath.class::isInstance)
            .map(KissOfDeath.class::cast)
            .findFirst();
    if (kod.isPresent()) {
      return Addresses.text(kod.get().server()) + " sent a " + kod.get().describe();
    }
    return query.failure((QueryResult.NoAnswer) outcomes.get(outcomes.size() - 1));
  }
}
