package org.ntplab.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.ntplab.auth.MacCheck;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.client.QueryResult.Answered;
import org.ntplab.client.QueryResult.Exchange;
import org.ntplab.client.QueryResult.KissOfDeath;
import org.ntplab.client.QueryResult.NoAnswer;
import org.ntplab.sync.Fitness;
import org.ntplab.sync.Problem;
import org.ntplab.sync.ReplyCheck;
import org.ntplab.sync.Sample;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * An SNTP client (RFC 4330, RFC 5905 §8): sends a mode-3 request, waits for the reply that passes
 * {@link ReplyCheck}, and turns it into a {@link Sample} judged by {@link Fitness}.
 *
 * <p>By default the transmit field carries a random 64-bit nonce and the real T1 is kept aside (RFC
 * 9109 §3, data minimisation: the request does not reveal our clock, and an off-path forger must
 * guess 64 bits); {@link Options#classic()} puts T1 itself there, as SNTP lessons teach. Either way
 * the reply's origin must equal what was sent.
 *
 * <p>A datagram that is not the reply (wrong source, wrong mode, origin mismatch, zero transmit,
 * malformed) is ignored and the client keeps waiting until the attempt's deadline: answering a
 * spoofed packet by giving up would let anyone who can send one stop us. A timed-out attempt is
 * retried with a new request and twice the wait (exponential backoff).
 *
 * <p>With {@link Options#key()}, each request carries that key's MAC and the reply's MAC is checked
 * ({@link MacCheck}); anything but a verified MAC is an {@link Problem.AuthenticationFailed}
 * problem of the answer. Not thread-safe.
 */
public final class SntpClient {

  /**
   * Default gap between the queries of a series: 2 s, the spacing of ntpd's and chronyd's {@code
   * iburst}, which rate-limiting servers (ntpd's {@code discard minimum 1}, the lab server) accept
   * without a kiss-o'-death.
   */
  public static final Duration DEFAULT_SPACING = Duration.ofSeconds(2);

  /**
   * How to query.
   *
   * @param version the version to put in the request, 1 to 4
   * @param timeout how long the first attempt waits; each retry waits twice as long as the one
   *     before
   * @param attempts requests to send before giving up, at least 1
   * @param classic put T1 in the transmit field instead of a random nonce
   * @param key sign each request with this key and check the reply's MAC against it (RFC 5905 §7.3)
   */
  public record Options(
      int version, Duration timeout, int attempts, boolean classic, Optional<SymmetricKey> key) {

    /**
     * NTPv4, 1 s, 3 attempts (1 + 2 + 4 = 7 s at most), nonce, unsigned: a reply from anywhere on
     * the Internet takes well under a second, and three tries ride out a lost packet or two.
     */
    public static final Options DEFAULTS =
        new Options(4, Duration.ofSeconds(1), 3, false, Optional.empty());

    public Options {
      if (version < 1 || version > 4) {
        throw new IllegalArgumentException("version " + version + " is not NTP (expected: 1 to 4)");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, not " + timeout);
      }
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be 1 or more, not " + attempts);
      }
    }

    public Options withVersion(int version) {
      return new Options(version, timeout, attempts, classic, key);
    }

    public Options withTimeout(Duration timeout) {
      return new Options(version, timeout, attempts, classic, key);
    }

    public Options withAttempts(int attempts) {
      return new Options(version, timeout, attempts, classic, key);
    }

    public Options withClassic(boolean classic) {
      return new Options(version, timeout, attempts, classic, key);
    }

    public Options withKey(SymmetricKey key) {
      return new Options(version, timeout, attempts, classic, Optional.of(key));
    }
  }

  /**
   * Ignored datagrams kept per query: a flood of junk must not fill the memory, only the report.
   */
  static final int MAX_IGNORED = 100;

  private final Transport transport;
  private final Clock clock;
  private final Ticker ticker;
  private final RandomGenerator random;
  private long lastSend;
  private boolean sentBefore;

  /** A client on the system's monotonic time, with nonces from the kernel's random generator. */
  public SntpClient(Transport transport, Clock clock) {
    this(transport, clock, Ticker.SYSTEM, new KernelRandom());
  }

  /**
   * @param clock read for T1 just before sending (after the socket is readied and the request
   *     encoded) and for T4 as soon as a datagram arrives
   * @param ticker measures deadlines and the spacing of a series
   * @param random where nonces come from; use a secure one outside tests
   */
  public SntpClient(Transport transport, Clock clock, Ticker ticker, RandomGenerator random) {
    this.transport = transport;
    this.clock = clock;
    this.ticker = ticker;
    this.random = random;
  }

  /**
   * One query, retried after a timeout as {@code options} says.
   *
   * @throws java.net.PortUnreachableException when the server's host says nothing listens there
   */
  public QueryResult query(InetSocketAddress server, Options options) throws IOException {
    List<ReplyCheck.Rejected> ignored = new ArrayList<>();
    Duration wait = options.timeout();
    try {
      for (int attempt = 1; attempt <= options.attempts(); attempt++) {
        Optional<Exchange> exchange = attempt(server, options, wait, attempt, ignored);
        if (exchange.isPresent()) {
          return exchange.get();
        }
        wait = wait.multipliedBy(2);
      }
    } finally {
      transport.close();
    }
    return new NoAnswer(server, options.attempts(), ignored);
  }

  /**
   * {@code count} queries, each started at least {@code spacing} after the previous request left.
   * Stops early at a kiss-o'-death: after DENY or RSTR we must not ask again, after RATE not soon.
   *
   * @param each told of every outcome as it comes, e.g. to show progress
   */
  public List<QueryResult> queryEach(
      InetSocketAddress server,
      Options options,
      int count,
      Duration spacing,
      Consumer<QueryResult> each)
      throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("count must be 1 or more, not " + count);
    }
    List<QueryResult> outcomes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        keepSpacing(spacing);
      }
      QueryResult outcome = query(server, options);
      outcomes.add(outcome);
      each.accept(outcome);
      if (outcome instanceof KissOfDeath) {
        break;
      }
    }
    return outcomes;
  }

  /** The answer with the least delay, which has the least error (RFC 5905 §10). */
  public static Optional<Answered> best(List<QueryResult> outcomes) {
    // A loop, not a stream with Comparator.comparing: the JDK's lambdas are spun at first use.
    Answered best = null;
    for (QueryResult outcome : outcomes) {
      if (outcome instanceof Answered answered
          && (best == null || Sample.BY_DELAY.compare(answered.sample(), best.sample()) < 0)) {
        best = answered;
      }
    }
    return Optional.ofNullable(best);
  }

  private Optional<Exchange> attempt(
      InetSocketAddress server,
      Options options,
      Duration wait,
      int attempt,
      List<ReplyCheck.Rejected> ignored)
      throws IOException {
    // Everything that can be done before T1 is: the socket first (its set-up, milliseconds on a
    // JVM's first query, would otherwise count as outbound delay and bias the offset by half of
    // it).
    transport.open(server);
    Instant t1;
    NtpTimestamp transmit;
    byte[] request;
    if (options.classic()) {
      // T1 goes into the request, so encoding and signing come after it: done once before, they
      // have their classes loaded and their digest found, and take microseconds the second time.
      encode(options, NtpTimestamp.ZERO);
      t1 = clock.instant();
      transmit = NtpTimestamp.from(t1);
      request = encode(options, transmit);
    } else {
      transmit = nonce(random);
      request = encode(options, transmit);
      t1 = clock.instant(); // after encoding and signing: T1 is as close to the send as we can read
      // it
    }
    ReplyCheck check = ReplyCheck.forClient(server, transmit);
    transport.send(server, request);
    lastSend = ticker.nanos();
    sentBefore = true;
    // A class, not a lambda: linking a lambda's call site takes milliseconds the first time, and
    // here that would be between the send and the receive, counted into T4 on a JVM's first query.
    return Awaiting.until(
        transport,
        ticker,
        clock,
        wait,
        new ReplyJudge(server, options, request, check, t1, attempt, ignored));
  }

  /** Tells the reply to one attempt from what else arrives, and makes it an outcome. */
  private static final class ReplyJudge implements Awaiting.Judge<Exchange> {
    private final InetSocketAddress server;
    private final Options options;
    private final byte[] request;
    private final ReplyCheck check;
    private final Instant t1;
    private final int attempt;
    private final List<ReplyCheck.Rejected> ignored;

    ReplyJudge(
        InetSocketAddress server,
        Options options,
        byte[] request,
        ReplyCheck check,
        Instant t1,
        int attempt,
        List<ReplyCheck.Rejected> ignored) {
      this.server = server;
      this.options = options;
      this.request = request;
      this.check = check;
      this.t1 = t1;
      this.attempt = attempt;
      this.ignored = ignored;
    }

    @Override
    public Optional<Exchange> judge(Transport.Received datagram, Instant t4) {
      ReplyCheck.Admission verdict = check.check(datagram.source(), datagram.bytes());
      if (verdict instanceof ReplyCheck.Rejected rejected) {
        if (ignored.size() < MAX_IGNORED) {
          ignored.add(rejected);
        }
        return Optional.empty();
      }
      NtpPacket reply = ((ReplyCheck.Accepted) verdict).reply();
      // A reply that fails its MAC check is kept and shown, its failure first among its problems,
      // rather than waited past: only a datagram whose origin is our nonce gets here, so it is the
      // server's own answer (or an on-path forger's, whom waiting would not stop either).
      // Optionals tested, not mapped, on this path: a lambda is linked at its first use, a cost
      // a one-shot inspect pays at start-up (BENCHMARKS.md, "One query").
      Optional<MacCheck> authentication =
          options.key().isPresent()
              ? Optional.of(MacCheck.of(options.key().get(), datagram.bytes(), reply))
              : Optional.empty();
      if (reply.kissCode().isPresent()) {
        return Optional.of(
            new KissOfDeath(
                server,
                request,
                datagram.bytes(),
                reply,
                authentication,
                t1,
                t4,
                attempt,
                ignored));
      }
      Sample sample = Sample.of(NtpTimestamp.from(t1), reply, NtpTimestamp.from(t4));
      List<Problem> problems = new ArrayList<>();
      if (authentication.isPresent() && !authentication.get().verified()) {
        problems.add(new Problem.AuthenticationFailed(authentication.get()));
      }
      problems.addAll(Fitness.RFC_5905.problems(reply, sample));
      return Optional.of(
          new Answered(
              server,
              request,
              datagram.bytes(),
              reply,
              sample,
              problems,
              authentication,
              t1,
              t4,
              attempt,
              ignored));
    }
  }

  /** The request on the wire: the header, then the MAC when a key is given. */
  private static byte[] encode(Options options, NtpTimestamp transmit) {
    byte[] request = NtpCodec.encode(NtpPacket.clientRequest(options.version(), transmit));
    return options.key().isPresent() ? options.key().get().sign(request) : request;
  }

  /** A random transmit field; never zero, which a server or a reader would take for "unknown". */
  static NtpTimestamp nonce(RandomGenerator random) {
    long bits;
    do {
      bits = random.nextLong();
    } while (bits == 0);
    return new NtpTimestamp(bits);
  }

  private void keepSpacing(Duration spacing) throws InterruptedIOException {
    if (sentBefore && !spacing.isNegative()) {
      ticker.sleepUntil(lastSend + spacing.toNanos(), "the spacing between queries");
    }
  }
}
