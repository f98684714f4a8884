package org.ntplab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.ntplab.client.QueryResult;
import org.ntplab.client.SntpClient;
import org.ntplab.client.Ticker;
import org.ntplab.client.Transport;
import org.ntplab.grading.channel.ChannelClosed;
import org.ntplab.lab.ClientLab;
import org.ntplab.lab.ClientResult;
import org.ntplab.lab.LabTransport;
import org.ntplab.sync.Sample;

/**
 * Lab 6's bench: a scripted server behind a client's transport, and the clock the client reads, in
 * virtual time that moves only when the network does: to a datagram's arrival when it is received,
 * one {@link #WAIT} on when a receive finds nothing. So T1 and T4 do not depend on how often a
 * client reads the clock, and the reference ({@link SntpClient}) and the student, run on the same
 * script, see the same times. Both seams are interfaces: each client gets a small implementation
 * that hands every datagram to the server, which keeps a copy of each request.
 */
final class ScriptedServer {

  /** What a silent receive costs in virtual time; also the timeout both clients are given. */
  static final Duration WAIT = Duration.ofSeconds(1);

  /**
   * Past these a client is looping, not querying: stop it with a message rather than run out of
   * memory.
   */
  static final int MAX_SENDS = 10;

  static final int MAX_RECEIVES = 1_000;

  /** The address the reference is told it queries; the scripted datagrams all come from it. */
  private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 123);

  /** A datagram the server sends {@code after} the request left, made from that request. */
  record Datagram(Duration after, UnaryOperator<byte[]> make) {}

  /**
   * What the server does: for request n (from 0) the datagrams of {@code replies.get(n)}, past the
   * end of the list those of its last entry; an empty list is silence.
   */
  record Script(Instant start, List<List<Datagram>> replies) {
    List<Datagram> after(int request) {
      return replies.get(Math.min(request, replies.size() - 1));
    }
  }

  /** What a client did on a script: its result and every request it sent, in order. */
  /**
   * What a client did on a script: its result and every request it sent, in order; or, if its query
   * threw, what it threw (then {@link #completed()} throws it again).
   */
  record Run(ClientResult result, List<byte[]> sent, RuntimeException thrown) {

    Run(ClientResult result, List<byte[]> sent) {
      this(result, sent, null);
    }

    /** The first request, whatever came after it: a request that was right keeps its points. */
    byte[] firstRequest() {
      return sent.isEmpty() ? null : sent.get(0);
    }

    /** This run, if the query returned; else what it threw. */
    Run completed() {
      if (thrown != null) {
        throw thrown;
      }
      return this;
    }
  }

  private final Script script;
  private final VirtualClock clock;
  private final List<byte[]> requests = new ArrayList<>();
  private final Deque<Datagram> pending = new ArrayDeque<>();
  private Instant sentAt;
  private byte[] lastRequest;
  private int receives;

  private ScriptedServer(Script script) {
    this.script = script;
    this.clock = new VirtualClock(script.start());
  }

  /** The reference, {@link SntpClient} with T1 in the transmit field, on {@code script}. */
  static Run reference(Script script, int version) {
    ScriptedServer server = new ScriptedServer(script);
    Transport transport = ScriptedTransports.forReference(SERVER, server::send, server::receive);
    Ticker ticker =
        new Ticker() {
          @Override
          public long nanos() {
            return Duration.between(script.start(), server.clock.instant()).toNanos();
          }

          @Override
          public void sleep(Duration duration) {
            server.clock.advance(duration);
          }
        };
    SntpClient client = new SntpClient(transport, server.clock, ticker, new SplittableRandom(0));
    try {
      QueryResult outcome =
          client.query(
              SERVER,
              SntpClient.Options.DEFAULTS
                  .withVersion(version)
                  .withTimeout(WAIT)
                  .withAttempts(ClientLab.ATTEMPTS)
                  .withClassic(true));
      return new Run(result(outcome), List.copyOf(server.requests));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The student's client on {@code script}; the requests are copies of what it sent, as sent. */
  static Run student(ClientLab lab, Script script, int version) {
    ScriptedServer server = new ScriptedServer(script);
    LabTransport transport = ScriptedTransports.forStudent(server::send, server::receive);
    try {
      return new Run(
          lab.query(transport, server.clock, version, WAIT), List.copyOf(server.requests));
    } catch (IOException e) {
      return new Run(null, List.copyOf(server.requests), new UncheckedIOException(e));
    } catch (ChannelClosed e) {
      throw e; // the student's process is gone: no request of it can be believed either
    } catch (RuntimeException e) {
      return new Run(null, List.copyOf(server.requests), e);
    }
  }

  /** The reference's outcome in the lab's terms. */
  static ClientResult result(QueryResult outcome) {
    if (outcome instanceof QueryResult.Answered a) {
      Sample s = a.sample();
      return new ClientResult.Answered(
          s.t1().bits(),
          s.t2().bits(),
          s.t3().bits(),
          s.t4().bits(),
          s.offsetNanos(),
          s.delayNanos(),
          a.reply().stratum(),
          Integer.toUnsignedLong(a.reply().referenceId().bits()));
    }
    if (outcome instanceof QueryResult.KissOfDeath k) {
      return new ClientResult.KissOfDeath(k.code().code());
    }
    return new ClientResult.NoAnswer();
  }

  /** A reply made from {@code reply}, its origin set to the transmit timestamp of the request. */
  static UnaryOperator<byte[]> answering(byte[] reply) {
    return request -> {
      byte[] out = reply.clone();
      System.arraycopy(request, 40, out, 24, 8);
      return out;
    };
  }

  private void send(byte[] request) {
    if (requests.size() >= MAX_SENDS) {
      throw new IllegalStateException(
          "more than "
              + MAX_SENDS
              + " requests sent in one query (at most "
              + ClientLab.ATTEMPTS
              + " are wanted)");
    }
    byte[] copy = request == null ? new byte[0] : request.clone();
    sentAt = clock.instant();
    lastRequest = copy;
    pending.clear();
    // A server drops what is not a client request, as the lab server and chronyd do.
    if (copy.length >= 48 && (copy[0] & 7) == 3) {
      pending.addAll(script.after(requests.size()));
    }
    requests.add(copy);
  }

  private Optional<byte[]> receive() {
    if (++receives > MAX_RECEIVES) {
      throw new IllegalStateException(
          "receive called "
              + MAX_RECEIVES
              + " times in one query: an empty receive must end the attempt");
    }
    Datagram next = pending.poll();
    if (next == null) {
      clock.advance(WAIT);
      return Optional.empty();
    }
    clock.set(sentAt.plus(next.after()));
    return Optional.of(
        next.make().apply(Arrays.copyOf(lastRequest, Math.max(48, lastRequest.length))));
  }

  /** A clock that shows what it is set to. */
  static final class VirtualClock extends Clock {
    private volatile Instant now;

    VirtualClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this; // only instant() matters here
    }
  }
}
