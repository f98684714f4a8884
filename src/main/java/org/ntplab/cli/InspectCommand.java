package org.ntplab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.ntplab.auth.Keyring;
import org.ntplab.auth.MacCheck;
import org.ntplab.client.QueryResult;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.client.QueryResult.Exchange;
import org.ntplab.client.QueryResult.KissOfDeath;
import org.ntplab.client.QueryResult.NoAnswer;
import org.ntplab.client.ServerAddress;
import org.ntplab.client.SntpClient;
import org.ntplab.client.Ticker;
import org.ntplab.client.TimeClient;
import org.ntplab.client.TimeReply;
import org.ntplab.client.UdpTransport;
import org.ntplab.exchange.ExchangeReport;
import org.ntplab.inspect.JsonView;
import org.ntplab.inspect.Meanings;
import org.ntplab.inspect.RawRenderer;
import org.ntplab.inspect.Style;
import org.ntplab.net.Addresses;
import org.ntplab.server.NtpServer;
import org.ntplab.server.RateLimit;
import org.ntplab.server.ServerConfig;
import org.ntplab.sync.Problem;
import org.ntplab.text.Durations;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpTimestamp;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ntplab inspect}: ask a server the time and show exactly what it put on the wire. Its model
 * is built by hand ({@link #model}), not from annotations: it is the command whose start-up counts.
 */
final class InspectCommand implements Callable<Integer> {

  /** Which protocol to speak. */
  enum Protocol {
    ntp,
    time
  }

  private final OptionSpec countOption =
      HandBuilt.option(
          "--count",
          "N",
          int.class,
          "1",
          "Query N times and show the answer with the least delay (default: ${DEFAULT-VALUE}).");
  private final OptionSpec intervalOption =
      HandBuilt.duration(
          "--interval",
          "D",
          "2s",
          "Least time between queries with --count (default: ${DEFAULT-VALUE}, as iburst).");
  private final OptionSpec jsonOption =
      HandBuilt.flag(
          "--json",
          "Print the reply's fields as JSON, with t1, t4, offset, delay, server and problems.");
  private final OptionSpec rawOption =
      HandBuilt.flag("--raw", "Print only the bytes of request and reply, xxd style.");
  private final OptionSpec saveOption =
      HandBuilt.option(
          "--save",
          "FILE",
          Path.class,
          null,
          "Also write the exchange as a fixture to FILE (never overwritten).");
  private final OptionSpec protocolOption =
      HandBuilt.option(
          "--protocol",
          "ntp|time",
          Protocol.class,
          "ntp",
          "ntp (default), or time: RFC 868, port 37, 32-bit seconds since 1900.");
  private final OptionSpec tcpOption =
      HandBuilt.flag("--tcp", "With --protocol time: over TCP, as rdate does (default: UDP).");
  private final PositionalParamSpec hostParameter =
      PositionalParamSpec.builder()
          .arity("0..1")
          .paramLabel("HOST[:PORT]")
          .type(String.class)
          .description(
              "The server: a name, an IPv4 address, or an IPv6 address as [::1] or [::1]:123.")
          .build();
  private final QueryOptions query = new QueryOptions();
  private final InspectNts nts = new InspectNts();

  private CommandSpec spec;
  // The options' values, read when the command runs.
  private String host;
  private int count;
  private Duration interval;
  private boolean json;
  private boolean raw;
  private Path save;
  private Protocol protocol;
  private boolean tcp;

  /** The model of {@code command}: what its annotations would say, without picocli's reflection. */
  static CommandSpec model(InspectCommand command, CommandLine.IFactory factory) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command, factory).name("inspect");
    spec.usageMessage()
        .description(
            "Query an NTP server and show exactly what it put on the wire.",
            "Request and reply as annotated hexdumps, T1..T4, offset and delay, fitness",
            "problems, a timing diagram. The transmit field carries a random nonce (RFC",
            "9109) and T1 is kept aside; --classic sends T1 there.");
    spec.usageMessage()
        .footer(
            "",
            "Examples:",
            "  ntplab inspect pool.ntp.org",
            "  ntplab inspect 127.0.0.1:1123 --version 3 --classic",
            "  ntplab inspect [::1]:123 --count 4             best of 4 by delay, 2 s apart",
            "  ntplab inspect time.example.org --json",
            "  ntplab inspect time.example.org --save mine.json && ntplab fixtures verify mine.json",
            "  ntplab inspect time.example.org --protocol time        RFC 868 (--tcp: like rdate)",
            "  ntplab inspect --key 1:MD5:0102030405060708090a0b0c0d0e0f10        signed",
            "  ntplab inspect 127.0.0.1:1123 --keys /etc/chrony/chrony.keys --key-id 1",
            "  ntplab inspect --nts time.cloudflare.com       NTS-KE, then an authenticated query",
            "  ntplab inspect --nts localhost --ca server.crt --save nts.json",
            "",
            "Exit status: 0 answered (fitness problems are shown, not failed on); 1 no answer, refused,",
            "unknown host or kiss-o'-death; 2 bad usage.",
            "With --nts, 1 also for an NTS-KE failure, a NAK or a reply that does not verify.");
    HandBuilt.add(
        spec,
        HandBuilt.help("Show this help and exit."),
        command.countOption,
        command.intervalOption,
        command.jsonOption,
        command.rawOption,
        command.saveOption,
        command.protocolOption,
        command.tcpOption);
    spec.addPositional(command.hostParameter);
    command.query.addTo(spec);
    command.nts.addTo(spec);
    command.spec = spec;
    return spec;
  }

  private final Clock clock;

  InspectCommand() {
    this(Clock.systemUTC());
  }

  /**
   * @param clock read for T1 and T4
   */
  InspectCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    host = HandBuilt.value(hostParameter);
    count = HandBuilt.value(countOption);
    interval = HandBuilt.value(intervalOption);
    json = HandBuilt.value(jsonOption);
    raw = HandBuilt.value(rawOption);
    save = HandBuilt.value(saveOption);
    protocol = HandBuilt.value(protocolOption);
    tcp = HandBuilt.value(tcpOption);
    if (nts.wanted()) {
      return nts.run(spec, host, query, json, save, clock);
    }
    checkUsage();
    if (host == null) {
      return inspectBuiltInServer();
    }
    if (save != null && Files.exists(save)) {
      throw new Main.BadInputException(save + " already exists: fixtures are never overwritten");
    }
    boolean time = protocol == Protocol.time;
    ServerAddress address = QueryOptions.address(host, time ? TimeClient.PORT : NtpMessage.PORT);
    InetSocketAddress server = address.resolve();
    return time ? inspectTime(server) : inspectNtp(address, server);
  }

  /**
   * With no host, the built-in lab server is started on an ephemeral loopback port and inspected,
   * so the tool works offline. Its rate limit is off: {@code --count} may exceed its burst. It
   * knows the key the request is signed with, if any, so an authenticated exchange can be watched
   * too.
   */
  private int inspectBuiltInServer() throws IOException {
    boolean time = protocol == Protocol.time;
    ServerConfig config =
        ServerConfig.loopback()
            .withRateLimit(RateLimit.OFF)
            .withTimePort(time ? 0 : ServerConfig.NO_TIME_SERVICE)
            .withKeys(query.signingKey().map(Keyring::of).orElse(Keyring.EMPTY));
    try (NtpServer lab = NtpServer.start(config, clock)) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("no host given: inspecting ntplab's built-in lab server, " + lab.describe());
      err.flush();
      if (time) {
        return inspectTime(
            tcp ? lab.timeTcpAddress().orElseThrow() : lab.timeUdpAddress().orElseThrow());
      }
      InetSocketAddress server = lab.address();
      return inspectNtp(
          new ServerAddress(server.getAddress().getHostAddress(), server.getPort()), server);
    }
  }

  private void checkUsage() {
    if (json && raw) {
      throw new Main.BadInputException("--json and --raw show different things: choose one");
    }
    if (count < 1) {
      throw new Main.BadInputException("--count must be 1 or more, not " + count);
    }
    if (interval.isNegative()) {
      throw new Main.BadInputException(
          "--interval must not be negative, not " + Durations.signed(interval));
    }
    if (tcp && protocol != Protocol.time) {
      throw new Main.BadInputException("--tcp goes with --protocol time");
    }
    if (protocol == Protocol.time) {
      for (String ntpOnly : List.of("--version", "--classic", "--key", "--keys", "--key-id")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(ntpOnly)) {
          throw new Main.BadInputException(
              ntpOnly + " goes with --protocol ntp: an RFC 868 TIME request is empty");
        }
      }
    }
    if (protocol == Protocol.time && (save != null || count > 1)) {
      throw new Main.BadInputException(
          "--save and --count go with --protocol ntp: a TIME answer is 4 bytes, not a fixture");
    }
    query.toOptions();
  }

  private int inspectNtp(ServerAddress address, InetSocketAddress server) throws IOException {
    SntpClient.Options options = query.toOptions();
    List<QueryResult> outcomes;
    try (UdpTransport transport = new UdpTransport()) {
      outcomes =
          new SntpClient(transport, clock)
              .queryEach(server, options, count, interval, outcome -> {});
    }
    // Loops, not streams or lambdas: each is linked at its first use, start-up this command pays.
    Exchange exchange = SntpClient.best(outcomes).orElse(null);
    for (int i = 0; exchange == null && i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof KissOfDeath kod) {
        exchange = kod;
      }
    }
    if (exchange == null) {
      throw new Main.FailureException(query.failure((NoAnswer) outcomes.get(outcomes.size() - 1)));
    }
    if (save != null) {
      String id = ExchangeFixtures.id(stem(save));
      ExchangeFixtures.writeNew(
          ExchangeFixtures.of(exchange, id, address.host(), "ntplab inspect"), save);
    }
    // The report is written whole, then printed at once: the command line's writer flushes at
    // every line, a system call each (about 2% of a one-shot run).
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    if (json) {
      out.println(JsonView.toText(json(exchange)));
    } else if (raw) {
      printRaw(exchange, out);
    } else {
      new ExchangeReport(exchange, outcomes, Style.of(Terminal.useColor(spec)), out).print();
    }
    if (save != null && !json && !raw) {
      out.println();
      out.println("saved as a fixture: " + save);
    }
    out.flush();
    PrintWriter terminal = spec.commandLine().getOut();
    terminal.print(text);
    terminal.flush();
    if (exchange instanceof KissOfDeath kod) {
      throw new Main.FailureException(Addresses.text(server) + " sent a " + kod.describe());
    }
    return Main.OK;
  }

  static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
  }

  /**
   * {@link org.ntplab.inspect.JsonView}'s fields of the reply, then t1, t4, offset, delay (null for
   * a kiss or a zero T2), server, authenticated (whether the reply's MAC verified; null for an
   * unsigned request), problems.
   */
  static ObjectNode json(Exchange exchange) {
    ObjectNode json = JsonView.of(exchange.reply());
    json.set("t1", JsonView.timestamp(exchange.t1Timestamp()));
    json.set("t4", JsonView.timestamp(exchange.t4Timestamp()));
    ArrayNode problems = JsonNodeFactory.instance.arrayNode();
    if (exchange instanceof Answered answered) {
      boolean known =
          !answered.sample().t2().isZero(); // a zero T2 is "unknown": no sum with it means anything
      json.set(
          "offset",
          known
              ? JsonView.seconds(answered.sample().offset())
              : JsonNodeFactory.instance.nullNode());
      json.set(
          "delay",
          known
              ? JsonView.seconds(answered.sample().delay())
              : JsonNodeFactory.instance.nullNode());
      answered.problems().forEach(p -> problems.add(p.describe()));
    } else {
      json.putNull("offset");
      json.putNull("delay");
      exchange
          .authentication()
          .filter(a -> !a.verified())
          .ifPresent(a -> problems.add(new Problem.AuthenticationFailed(a).describe()));
      problems.add(((KissOfDeath) exchange).describe());
    }
    json.put("server", Addresses.text(exchange.server()));
    json.put("authenticated", exchange.authentication().map(MacCheck::verified).orElse(null));
    json.set("problems", problems);
    return json;
  }

  /** Comment lines and xxd dumps: the whole output pastes into {@code ntplab decode -}. */
  private static void printRaw(Exchange exchange, PrintWriter out) {
    out.println(
        "# request, "
            + Meanings.bytes(exchange.requestBytes().length)
            + " to "
            + Addresses.text(exchange.server()));
    RawRenderer.render(exchange.requestBytes(), out);
    out.println();
    out.println(
        "# reply, "
            + Meanings.bytes(exchange.replyBytes().length)
            + " from "
            + Addresses.text(exchange.server()));
    RawRenderer.render(exchange.replyBytes(), out);
  }

  private int inspectTime(InetSocketAddress server) throws IOException {
    SntpClient.Options options = query.toOptions();
    TimeReply reply;
    if (tcp) {
      reply = TimeClient.queryTcp(server, options.timeout(), clock);
    } else {
      try (UdpTransport transport = new UdpTransport()) {
        reply =
            new TimeClient(transport, clock, Ticker.SYSTEM)
                .queryUdp(server, options.timeout(), options.attempts())
                .orElseThrow(
                    () ->
                        new Main.FailureException(
                            "no answer from "
                                + Addresses.text(server)
                                + " (RFC 868 TIME over UDP): "
                                + options.attempts()
                                + (options.attempts() == 1 ? " attempt" : " attempts")
                                + " timed out"));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("protocol", "time");
      node.put("transport", tcp ? "tcp" : "udp");
      node.put("seconds", reply.seconds());
      node.put("time", reply.time().toString());
      node.set("t1", JsonView.timestamp(NtpTimestamp.from(reply.t1())));
      node.set("t4", JsonView.timestamp(NtpTimestamp.from(reply.t4())));
      node.set("offset", JsonView.seconds(reply.offset()));
      node.put("server", Addresses.text(server));
      out.println(JsonView.toText(node));
    } else if (raw) {
      RawRenderer.render(reply.bytes(), out);
    } else {
      Style style = Style.of(Terminal.useColor(spec));
      out.println(
          style.heading(
              "reply: 4 bytes from "
                  + Addresses.text(server)
                  + " (RFC 868 TIME over "
                  + (tcp ? "TCP" : "UDP")
                  + ")"));
      RawRenderer.render(reply.bytes(), out);
      out.println();
      out.println(
          String.format("seconds since 1900  %d (0x%08x)", reply.seconds(), reply.seconds()));
      out.println(
          "server time         " + reply.time() + " (whole seconds: the protocol has no fraction)");
      out.println("T1 request sent     " + reply.t1());
      out.println("T4 answer arrived   " + reply.t4());
      out.println(
          "offset              "
              + Durations.signed(reply.offset())
              + " ± 0.5 s: "
              + Meanings.clockStanding(reply.offset()));
      out.println(
          "                    (the middle of the server's second set against the middle of our round trip)");
    }
    out.flush();
    return Main.OK;
  }
}
