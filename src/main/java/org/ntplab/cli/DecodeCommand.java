package org.ntplab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ntplab.fixture.Datagrams;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureJson;
import org.ntplab.fixture.capture.CapturedDatagram;
import org.ntplab.inspect.HexdumpRenderer;
import org.ntplab.inspect.JsonView;
import org.ntplab.inspect.NtsReading;
import org.ntplab.inspect.NtsView;
import org.ntplab.inspect.RawRenderer;
import org.ntplab.inspect.Style;
import org.ntplab.net.Addresses;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.NtsServer;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntplab decode}: what an NTP packet given as text (or a capture) says, byte by byte. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Show an NTP packet as an annotated hexdump: every 32-bit word beside its field,",
      "raw value and meaning. The packet may be plain hex, xxd, hexdump -C, tcpdump",
      "-x/-X (IP and Ethernet headers are stripped), a C/Java byte array or Wireshark's",
      "hex; -f also reads pcap and pcapng captures (every NTP packet) and fixture files",
      "(their request and reply). With NTS keys (--c2s/--s2c, or a fixture's \"nts\"",
      "object) an NTS packet's authenticator is checked: a request with the C2S key, a",
      "reply with the S2C key, and what it encrypted is shown."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab decode 1b0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      "  ntplab decode -f fixtures/replies/tcpdump-ntp-3-4.json",
      "  tcpdump -X -r ntp.pcap -c 1 | ntplab decode -",
      "  ntplab decode -f capture.pcap --json",
      "  ntplab decode -f fixtures/replies/literal-ntpd-rs-nts-1-2.json",
      "  ntplab decode --c2s 5f3a...(64 hex digits) --s2c 91c0...(64 hex digits) 2300...",
      "",
      "Exit status: 0 decoded, 2 not hex or not an NTP packet (the message names the",
      "byte and field), or an NTS authenticator that does not verify under the keys",
      "given."
    })
