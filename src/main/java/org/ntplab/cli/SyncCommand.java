package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ntplab.client.ClockSetter;
import org.ntplab.client.DateClockSetter;
import org.ntplab.client.QueryResult;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.client.QueryResult.KissOfDeath;
import org.ntplab.client.SntpClient;
import org.ntplab.client.UdpTransport;
import org.ntplab.inspect.Meanings;
import org.ntplab.net.Addresses;
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
      "It is refused when the reply has fitness problems or the offset exceeds --max-step, unless --force."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab sync time.example.org",
      "  sudo ntplab sync time.example.org --apply --count 4",
      "",
      "Exit status: 0 shown (or stepped); 1 no answer, kiss-o'-death, step refused or not",
      "permitted; 2 bad usage."
    })
final class SyncCommand implements Callable<Integer> {

  /**
   * Default largest step: 1000 s, ntpd's panic threshold. An offset that large more likely means a
   * wrong server or a wrong time zone setting than a clock that drifted; ntpd, too, refuses it
   * unless told otherwise ({@code -g}).
   */
  static final String DEFAULT_MAX_STEP = "1000s";

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
      description = "Least time between queries with --count (default: ${DEFAULT-VALUE}).")
  Duration interval;

  final QueryOptions query = new QueryOptions();

  private final Clock clock;
  private final ClockSetter setter;

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
    SntpClient.Options options = query.toOptions();
    InetSocketAddress server = QueryOptions.address(host, NtpMessage.PORT).resolve();
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
