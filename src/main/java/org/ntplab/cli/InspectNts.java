package org.ntplab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.ntplab.client.NtsQuery;
import org.ntplab.client.QueryResult;
import org.ntplab.client.ServerAddress;
import org.ntplab.client.SntpClient;
import org.ntplab.exchange.NtsExchange;
import org.ntplab.exchange.NtsReport;
import org.ntplab.fixture.Fixture;
import org.ntplab.inspect.JsonView;
import org.ntplab.inspect.Style;
import org.ntplab.net.Addresses;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.ke.KeClient;
import org.ntplab.nts.ke.KeRequest;
import org.ntplab.nts.ke.KeTrust;
import org.ntplab.sync.NtsReplyCheck;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code inspect --nts}: its options, and the run that NTS-KE and one NTS request make. A class of
 * its own so that a plain {@code inspect} loads nothing of NTS, TLS or AES-SIV: only {@link #run}
 * reaches them.
 */
final class InspectNts {

  private final OptionSpec nts =
      HandBuilt.flag(
          "--nts",
          "Query with Network Time Security (RFC 8915): NTS-KE over TLS 1.3 to HOST (port 4460,"
              + " or HOST:PORT), then one NTP request authenticated with the keys and a cookie it gave.");
  private final OptionSpec kePort =
      HandBuilt.option(
          "--ke-port", "PORT", Integer.class, null, "With --nts: the NTS-KE port (default: 4460).");
  private final OptionSpec ca =
      HandBuilt.option(
          "--ca",
          "FILE",
          Path.class,
          null,
          "With --nts: trust the CA certificates in this PEM file instead of the JDK's, e.g. a"
              + " private CA or a test server's self-signed certificate.");
  private final OptionSpec insecure =
      HandBuilt.flag(
          "--insecure",
          "Refused: without the certificate check anyone on the path could pose as the server and"
              + " forge authenticated time.");

  /** NTS-KE's time for connection, handshake and records: chrony's own limit is 2 s. */
  private static final Duration KE_TIMEOUT = Duration.ofSeconds(5);

  /** Options of plain {@code inspect} that mean nothing for one NTS request. */
  private static final List<String> NOT_WITH_NTS =
      List.of(
          "--count",
          "--interval",
          "--raw",
          "--protocol",
          "--tcp",
          "--version",
          "--classic",
          "--key",
          "--keys",
          "--key-id");

  /** Adds these options to {@code inspect}'s model. */
  void addTo(CommandSpec spec) {
    HandBuilt.add(spec, nts, kePort, ca, insecure);
  }

  /**
   * Whether the run is an NTS one; the NTS-only options without {@code --nts}, and {@code
   * --insecure} always, are refused.
   */
  boolean wanted() {
    if (HandBuilt.<Boolean>value(insecure)) {
      throw new Main.BadInputException(
          "--insecure is refused: without the certificate check anyone on the path can pose as the"
              + " server, choose the keys and forge authenticated time; give its CA with --ca FILE");
    }
    boolean wanted = HandBuilt.value(nts);
    if (!wanted && (HandBuilt.value(kePort) != null || HandBuilt.value(ca) != null)) {
      throw new Main.BadInputException(
          (HandBuilt.value(ca) != null ? "--ca" : "--ke-port") + " goes with --nts");
    }
    return wanted;
  }

  /** Runs NTS-KE with {@code host}, then one NTS request, and shows both; the exit status. */
  int run(CommandSpec spec, String host, QueryOptions query, boolean json, Path save, Clock clock)
      throws IOException {
    checkUsage(spec.commandLine().getParseResult(), host, save);
    Integer port = HandBuilt.value(kePort);
    ServerAddress address = QueryOptions.address(host, port != null ? port : KeClient.DEFAULT_PORT);
    if (port != null && address.port() != port) {
      throw new Main.BadInputException(
          "the NTS-KE port is given twice (" + address.port() + " and --ke-port " + port + ")");
    }
    Path caFile = HandBuilt.value(ca);
    KeTrust trust = caFile == null ? KeTrust.system() : trust(caFile);
    String anchors = caFile == null ? "the JDK's trusted CAs" : "the CAs in " + caFile;
    SntpClient.Options options = query.toOptions();
    NtsExchange.Outcome outcome =
        NtsExchange.run(
            address.host(),
            address.port(),
            // Not Options.defaults().withTrust: the defaults read the JDK's trust store, a fifth of
            // a cold run, even when --ca replaces it.
            new KeClient.Options(KE_TIMEOUT, KeRequest.DEFAULT_AEADS, trust, System::nanoTime),
            options.timeout(),
            options.attempts(),
            clock);
    PrintWriter out = spec.commandLine().getOut();
    NtsReport report =
        new NtsReport(
            address.host() + " port " + address.port(),
            anchors,
            Style.of(Terminal.useColor(spec)),
            out);
    if (outcome instanceof NtsExchange.NotAgreed notAgreed) {
      if (!json) {
        report.printRefused(notAgreed.result());
        out.flush();
      }
      throw new Main.FailureException(report.refusal(notAgreed.result()));
    }
    NtsExchange.Queried queried = (NtsExchange.Queried) outcome;
    if (queried.query() instanceof NtsQuery.Silent silent) {
      if (!json) {
        report.printKe(queried);
        out.flush();
      }
      throw new Main.FailureException(
          query.failure(silent.noAnswer()) + "; each attempt spent a cookie of its own");
    }
    NtsQuery.Replied replied = (NtsQuery.Replied) queried.query();
    if (save != null) {
      ExchangeFixtures.writeNew(fixture(replied, address.host(), save), save);
    }
    if (json) {
      out.println(JsonView.toText(json(queried, replied)));
    } else {
      report.printKe(queried);
      report.printQuery(replied);
      if (save != null) {
        out.println();
        out.println("saved as a fixture with its NTS keys: " + save);
      }
    }
    out.flush();
    return verdict(replied);
  }

  private static void checkUsage(ParseResult parsed, String host, Path save) {
    for (String option : NOT_WITH_NTS) {
      if (parsed.hasMatchedOption(option)) {
        throw new Main.BadInputException(
            option
                + " does not go with --nts, which makes one NTPv4 request authenticated by NTS"
                + " (see ntplab inspect --help)");
      }
    }
    if (host == null) {
      throw new Main.BadInputException(
          "--nts needs a HOST: the built-in lab server does not speak NTS");
    }
    if (save != null && Files.exists(save)) {
      throw new Main.BadInputException(save + " already exists: fixtures are never overwritten");
    }
  }

  private static KeTrust trust(Path file) {
    try {
      return KeTrust.fromPem(file);
    } catch (NoSuchFileException e) {
      throw new Main.BadInputException("--ca " + file + ": no such file", e);
    } catch (IOException e) {
      throw new Main.BadInputException("--ca " + file + ": cannot read it: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new Main.BadInputException("--ca " + e.getMessage(), e);
    }
  }

  /** 0 for a reply that verified; a NAK or a reply that did not is a failure, in one line. */
  private static int verdict(NtsQuery.Replied replied) {
    String server = Addresses.text(replied.exchange().server());
    if (replied.check() instanceof NtsReplyCheck.Nak) {
      throw new Main.FailureException(
          server + " sent an NTS NAK (kiss code NTSN): it did not accept the cookie");
    }
    if (replied.check() instanceof NtsReplyCheck.Unauthenticated u) {
      throw new Main.FailureException(
          "the reply from "
              + server
              + " is not authenticated ("
              + u.why().reason().meaning()
              + "): its time was not used");
    }
    return Main.OK;
  }

  /**
   * {@code inspect --json}'s object for the reply, with the {@code nts} object; offset and delay
   * are null unless the reply verified, whose time alone may be used.
   */
  private static ObjectNode json(NtsExchange.Queried queried, NtsQuery.Replied replied) {
    ObjectNode json = InspectCommand.json(replied.exchange());
    if (!replied.verified()) {
      json.putNull("offset");
      json.putNull("delay");
    }
    json.set("nts", NtsReport.json(queried, replied));
    return json;
  }

  /** The exchange as a fixture that carries its keys, so that {@code decode -f} checks it later. */
  private static Fixture fixture(NtsQuery.Replied replied, String host, Path save) {
    QueryResult.Exchange exchange = replied.exchange();
    Fixture plain =
        ExchangeFixtures.of(
            exchange, ExchangeFixtures.id(InspectCommand.stem(save)), host, "ntplab inspect --nts");
    NtsKeys keys = replied.keys();
    return new Fixture(
        plain.id(),
        plain.description(),
        plain.capturedAt(),
        plain.source(),
        plain.request(),
        plain.reply(),
        plain.t1(),
        plain.t4(),
        plain.tags(),
        plain.expect(),
        Fixture.Nts.of(keys));
  }
}
