package org.ntplab.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ntplab.client.QueryResult.Exchange;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.sync.Fitness;
import org.ntplab.sync.NtsReplyCheck;
import org.ntplab.sync.ReplyCheck;
import org.ntplab.sync.Sample;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * One NTS-protected query on the NTP port (RFC 8915 §5.7), with the keys and cookies NTS-KE gave:
 * an NTPv4 request carrying a fresh unique identifier, a cookie, {@link #PLACEHOLDERS} placeholder
 * and the authenticator, and the reply judged by {@link NtsReplyCheck}. Each attempt spends a
 * cookie of its own and a new identifier, so that a retry cannot be linked to the attempt before
 * it; there are at most as many attempts as cookies. Not thread-safe.
 */
public final class NtsQuery {

  /**
   * Placeholders per request: one, so that a request shows what a placeholder is and the reply
   * brings two cookies. A client that spent one of chrony's eight needs none to keep eight.
   */
  public static final int PLACEHOLDERS = 1;

  /** What the query came to: a reply (verified or not, or a NAK), or none. */
  public sealed interface Outcome permits Replied, Silent {}

  /**
   * The reply to the request that carried {@code uid}. {@code exchange} is a {@link
   * QueryResult.KissOfDeath} when the reply carries a kiss code (an NTS NAK is kiss code NTSN),
   * else a {@link QueryResult.Answered} whose time may be used only when {@code check} is {@link
   * NtsReplyCheck.Authenticated}; {@code keys} are those the request was sealed with.
   */
  public record Replied(
      Exchange exchange, UniqueIdentifier uid, NtsKeys keys, NtsReplyCheck.Outcome check)
      implements Outcome {

    /** Whether the reply's time may be used: it verified and echoes the identifier. */
    public boolean verified() {
      return check instanceof NtsReplyCheck.Authenticated;
    }
  }

  /** Every attempt timed out. */
  public record Silent(QueryResult.NoAnswer noAnswer) implements Outcome {}

  private final Transport transport;
  private final Clock clock;
  private final Ticker ticker;
  private final RandomGenerator random;

  /** A query on the system's monotonic time, with nonces and identifiers from SecureRandom. */
  public NtsQuery(Transport transport, Clock clock) {
    this(transport, clock, Ticker.SYSTEM, new SecureRandom());
  }

  public NtsQuery(Transport transport, Clock clock, Ticker ticker, RandomGenerator random) {
    this.transport = transport;
    this.clock = clock;
    this.ticker = ticker;
    this.random = random;
  }

  /**
   * Asks {@code server} with {@code cookies} (one per attempt, in order) under {@code keys}.
   *
   * @param timeout the first attempt's wait; each retry waits twice as long
   * @param attempts requests to send at most, and no more than there are cookies
   */
  public Outcome query(
      InetSocketAddress server, NtsKeys keys, List<Cookie> cookies, Duration timeout, int attempts)
      throws IOException {
    if (cookies.isEmpty()) {
      throw new IllegalArgumentException("an NTS request needs a cookie; NTS-KE gave none");
    }
    int tries = Math.min(attempts, cookies.size());
    List<ReplyCheck.Rejected> ignored = new ArrayList<>();
    Duration wait = timeout;
    try {
      for (int attempt = 1; attempt <= tries; attempt++) {
        Optional<Replied> replied =
            attempt(server, keys, cookies.get(attempt - 1), wait, attempt, ignored);
        if (replied.isPresent()) {
          return replied.get();
        }
        wait = wait.multipliedBy(2);
      }
    } finally {
      transport.close();
    }
    return new Silent(new QueryResult.NoAnswer(server, tries, ignored));
  }

  private Optional<Replied> attempt(
      InetSocketAddress server,
      NtsKeys keys,
      Cookie cookie,
      Duration wait,
      int attempt,
      List<ReplyCheck.Rejected> ignored)
      throws IOException {
    transport.open(server); // before T1, as SntpClient does: socket set-up is not delay
    NtpTimestamp transmit = SntpClient.nonce(random);
    UniqueIdentifier uid = UniqueIdentifier.random(random);
    byte[] request =
        NtpCodec.encode(
            NtsClient.request(
                NtpPacket.clientRequest(4, transmit), uid, cookie, PLACEHOLDERS, keys, random));
    NtsReplyCheck check = new NtsReplyCheck(ReplyCheck.forClient(server, transmit), uid, keys);
    Instant t1 = clock.instant(); // after sealing: as close to the send as we can read it
    transport.send(server, request);
    return Awaiting.until(
        transport,
        ticker,
        clock,
        wait,
        (datagram, t4) -> {
          NtsReplyCheck.Outcome outcome = check.check(datagram.source(), datagram.bytes());
          if (outcome instanceof NtsReplyCheck.NotOurs notOurs) {
            if (ignored.size() < SntpClient.MAX_IGNORED) {
              ignored.add(notOurs.rejected());
            }
            return Optional.empty();
          }
          return Optional.of(
              new Replied(
                  exchange(server, request, datagram.bytes(), t1, t4, attempt, ignored),
                  uid,
                  keys,
                  outcome));
        });
  }

  /** The exchange as every client reports it; its time is judged by fitness, not by NTS. */
  private static Exchange exchange(
      InetSocketAddress server,
      byte[] request,
      byte[] replyBytes,
      Instant t1,
      Instant t4,
      int attempt,
      List<ReplyCheck.Rejected> ignored) {
    NtpPacket reply = NtpCodec.decodePacket(replyBytes); // NtsReplyCheck decoded it already
    if (reply.kissCode().isPresent()) {
      return new QueryResult.KissOfDeath(
          server, request, replyBytes, reply, Optional.empty(), t1, t4, attempt, ignored);
    }
    Sample sample = Sample.of(NtpTimestamp.from(t1), reply, NtpTimestamp.from(t4));
    return new QueryResult.Answered(
        server,
        request,
        replyBytes,
        reply,
        sample,
        Fitness.RFC_5905.problems(reply, sample),
        Optional.empty(),
        t1,
        t4,
        attempt,
        ignored);
  }
}