final class DecodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "HEX",
      description = "The packet as hex (words may be separate arguments), or - for standard input.")
  List<String> hex = new ArrayList<>();

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Read the packet(s) from a hex text file or a pcap/pcapng capture.")
  Path file;

  @Option(
      names = "--json",
      description =
          "Print the decoded fields as JSON, one stable name per field (leap, version, mode, stratum, ...).")
  boolean json;

  @Mixin NtsKeyOptions ntsKeys = new NtsKeyOptions();

  @Option(
      names = "--raw",
      description = "Print only the bytes, xxd style (works for packets that do not decode).")
  boolean raw;

  @Override
  public Integer call() throws IOException, FixtureException {
    if (json && raw) {
      throw new Main.BadInputException("--json and --raw show different things: choose one");
    }
    Optional<NtsKeys> keys = ntsKeys.keys();
    if (raw && keys.isPresent()) {
      throw new Main.BadInputException(
          "--raw shows the bytes only; NTS keys need the hexdump or --json");
    }
    List<Packet> packets = read(keys);
    PrintWriter out = spec.commandLine().getOut();
    Style style = Style.of(Terminal.useColor(spec));
    boolean several = packets.size() > 1;
    ArrayNode jsonArray = JsonNodeFactory.instance.arrayNode();
    List<String> rejected = new ArrayList<>();
    List<String> unverified = new ArrayList<>();
    for (Packet packet : packets) {
      byte[] bytes = packet.bytes();
      String where = several ? packet.label() : "";
      if (raw) {
        printHeading(out, where);
        RawRenderer.render(bytes, out);
        continue;
      }
      NtpMessage message;
      try {
        message = NtpCodec.decode(bytes);
      } catch (MalformedPacketException e) {
        if (!several) {
          throw e;
        }
        rejected.add(where + ": " + e.getMessage());
        if (!json) {
          printHeading(out, where);
          out.println("not an NTP packet: " + e.getMessage());
          RawRenderer.render(bytes, out);
        }
        continue;
      }
      Optional<NtsReading> reading = nts(packet, message);
      if (reading.isPresent()
          && reading.get() instanceof NtsReading.Checked checked
          && checked.failed()) {
        unverified.add(packet.label() + ": " + NtsView.headline(checked));
      }
      if (json) {
        ObjectNode node = JsonView.of(message);
        reading.ifPresent(r -> node.set("nts", NtsView.json(r)));
        jsonArray.add(node);
      } else {
        printHeading(out, where);
        HexdumpRenderer.render(bytes, message, style, out);
        if (reading.isPresent()) {
          out.println();
          NtsView.lines(reading.get(), style).forEach(out::println);
        }
      }
    }
    if (json) {
      JsonNode result = several ? jsonArray : jsonArray.get(0);
      if (result != null) {
        out.println(JsonView.toText(result));
      }
    }
    out.flush();
    if (!rejected.isEmpty()) {
      throw new Main.BadInputException(
          rejected.size()
              + " of "
              + packets.size()
              + " packets are not NTP packets; first: "
              + rejected.get(0));
    }
    if (!unverified.isEmpty()) {
      throw new Main.BadInputException(
          (several ? unverified.size() + " of " + packets.size() + " packets: " : "")
              + unverified.get(0));
    }
    return Main.OK;
  }

  /**
   * One packet to show, and what to call it when there are several; with the keys to check it with,
   * and the unique identifier of its request when that is known (a fixture's pair).
   */
  private record Packet(
      String label, byte[] bytes, Optional<NtsKeys> keys, Optional<UniqueIdentifier> request) {

    Packet(String label, byte[] bytes, Optional<NtsKeys> keys) {
      this(label, bytes, keys, Optional.empty());
    }
  }

  /** What the packet's NTS authenticator says, when there are keys and it is a time packet. */
  private static Optional<NtsReading> nts(Packet packet, NtpMessage message) {
    if (packet.keys().isEmpty() || !(message instanceof NtpPacket p)) {
      return Optional.empty();
    }
    return Optional.of(NtsReading.of(packet.bytes(), p, packet.keys().get(), packet.request()));
  }

  private List<Packet> read(Optional<NtsKeys> keys) throws IOException, FixtureException {
    if (file != null && !hex.isEmpty()) {
      throw new Main.BadInputException("give the packet as HEX or with -f FILE, not both");
    }
    if (file != null) {
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        throw new Main.BadInputException(file + ": not a readable file");
      }
      if (file.getFileName().toString().endsWith(".json")) {
        return fixturePackets(FixtureJson.read(file), keys);
      }
      List<CapturedDatagram> datagrams = Datagrams.from(file);
      if (datagrams.isEmpty()) {
        throw new Main.BadInputException(file + ": no NTP packets (UDP port 123) in this capture");
      }
      return datagrams.stream().map(d -> new Packet(origin(d), d.payload(), keys)).toList();
    }
    String text;
    if (hex.equals(List.of("-")) || (hex.isEmpty() && System.console() == null)) {
      text = Datagrams.text("standard input", System.in.readAllBytes());
    } else if (hex.isEmpty()) {
      throw new Main.BadInputException(
          "no packet given: pass HEX, -f FILE, or - to read standard input");
    } else {
      text = String.join(" ", hex);
    }
    return Datagrams.fromText(text).stream()
        .map(d -> new Packet(origin(d), d.payload(), keys))
        .toList();
  }

  /** The fixture's packets, checked with {@code keys} if given, else with the fixture's own. */
  private static List<Packet> fixturePackets(Fixture fixture, Optional<NtsKeys> given) {
    Optional<NtsKeys> keys =
        given.or(() -> Optional.ofNullable(fixture.nts()).map(Fixture.Nts::keys));
    Optional<byte[]> request = fixture.requestBytes();
    List<Packet> packets = new ArrayList<>();
    request.ifPresent(b -> packets.add(new Packet(fixture.id() + ": request", b, keys)));
    fixture
        .replyBytes()
        .ifPresent(
            b ->
                packets.add(
                    new Packet(fixture.id() + ": reply", b, keys, request.flatMap(r -> uidOf(r)))));
    return packets;
  }

  /** The unique identifier a request carries; none when it has none or does not decode. */
  private static Optional<UniqueIdentifier> uidOf(byte[] request) {
    try {
      return NtsServer.uniqueIdentifier(NtpCodec.decodePacket(request));
    } catch (MalformedPacketException e) {
      return Optional.empty();
    }
  }

  private static String origin(CapturedDatagram d) {
    StringBuilder where = new StringBuilder("packet ").append(d.frame());
    if (d.time() != null) {
      where.append(", ").append(d.time());
    }
    if (d.source() != null) {
      where
          .append(", ")
          .append(Addresses.text(d.source()))
          .append(" -> ")
          .append(Addresses.text(d.destination()));
    }
    return where.toString();
  }

  private static void printHeading(PrintWriter out, String where) {
    if (!where.isEmpty()) {
      out.println();
      out.println("== " + where);
    }
  }
}
