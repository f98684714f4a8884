package org.ntplab.cli;

import java.io.IOException;
import java.net.Inet6Address;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ntplab.client.QueryResult;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureJson;
import org.ntplab.fixture.FixtureTags;
import org.ntplab.fixture.HexText;
import org.ntplab.net.Addresses;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;

/**
 * Live exchanges as fixtures ({@code inspect --save}, {@code capture}): what import makes from a
 * pcap.
 */
final class ExchangeFixtures {

  private ExchangeFixtures() {}

  /**
   * The fixture of one exchange: both packets, T1 and T4 as our clock read them (T1 is the kept T1,
   * not the request's nonce), and tags read off the packets as the importer gives them.
   *
   * @param host the server as the user named it, for the description
   * @param how the command that made it, e.g. {@code ntplab capture}
   */
  static Fixture of(QueryResult.Exchange exchange, String id, String host, String how) {
    NtpMessage request = NtpCodec.decode(exchange.requestBytes());
    Set<String> tags = FixtureTags.of(Optional.of(request), Optional.of(exchange.reply()));
    if (exchange.server().getAddress() instanceof Inet6Address) {
      tags.add("ipv6");
    }
    String server = Addresses.text(exchange.server());
    return new Fixture(
        id,
        describe(exchange, (NtpPacket) request, host, server),
        exchange.t1(),
        new Fixture.Source(server, null, null, how, null),
        HexText.words(exchange.requestBytes()),
        HexText.words(exchange.replyBytes()),
        exchange.t1Timestamp(),
        exchange.t4Timestamp(),
        List.copyOf(tags),
        Fixture.Expect.VALID);
  }

  private static String describe(
      QueryResult.Exchange exchange, NtpPacket request, String host, String server) {
    boolean nonce = !request.transmitTime().equals(exchange.t1Timestamp());
    NtpPacket reply = exchange.reply();
    String answer =
        exchange instanceof QueryResult.KissOfDeath kod
            ? "kiss-o'-death " + kod.code()
            : "NTPv" + reply.version() + " server reply (stratum " + reply.stratum() + ")";
    String to = host.equals(server) ? server : host + " (" + server + ")";
    return "NTPv"
        + request.version()
        + " client request"
        + (nonce ? " with a random nonce" : " carrying T1")
        + " to "
        + to
        + ", answered by "
        + answer;
  }

  /**
   * A fixture id from free text: lower case, runs of anything but letters, digits and '.' as '-'.
   */
  static String id(String text) {
    String id =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+|-+$", "");
    return id.isEmpty() ? "capture" : id;
  }

  /** Writes the fixture to exactly {@code file}; refuses to replace a file that is there. */
  static void writeNew(Fixture fixture, Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try {
      Files.writeString(
          file,
          FixtureJson.toJson(fixture) + "\n",
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new Main.BadInputException(file + " already exists: fixtures are never overwritten");
    }
  }

  /**
   * {@code stem-1}, {@code stem-2}...: the first n whose file is not in {@code dir}, from {@code
   * from}.
   */
  static int nextFree(Path dir, String stem, int from) {
    int n = from;
    while (Files.exists(dir.resolve(stem + "-" + n + ".json"))) {
      n++;
    }
    return n;
  }
}
