package org.ntplab.sources;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.ntplab.client.QueryResult;
import org.ntplab.client.SntpClient;
import org.ntplab.client.Ticker;
import org.ntplab.client.Transport;
import org.ntplab.mitigation.ClockFilter;
import org.ntplab.mitigation.Constants;
import org.ntplab.mitigation.PeerEstimate;
import org.ntplab.mitigation.PeerSample;
import org.ntplab.sync.Problem;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.NtpPacket;

/**
 * Polls several servers iburst-style: {@code rounds} rounds, {@code interval} apart, each server
 * asked once a round (all at once, each on its own transport, so a silent one costs a round no more
 * than one timeout). Each usable reply's sample goes to that server's {@link ClockFilter}; an
 * unanswered poll clears its reach bit, and after three in a row the dummy sample is shifted in as
 * RFC 5905 §10 says. Network and time come in: a {@link Transport} per server, the {@link Clock}
 * read for T1 and T4, the {@link Ticker} that spaces the rounds.
 */
public final class Poller {

  /**
   * The client's precision: Java's clock reads to the microsecond or better on the systems ntplab
   * runs on; ntpd measures its own, typically 2^-20 to 2^-24 s.
   */
  public static final double PRECISION = 1e-6;

  /** Told after each round: which round, of how many, and each server's outcome so far. */
  public interface Progress {
    void round(int done, int rounds, List<Polled> sofar);
  }

  private final Supplier<Transport> transports;
  private final Clock clock;
  private final Ticker ticker;
  private final SntpClient.Options options;

  /**
   * @param transports makes one transport per server
   * @param options how to query; each poll is one attempt (a lost reply is a missed poll, as in
   *     ntpd), so {@code attempts} is not used
   */
  public Poller(
      Supplier<Transport> transports, Clock clock, Ticker ticker, SntpClient.Options options) {
    this.transports = transports;
    this.clock = clock;
    this.ticker = ticker;
    this.options = options.withAttempts(1);
  }

