package org.ntplab.exchange;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ntplab.auth.MacCheck;
import org.ntplab.client.QueryResult;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.client.QueryResult.Exchange;
import org.ntplab.client.QueryResult.KissOfDeath;
import org.ntplab.inspect.HexdumpRenderer;
import org.ntplab.inspect.Meanings;
import org.ntplab.inspect.Style;
import org.ntplab.inspect.TimingDiagram;
import org.ntplab.net.Addresses;
import org.ntplab.sync.Problem;
import org.ntplab.sync.ReplyCheck;
import org.ntplab.text.Counts;
import org.ntplab.text.Durations;
import org.ntplab.text.Instants;
import org.ntplab.wire.Mac;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * What {@code inspect} prints for one NTP exchange: the request and reply as annotated hexdumps,
 * what was ignored on the way, whether the reply's MAC verified (for a signed request), T1..T4 with
 * their meanings, offset and delay, the fitness problems, and the timing diagram. A kiss-o'-death
 * stops after the reply: it carries no time.
 */
public final class ExchangeReport {
  private final Exchange exchange;
  private final List<QueryResult> outcomes;
  private final Style style;
  private final PrintWriter out;

  public ExchangeReport(
      Exchange exchange, List<QueryResult> outcomes, Style style, PrintWriter out) {
    this.exchange = exchange;
    this.outcomes = outcomes;
    this.style = style;
    this.out = out;
  }

  public void print() {
    String server = Addresses.text(exchange.server());
    NtpPacket request = (NtpPacket) NtpCodec.decode(exchange.requestBytes());
    boolean nonce = !request.transmitTime().equals(exchange.t1Timestamp());
    out.println(
        style.heading(
            "request: "
                + Meanings.bytes(exchange.requestBytes().length)
                + " to "
                + server
                + (nonce
                    ? ", transmit field: a random nonce (RFC 9109)"
                    : ", transmit field: T1 (classic SNTP)")));
    HexdumpRenderer.render(exchange.requestBytes(), request, style, out);
    out.println();
    printReply();
    printIgnored();
    printSeries();
    out.println();
    printAuthentication(request);
    if (exchange instanceof KissOfDeath kod) {
      out.println(style.problem(kod.describe()));
      out.println("A kiss-o'-death carries no time: there is no offset or delay to show.");
      return;
    }
    printTime((Answered) exchange, nonce);
  }

  /**
   * What follows the packets of an answer: T1..T4, offset and delay, the problems and the timing
   * diagram (for {@code inspect --nts}, which shows the packets its own way).
   */
  public void printTime() {
    NtpPacket request = (NtpPacket) NtpCodec.decode(exchange.requestBytes());
    printTime((Answered) exchange, !request.transmitTime().equals(exchange.t1Timestamp()));
  }

  private void printTime(Answered answered, boolean nonce) {
    printTimestamps(answered, nonce);
    out.println();
    printProblems(answered.problems());
    out.println();
    out.println(style.heading("timing diagram:"));
    TimingDiagram.render(answered.sample(), out);
  }

  /** The reply's heading and annotated hexdump. */
  public void printReply() {
    out.println(
        style.heading(
            "reply: "
                + Meanings.bytes(exchange.replyBytes().length)
                + " from "
                + Addresses.text(exchange.server())
                + (exchange.attempts() > 1 ? ", on attempt " + exchange.attempts() : "")));
    HexdumpRenderer.render(exchange.replyBytes(), exchange.reply(), style, out);
  }

  /** One line when the request was signed: verified, or why not (it is also among the problems). */
  private void printAuthentication(NtpPacket request) {
    Optional<MacCheck> check = exchange.authentication();
    Optional<Mac> mac = request.mac();
    if (check.isEmpty() || mac.isEmpty()) {
      return;
    }
    String key = "key " + mac.get().keyId() + ", " + mac.get().algorithm().orElse("unknown digest");
    if (check.get().verified()) {
      out.println(
          "authentication: "
              + style.value("verified")
              + " ("
              + key
              + "): "
              + check.get().meaning());
    } else {
      out.println(style.problem("authentication failed (" + key + "): " + check.get().meaning()));
    }
    out.println();
  }

  private void printIgnored() {
    List<ReplyCheck.Rejected> ignored = exchange.ignored();
    if (!ignored.isEmpty()) {
      out.println();
      out.println(
          style.heading(
              "ignored before the reply (" + Counts.plural(ignored.size(), "datagram") + "):"));
      ignored.forEach(r -> out.println("  - " + r));
    }
  }

  private void printSeries() {
    if (outcomes.size() < 2) {
      return;
    }
    List<String> delays = new ArrayList<>();
    for (QueryResult o : outcomes) {
      delays.add(o == exchange ? "[" + delay(o) + "]" : delay(o));
    }
    out.println();
    out.println("best of " + outcomes.size() + " by delay: " + String.join(", ", delays));
  }

  private static String delay(QueryResult o) {
    if (o instanceof Answered a) {
      return Durations.text(a.sample().delay());
    }
    return o instanceof KissOfDeath k ? "kiss-o'-death " + k.code() : "no answer";
  }

  private void printTimestamps(Answered answered, boolean nonce) {
    out.println(style.heading("timestamps:"));
    row(
        "T1",
        "client transmit",
        answered.t1Timestamp(),
        Instants.iso(answered.t1()),
        nonce
            ? "our clock as the request left (kept aside: the request carried a nonce)"
            : "our clock as the request left");
    row(
        "T2",
        "server receive",
        answered.sample().t2(),
        Meanings.timestamp(answered.sample().t2()),
        "the server's clock as the request arrived");
    row(
        "T3",
        "server transmit",
        answered.sample().t3(),
        Meanings.timestamp(answered.sample().t3()),
        "the server's clock as the reply left");
    row(
        "T4",
        "client receive",
        answered.t4Timestamp(),
        Instants.iso(answered.t4()),
        "our clock as the reply arrived");
    out.println();
    if (answered.sample().t2().isZero()) {
      out.println(
          style.problem("offset and delay: unknown, T2 (the server's receive time) is zero"));
      return;
    }
    Duration offset = answered.sample().offset();
    Duration delay = answered.sample().delay();
    out.println(
        "offset  "
            + style.value(Durations.signed(offset))
            + " ("
            + (offset.isNegative() ? "" : "+")
            + offset.toNanos()
            + " ns): "
            + Meanings.clockStanding(offset));
    out.println(
        "delay   "
            + style.value(Durations.text(delay))
            + " ("
            + delay.toNanos()
            + " ns): the round trip less the server's processing time");
  }

  private void row(
      String name, String role, NtpTimestamp timestamp, String instant, String meaning) {
    // Concatenation, not String.format: a Formatter loads regex and locale data at its first use.
    out.println(
        name
            + "  "
            + role
            + " ".repeat(Math.max(0, 16 - role.length())) // %-16s
            + " "
            + timestamp
            + "  "
            + instant);
    out.println("    " + meaning);
  }

  private void printProblems(List<Problem> problems) {
    if (problems.isEmpty()) {
      out.println("fit to use: no problems found (RFC 5905 §8 tests, root distance within 1.5 s)");
      return;
    }
    out.println(
        style.problem(
            "not fit to set a clock by (" + Counts.plural(problems.size(), "problem") + "):"));
    problems.forEach(p -> out.println("  - " + style.problem(p.describe())));
  }
}
