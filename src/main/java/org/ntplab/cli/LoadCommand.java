package org.ntplab.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ntplab.inspect.JsonView;
import org.ntplab.load.LoadGenerator;
import org.ntplab.load.LoadPlan;
import org.ntplab.load.LoadResult;
import org.ntplab.load.Percentiles;
import org.ntplab.load.Tick;
import org.ntplab.net.Addresses;
import org.ntplab.text.Counts;
import org.ntplab.text.Durations;
import org.ntplab.wire.NtpMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntplab load}: keep a server busy with requests in flight and report what came back. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Load an NTP server: W requests in flight for S seconds, and what came back.",
      "Each request carries its own nonce in the transmit timestamp, and a reply counts",
      "for the request its origin timestamp names: a late or stray reply is counted as",
      "such, never taken for another's. A request unanswered within --timeout is lost.",
      "",
      "What the numbers mean:",
      "  requests/s, replies/s  sent and answered per second; a closed loop: the",
      "                server sets the pace, replies/s is its throughput at this window",
      "  lost          unanswered within the timeout (late: their replies came after)",
      "  RTT           send to receive, p50 p90 p99 max: the server's time, the kernels",
      "                and the queue of W requests in flight (RTT is about W / rate)",
      "  server T3-T2  transmit minus receive timestamp in the replies: the server's",
      "                own account of its processing time, median and p99",
      "  kiss-o'-death replies by kiss code (they carry no time): RATE means the server",
      "                limits this client",
      "",
      "A lab server limits each client's rate, and all this load comes from one",
      "address: start it with 'ntplab serve --rate-interval 0' to measure it (chronyd:",
      "no 'ratelimit' line, and 'allow'). Load only servers you run: this is a flood.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ntplab serve --port 1123 --rate-interval 0 --time-port 0   (another terminal)",
      "  ntplab load 127.0.0.1:1123 --seconds 10 --window 64",
      "  ntplab load 127.0.0.1:1123 --window 1             latency, one at a time",
      "  ntplab load 127.0.0.1:1123 --warmup 2s --json",
      "",
      "Progress goes to stderr once a second on runs over 2 s (--quiet: none).",
      "Exit status: 0 replies came; 1 none came, port unreachable or host unknown;",
      "2 bad usage."
    })
final class LoadCommand implements Callable<Integer> {

