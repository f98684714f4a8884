package org.ntplab.exchange;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.ntplab.client.NtsQuery;
import org.ntplab.client.UdpTransport;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.ke.KeClient;
import org.ntplab.nts.ke.KeResult;

/**
 * An NTS exchange from start to end (RFC 8915): NTS-KE with the host, then one query to the NTP
 * server and port it negotiated, with its keys and cookies. What {@code inspect --nts} shows.
 */
public final class NtsExchange {

  /** How far the exchange got. */
  public sealed interface Outcome permits NotAgreed, Queried {}

  /**
   * NTS-KE gave no keys: {@code result} is a {@link KeResult.Refused} or {@link KeResult.Failed}.
   */
  public record NotAgreed(KeResult result) implements Outcome {}

  /** NTS-KE agreed and the NTP server was asked at {@code ntp}: {@code query} says what came. */
  public record Queried(KeResult.Agreed ke, InetSocketAddress ntp, NtsQuery.Outcome query)
      implements Outcome {}

  private NtsExchange() {}

  /**
   * NTS-KE with {@code host}:{@code kePort}, then the query.
   *
   * @param timeout the NTP query's first wait (NTS-KE has its own in {@code ke})
   * @param attempts NTP requests at most, each with a cookie of its own
   * @throws UnknownHostException when the NTP server NTS-KE named does not resolve
   */
  public static Outcome run(
      String host, int kePort, KeClient.Options ke, Duration timeout, int attempts, Clock clock)
      throws IOException {
    KeResult result = new KeClient(ke).exchange(host, kePort);
    if (!(result instanceof KeResult.Agreed agreed)) {
      return new NotAgreed(result);
    }
    InetSocketAddress ntp = new InetSocketAddress(agreed.ntpServer(), agreed.ntpPort());
    if (ntp.isUnresolved()) {
      throw new UnknownHostException(
          "cannot resolve " + agreed.ntpServer() + ", the NTP server NTS-KE named");
    }
    List<Cookie> cookies = agreed.cookies().stream().map(c -> new Cookie(c.cookie())).toList();
    try (UdpTransport transport = new UdpTransport()) {
      return new Queried(
          agreed,
          ntp,
          new NtsQuery(transport, clock).query(ntp, agreed.keys(), cookies, timeout, attempts));
    }
  }
}
