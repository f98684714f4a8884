package org.ntplab.exchange;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ntplab.client.NtsQuery;
import org.ntplab.client.QueryResult;
import org.ntplab.inspect.HexdumpRenderer;
import org.ntplab.inspect.Meanings;
import org.ntplab.inspect.NtsReading;
import org.ntplab.inspect.NtsView;
import org.ntplab.inspect.Style;
import org.ntplab.net.Addresses;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.Direction;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.ke.KeResult;
import org.ntplab.sync.NtsReplyCheck;
import org.ntplab.text.Counts;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * What {@code inspect --nts} prints: the NTS-KE response record by record ({@link KeReport}), then
 * the request and the reply as annotated hexdumps each followed by what its authenticator says (the
 * words of {@code decode} with keys, {@link NtsView}), the new cookies, and the time only when the
 * reply verified.
 */
public final class NtsReport {

  private static final int COOKIE_BYTES_PER_LINE = 32;

  private final String keServer;
  private final String anchors;
  private final Style style;
  private final PrintWriter out;

  /**
   * @param keServer the NTS-KE server as asked, e.g. {@code time.example.org port 4460}
   * @param anchors what the certificate was checked against, e.g. {@code the CAs in ca.pem}
   */
  public NtsReport(String keServer, String anchors, Style style, PrintWriter out) {
    this.keServer = keServer;
    this.anchors = anchors;
    this.style = style;
    this.out = out;
  }

  /** One line: why NTS-KE gave no keys. */
  public String refusal(KeResult result) {
    if (result instanceof KeResult.Refused refused) {
      return "NTS-KE with " + keServer + " refused: " + refused.reason();
    }
    KeResult.Failed failed = (KeResult.Failed) result;
    return "NTS-KE with "
        + keServer
        + " failed at the "
        + failed.stage().words()
        + ": "
        + failed.reason();
  }

  /** The records of a response that gave no keys, when there was one. */
  public void printRefused(KeResult result) {
    if (result instanceof KeResult.Refused refused && !refused.records().isEmpty()) {
      out.println(style.heading("NTS-KE response from " + keServer + ":"));
      KeReport.lines(refused.records()).forEach(out::println);
    }
  }

  /** The NTS-KE part: the exchange, its records and what was agreed. */
  public void printKe(NtsExchange.Queried queried) {
    KeResult.Agreed ke = queried.ke();
    out.println(
        style.heading(
            "NTS-KE with "
                + keServer
                + ": TLS 1.3, ALPN ntske/1, handshake "
                + ke.handshake().toMillis()
                + " ms"));
    out.println("certificate: trusted (it chains to " + anchors + " and names the host)");
    KeReport.lines(ke.records()).forEach(out::println);
    out.println(
        "agreed: "
            + ke.keys().aead().registeredName()
            + " ("
            + ke.keys().aead().id()
            + "), "
            + KeReport.cookies(ke.cookies())
            + "; NTP goes to "
            + Addresses.text(queried.ntp()));
    out.println(
        "keys: C2S and S2C, "
            + Meanings.bytes(ke.keys().aead().keyLength())
            + " each, exported from the TLS session (not shown; --save writes them)");
  }

  /** Both packets, what their authenticators say, and the time of a reply that verified. */
  public void printQuery(NtsQuery.Replied replied) {
    QueryResult.Exchange exchange = replied.exchange();
    String ntp = Addresses.text(exchange.server());
    byte[] requestBytes = exchange.requestBytes();
    NtpPacket request = NtpCodec.decodePacket(requestBytes);
    out.println();
    out.println(
        style.heading(
            "request: "
                + Meanings.bytes(requestBytes.length)
                + " to "
                + ntp
                + ": unique identifier, cookie, "
                + Counts.plural(NtsQuery.PLACEHOLDERS, "placeholder")
                + ", authenticator (transmit field: a random nonce)"));
    HexdumpRenderer.render(requestBytes, request, style, out);
    out.println();
    NtsView.lines(NtsReading.of(requestBytes, request, replied.keys(), Optional.empty()), style)
        .forEach(out::println);
    out.println();
    ExchangeReport packets = new ExchangeReport(exchange, List.of(exchange), style, out);
    packets.printReply();
    out.println();
    NtsView.lines(reading(replied), style).forEach(out::println);
    out.println();
    if (replied.check() instanceof NtsReplyCheck.Authenticated a) {
      printCookies(a.check().cookies());
      out.println();
      packets.printTime();
    } else if (replied.check() instanceof NtsReplyCheck.Nak) {
      out.println(
          style.problem(
              "NAK: no time. The cookie was not accepted (the server's keys rotated, or it was"
                  + " damaged); a client runs NTS-KE again for new keys and cookies."));
    } else {
      out.println(
          style.problem(
              "no time: a reply that is not authenticated is never used (RFC 8915 §5.7: an NTS"
                  + " client does not fall back to plain NTP)."));
    }
  }

  private void printCookies(List<Cookie> cookies) {
    out.println(
        style.heading(
            "new cookies, decrypted from the authenticator (opaque; each pays for one request):"));
    for (int i = 0; i < cookies.size(); i++) {
      byte[] bytes = cookies.get(i).bytes();
      out.println("  cookie " + (i + 1) + ", " + Meanings.bytes(bytes.length) + ":");
      for (int from = 0; from < bytes.length; from += COOKIE_BYTES_PER_LINE) {
        int to = Math.min(bytes.length, from + COOKIE_BYTES_PER_LINE);
        out.println("    " + HexFormat.of().formatHex(bytes, from, to));
      }
    }
  }

  /**
   * The {@code nts} object of {@code --json}: {@link NtsView#json}'s keys for the reply, and {@code
   * ke} ({@code server}, {@code handshakeMs}, {@code records} as {@link KeReport#json}, {@code
   * aead}, {@code cookies} and {@code cookieBytes}) and {@code ntpServer}.
   */
  public static ObjectNode json(NtsExchange.Queried queried, NtsQuery.Replied replied) {
    ObjectNode json = NtsView.json(reading(replied));
    KeResult.Agreed agreed = queried.ke();
    ObjectNode ke = json.putObject("ke");
    ke.put("handshakeMs", agreed.handshake().toMillis());
    ke.set("records", KeReport.json(agreed.records()));
    ke.put("aead", agreed.keys().aead().id());
    ke.put("cookies", agreed.cookies().size());
    ke.put("cookieBytes", agreed.cookies().isEmpty() ? 0 : agreed.cookies().get(0).cookie().length);
    json.put("ntpServer", Addresses.text(queried.ntp()));
    return json;
  }

  /** The reply's reading from the check the query made: verified, not, or a NAK. */
  private static NtsReading reading(NtsQuery.Replied replied) {
    NtsReplyCheck.Outcome outcome = replied.check();
    NtsCheck check;
    if (outcome instanceof NtsReplyCheck.Authenticated a) {
      check = a.check();
    } else if (outcome instanceof NtsReplyCheck.Unauthenticated u) {
      check = u.why();
    } else {
      check = new NtsCheck.Nak(replied.exchange().reply());
    }
    return new NtsReading.Checked(Direction.SERVER_TO_CLIENT, replied.keys(), check, true);
  }
}
