package org.ntplab.nts.ke;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ntplab.nts.Aead;
import org.ntplab.nts.NtsKeys;

/**
 * What a client makes of a server's records (RFC 8915 §4.1): an Error or a Warning ends it; then
 * the server must have chosen NTPv4 and one of the offered AEADs, and given at least one cookie.
 * Server and Port Negotiation, when present, say where NTP goes.
 */
final class KeResponse {

  private static final int NTP_PORT = 123;

  private KeResponse() {}

  /**
   * The result of {@code records}, given the keys exported for each offered AEAD and the NTS-KE
   * host, which is the NTP server unless the records name another.
   */
  static KeResult interpret(
      List<KeRecord> records, Map<Aead, NtsKeys> offered, String keHost, Duration handshake) {
    for (KeRecord r : records) {
      if (r.body() instanceof KeBody.Error error) {
        return new KeResult.Refused(
            records, "the server refused with Error " + ErrorCode.describe(error.code()));
      }
      if (r.body() instanceof KeBody.Warning warning) {
        return new KeResult.Refused(
            records,
            "the server sent Warning "
                + warning.code()
                + ", which no RFC defines: ntplab stops rather than guess what it means");
      }
    }
    List<KeBody.NextProtocol> next = bodies(records, KeBody.NextProtocol.class);
    if (next.size() != 1) {
      return new KeResult.Refused(
          records,
          next.size() + " Next Protocol records, where exactly one says which protocol follows");
    }
    if (!next.get(0).protocols().equals(List.of(KeBody.NTPV4))) {
      return new KeResult.Refused(
          records,
          "the server chose protocols "
              + next.get(0).protocols()
              + ", not NTPv4 (0) alone: it will not do NTS for NTPv4");
    }
    List<KeBody.AeadAlgorithm> aeads = bodies(records, KeBody.AeadAlgorithm.class);
    String offer =
        offered.keySet().stream()
            .sorted() // enum order is code order: 15 before 17
            .map(a -> Aead.describe(a.id()))
            .collect(Collectors.joining(", "));
    if (aeads.size() != 1 || aeads.get(0).ids().size() != 1) {
      return new KeResult.Refused(
          records, "the server chose no single AEAD algorithm (offered: " + offer + ")");
    }
    int chosen = aeads.get(0).ids().get(0);
    NtsKeys keys = Aead.find(chosen).map(offered::get).orElse(null);
    if (keys == null) {
      return new KeResult.Refused(
          records,
          "the server chose AEAD "
              + Aead.describe(chosen)
              + ", which was not offered ("
              + offer
              + ")");
    }
    List<KeBody.NewCookie> cookies = bodies(records, KeBody.NewCookie.class);
    if (cookies.isEmpty()) {
      return new KeResult.Refused(
          records, "no New Cookie record: without a cookie no NTS request can be sent");
    }
    List<KeBody.Server> servers = bodies(records, KeBody.Server.class);
    List<KeBody.Port> ports = bodies(records, KeBody.Port.class);
    if (servers.size() > 1 || ports.size() > 1) {
      // RFC 8915 §4.1.7, §4.1.8: a server sends at most one of each; which to believe is a guess.
      return new KeResult.Refused(
          records,
          servers.size()
              + " Server Negotiation and "
              + ports.size()
              + " Port Negotiation records, where a server sends at most one of each");
    }
    String server = servers.isEmpty() ? keHost : servers.get(0).name();
    if (!servers.isEmpty() && !isHost(server)) {
      return new KeResult.Refused(
          records,
          "the server named NTP server \""
              + server
              + "\", which is neither an IP address nor a host name (RFC 8915 §4.1.7)");
    }
    int port = ports.isEmpty() ? NTP_PORT : ports.get(0).port();
    if (port == 0) {
      return new KeResult.Refused(
          records, "the server named NTP port 0, where nothing can be asked");
    }
    return new KeResult.Agreed(records, keys, cookies, server, port, handshake);
  }

  /**
   * Whether {@code name} is what RFC 8915 §4.1.7 allows: an IPv4 or IPv6 address (no brackets, no
   * zone, no port) or a host name of letters, digits and hyphens in dot-separated labels.
   */
  static boolean isHost(String name) {
    if (name.contains(":")) {
      return name.matches("[0-9A-Fa-f:.]{2,45}") && isIpv6Literal(name);
    }
    return name.length() <= 253
        && name.matches(
            "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*"
                + "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");
  }

  private static boolean isIpv6Literal(String name) {
    try {
      // Only hex digits, colons and dots reach here: the JDK parses them, it never looks them up.
      InetAddress.getByName(name);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The bodies of {@code type} among {@code records}, in order. */
  static <T extends KeBody> List<T> bodies(List<KeRecord> records, Class<T> type) {
    return records.stream().map(KeRecord::body).filter(type::isInstance).map(type::cast).toList();
  }
}