  /** Polls {@code servers} for {@code rounds} rounds, {@code interval} apart. */
  public Survey poll(List<Server> servers, int rounds, Duration interval, Progress progress)
      throws IOException {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be 1 or more, not " + rounds);
    }
    int exponent = pollExponent(interval);
    Instant origin = clock.instant();
    List<Peer> peers = new ArrayList<>();
    for (Server s : servers) {
      peers.add(new Peer(s, new SntpClient(transports.get(), clock), exponent));
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, servers.size()),
            r -> {
              Thread t = new Thread(r, "poll");
              t.setDaemon(true);
              return t;
            });
    try {
      for (int round = 1; round <= rounds; round++) {
        long start = ticker.nanos();
        List<Future<Optional<QueryResult>>> answers = new ArrayList<>();
        for (Peer p : peers) {
          answers.add(pool.submit(() -> p.ask(options)));
        }
        for (int i = 0; i < peers.size(); i++) {
          peers.get(i).take(await(answers.get(i)), origin, clock);
        }
        progress.round(round, rounds, peers.stream().map(Peer::polled).toList());
        if (round < rounds) {
          ticker.sleepUntil(start + interval.toNanos(), "the next round of polls");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Survey(
        peers.stream().map(Peer::polled).toList(),
        seconds(origin, clock.instant()),
        exponent,
        PRECISION);
  }

  /** The poll exponent of {@code interval}: log2 of its seconds, rounded down. */
  static int pollExponent(Duration interval) {
    double seconds = interval.toNanos() / 1e9;
    return seconds <= 0 ? -10 : Math.max(-10, Math.getExponent(seconds));
  }

  static double seconds(Instant origin, Instant t) {
    return Duration.between(origin, t).toNanos() / 1e9;
  }

  private static Optional<QueryResult> await(Future<Optional<QueryResult>> answer)
      throws IOException {
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while polling");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** One server's state while polling: reach, samples, filter. Used by one thread at a time. */
  private static final class Peer {
    private final Server server;
    private final SntpClient client;
    private final List<PeerSample> samples = new ArrayList<>();
    private ClockFilter filter;
    private Optional<PeerEstimate> estimate = Optional.empty();
    private int polls;
    private int reach;
    private Optional<Claim> claim = Optional.empty();
    private Optional<String> silence = Optional.empty();
    private boolean refused;

    Peer(Server server, SntpClient client, int exponent) {
      this.server = server;
      this.client = client;
      this.filter = ClockFilter.start(PRECISION, exponent);
    }

    /** One query; empty once the server said DENY or RSTR, after which it must not be asked. */
    Optional<QueryResult> ask(SntpClient.Options options) {
      if (refused) {
        return Optional.empty();
      }
      try {
        return Optional.of(client.query(server.address(), options));
      } catch (java.net.PortUnreachableException e) {
        silence = Optional.of("port unreachable: nothing listens there");
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void take(Optional<QueryResult> result, Instant origin, Clock clock) {
      polls++;
      reach = (reach << 1) & ((1 << Polled.REACH_BITS) - 1);
      double now = seconds(origin, clock.instant());
      if (result.isPresent() && result.get() instanceof QueryResult.Answered a && usable(a)) {
        reach |= 1;
        silence = Optional.empty();
        NtpPacket reply = a.reply();
        double precision = Math.scalb(1.0, reply.precision());
        claim =
            Optional.of(
                new Claim(
                    reply.stratum(),
                    reply.leap() == LeapIndicator.UNSYNCHRONIZED,
                    reply.rootDelay().seconds().doubleValue(),
                    reply.rootDispersion().seconds().doubleValue(),
                    precision));
        double delay = a.sample().delayNanos() / 1e9;
        double t4 = seconds(origin, a.t4());
        double roundTrip = seconds(a.t1(), a.t4());
        PeerSample sample =
            new PeerSample(
                a.sample().offsetNanos() / 1e9,
                delay,
                precision + PRECISION + Constants.PHI * roundTrip,
                t4);
        samples.add(sample);
        shift(sample, t4);
        return;
      }
      silence = Optional.of(result.map(this::why).orElse(silence.orElse("not asked")));
      if ((reach & 0b111) == 0 && estimate.isPresent()) {
        // Three polls in a row unanswered: the dummy sample goes in (RFC 5905 §10).
        ClockFilter.Step step = filter.miss(now);
        ClockFilter.Step fresh = unused(filter).miss(now);
        settle(step, fresh);
      }
    }

    /**
     * Shifts {@code sample} in. The estimate is what the register gives now, whether or not the
     * least-delay sample was used before: A.5.2's prime directive lets anything through before the
     * system is first synchronized, and a one-shot sync never is. Without that, a sample picked
     * while most stages were still empty would keep its large dispersion to the end and push every
     * server past the distance threshold. A popcorn spike is still suppressed.
     */
    private void shift(PeerSample sample, double now) {
      settle(filter.add(sample, now), unused(filter).add(sample, now));
    }

    /** Takes the filter of {@code step}, and the estimate of {@code fresh} unless a spike. */
    private void settle(ClockFilter.Step step, ClockFilter.Step fresh) {
      filter = step.filter();
      boolean spike =
          step.outcome() instanceof ClockFilter.NoUpdate n
              && n.reason() == ClockFilter.Reason.POPCORN_SPIKE;
      if (!spike && fresh.outcome() instanceof ClockFilter.Update u) {
        estimate = Optional.of(u.estimate());
      }
    }

    /** {@code f}'s register with nothing used yet. */
    private static ClockFilter unused(ClockFilter f) {
      return new ClockFilter(f.stages(), Optional.empty(), f.precision(), f.pollExponent());
    }

    private static boolean usable(QueryResult.Answered a) {
      // A zero T2 or a negative delay gives an offset that means nothing.
      return a.problems().stream()
          .noneMatch(
              p -> p instanceof Problem.ZeroReceiveTime || p instanceof Problem.NegativeDelay);
    }

    private String why(QueryResult r) {
      if (r instanceof QueryResult.KissOfDeath k) {
        refused = k.action() == KissCode.Action.STOP_USING_SERVER;
        return "kiss-o'-death " + k.code();
      }
      if (r instanceof QueryResult.Answered) {
        return "reply unusable (zero receive time or negative delay)";
      }
      return "no reply";
    }

    Polled polled() {
      return new Polled(server, polls, reach, samples, estimate, claim, silence);
    }
  }
}