  private static final Duration PROGRESS_AFTER = Duration.ofSeconds(2);

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "HOST[:PORT]",
      description =
          "The server: a name, an IPv4 address, or an IPv6 address as [::1] or [::1]:123 (port 123 by default).")
  String host;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "10",
      converter = DurationConverter.class,
      description =
          "How long to send requests, in seconds or with a unit (default: ${DEFAULT-VALUE}), e.g. 2.5 or 500ms.")
  Duration seconds;

  @Option(
      names = "--window",
      paramLabel = "W",
      defaultValue = "64",
      description =
          "Requests kept in flight, 1 to " + LoadPlan.MAX_WINDOW + " (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "A request unanswered this long is lost (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--warmup",
      paramLabel = "D",
      defaultValue = "0",
      converter = DurationConverter.class,
      description =
          "Send this long first without counting, so both ends are warmed up (JIT compiled), e.g. 2s.")
  Duration warmup;

  @Option(
      names = "--json",
      description = "Print the result as JSON (counts, rates, nanosecond percentiles).")
  boolean json;

  @Option(names = "--quiet", description = "No progress lines on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    LoadPlan plan = plan();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean progress = !quiet && seconds.compareTo(PROGRESS_AFTER) > 0;
    LoadResult result =
        LoadGenerator.run(
            plan,
            tick -> {
              if (progress) {
                err.println(progressLine(tick));
                err.flush();
              }
            });
    if (json) {
      out.println(JsonView.toText(json(result)));
    } else {
      text(result).lines().forEach(out::println);
    }
    out.flush();
    if (result.replies() == 0) {
      throw new Main.FailureException(
          "no replies from "
              + Addresses.text(plan.target())
              + " to "
              + Counts.plural(result.sent(), "request"));
    }
    return Main.OK;
  }

  LoadPlan plan() throws IOException {
    if (seconds.isNegative() || seconds.isZero()) {
      throw new Main.BadInputException(
          "--seconds must be more than 0, not " + Durations.signed(seconds));
    }
    if (window < 1 || window > LoadPlan.MAX_WINDOW) {
      throw new Main.BadInputException(
          "--window must be 1 to " + LoadPlan.MAX_WINDOW + ", not " + window);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new Main.BadInputException(
          "--timeout must be more than 0, not " + Durations.signed(timeout));
    }
    if (warmup.isNegative()) {
      throw new Main.BadInputException(
          "--warmup must not be negative: " + Durations.signed(warmup));
    }
    InetSocketAddress target = QueryOptions.address(host, NtpMessage.PORT).resolve();
    return LoadPlan.of(target, seconds, window).withTimeout(timeout).withWarmup(warmup);
  }

  static String progressLine(Tick tick) {
    return String.format(
        Locale.ROOT,
        "%4d s: %,d requests, %,d replies, %,d lost so far",
        tick.second(),
        tick.sent(),
        tick.replies(),
        tick.lostSoFar());
  }

  static String text(LoadResult r) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "load on %s: %s, window %d%n",
            Addresses.text(r.target()),
            Durations.text(r.elapsed()),
            r.window()));
    text.append(
        String.format(
            Locale.ROOT, "requests  %,12d  %,12.0f/s%n", r.sent(), r.requestsPerSecond()));
    text.append(
        String.format(
            Locale.ROOT, "replies   %,12d  %,12.0f/s%n", r.replies(), r.repliesPerSecond()));
    text.append(
        String.format(
            Locale.ROOT,
            "lost      %,12d  %11.3f %%   (late %,d, duplicates %,d, unmatched %,d)%n",
            r.lost(),
            r.lossPercent(),
            r.late(),
            r.duplicates(),
            r.unmatched()));
    if (!r.kisses().isEmpty()) {
      StringBuilder codes = new StringBuilder();
      r.kisses()
          .forEach(
              (code, n) ->
                  codes.append(codes.length() == 0 ? "" : ", ").append(code).append(' ').append(n));
      text.append(String.format(Locale.ROOT, "kiss-o'-death %,8d  (%s)%n", r.kissCount(), codes));
    }
    Percentiles rtt = r.rtt();
    text.append("RTT       p50 ")
        .append(duration(rtt.p50()))
        .append("  p90 ")
        .append(duration(rtt.p90()))
        .append("  p99 ")
        .append(duration(rtt.p99()))
        .append("  max ")
        .append(duration(rtt.max()))
        .append('\n');
    Percentiles server = r.serverTime();
    if (server.count() > 0) {
      text.append("server T3-T2  median ")
          .append(duration(server.p50()))
          .append("  p99 ")
          .append(duration(server.p99()))
          .append("  (its own account of its processing time)\n");
    }
    if (r.kisses().containsKey("RATE") && r.lossPercent() > 1) {
      text.append(
          "note: the server limits this client's rate (RATE); to measure ntplab serve, start it with --rate-interval 0\n");
    }
    return text.toString();
  }

  static ObjectNode json(LoadResult r) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("target", Addresses.text(r.target()));
    json.put("window", r.window());
    json.put("seconds", r.elapsed().toNanos() / 1e9);
    json.put("sent", r.sent());
    json.put("replies", r.replies());
    json.put("lost", r.lost());
    json.put("late", r.late());
    json.put("duplicates", r.duplicates());
    json.put("unmatched", r.unmatched());
    json.put("warmupReplies", r.warmupReplies());
    json.put("requestsPerSecond", r.requestsPerSecond());
    json.put("repliesPerSecond", r.repliesPerSecond());
    json.put("lossPercent", r.lossPercent());
    ObjectNode kisses = json.putObject("kissOfDeath");
    for (Map.Entry<String, Long> kiss : r.kisses().entrySet()) {
      kisses.put(kiss.getKey(), kiss.getValue());
    }
    percentiles(json.putObject("rttNanos"), r.rtt());
    percentiles(json.putObject("serverTimeNanos"), r.serverTime());
    return json;
  }

  private static void percentiles(ObjectNode json, Percentiles p) {
    json.put("count", p.count());
    json.put("p50", p.p50());
    json.put("p90", p.p90());
    json.put("p99", p.p99());
    json.put("max", p.max());
  }

  /** Nanoseconds in a readable unit: {@code 12.3 µs}, {@code 1.52 ms}. */
  private static String duration(long nanos) {
    return Durations.text(Duration.ofNanos(nanos));
  }
}
