package org.ntplab.client;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ntplab.auth.MacCheck;
import org.ntplab.sync.Problem;
import org.ntplab.sync.ReplyCheck.Rejected;
import org.ntplab.sync.Sample;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * What one SNTP query came to: time ({@link Answered}), a kiss-o'-death instead of time ({@link
 * KissOfDeath}), or nothing that passed the reply checks ({@link NoAnswer}).
 */
public sealed interface QueryResult permits QueryResult.Exchange, QueryResult.NoAnswer {

  /** The server that was asked. */
  InetSocketAddress server();

  /** How many requests were sent, 1 plus the retries. */
  int attempts();

  /**
   * Datagrams that failed {@link org.ntplab.sync.ReplyCheck} on the way, in arrival order (the
   * first 100).
   */
  List<Rejected> ignored();

  /**
   * A request and the reply to it, with the client's own times. {@code t1} and {@code t4} are the
   * clock's readings, with their era and to the nanosecond; {@link #t1Timestamp()} is T1 as an NTP
   * timestamp, which differs from the request's transmit field when that carried a nonce.
   */
  sealed interface Exchange extends QueryResult permits Answered, KissOfDeath {
    byte[] requestBytes();

    byte[] replyBytes();

    NtpPacket reply();

    Instant t1();

    Instant t4();

    default NtpTimestamp t1Timestamp() {
      return NtpTimestamp.from(t1());
    }

    default NtpTimestamp t4Timestamp() {
      return NtpTimestamp.from(t4());
    }

    /** What checking the reply's MAC found; empty when the request was not signed. */
    Optional<MacCheck> authentication();
  }

  /**
   * The server answered with time. {@code problems} says whether that time is fit to use ({@link
   * org.ntplab.sync.Fitness}, and a failed {@code authentication} first); empty means it is.
   */
  record Answered(
      InetSocketAddress server,
      byte[] requestBytes,
      byte[] replyBytes,
      NtpPacket reply,
      Sample sample,
      List<Problem> problems,
      Optional<MacCheck> authentication,
      Instant t1,
      Instant t4,
      int attempts,
      List<Rejected> ignored)
      implements Exchange {

    public Answered {
      requestBytes = requestBytes.clone();
      replyBytes = replyBytes.clone();
      problems = List.copyOf(problems);
      ignored = List.copyOf(ignored);
    }

    @Override
    public byte[] requestBytes() {
      return requestBytes.clone();
    }

    @Override
    public byte[] replyBytes() {
      return replyBytes.clone();
    }
  }

  /**
   * The server sent a kiss code instead of time (stratum 0, RFC 5905 §7.4). What the caller must do
   * is {@link #action()}: after DENY or RSTR stop using this server; after RATE wait longer before
   * asking again (never retry at once).
   */
  record KissOfDeath(
      InetSocketAddress server,
      byte[] requestBytes,
      byte[] replyBytes,
      NtpPacket reply,
      Optional<MacCheck> authentication,
      Instant t1,
      Instant t4,
      int attempts,
      List<Rejected> ignored)
      implements Exchange {

    public KissOfDeath {
      if (reply.kissCode().isEmpty()) {
        throw new IllegalArgumentException(
            "not a kiss-o'-death: stratum "
                + reply.stratum()
                + ", reference ID "
                + reply.referenceId().hex());
      }
      requestBytes = requestBytes.clone();
      replyBytes = replyBytes.clone();
      ignored = List.copyOf(ignored);
    }

    public KissCode code() {
      return reply.kissCode().orElseThrow();
    }

    public KissCode.Action action() {
      return code().action();
    }

    /** One line: the code, its meaning and what to do, as {@link Problem.KissOfDeath} words it. */
    public String describe() {
      return new Problem.KissOfDeath(code()).describe();
    }

    @Override
    public byte[] requestBytes() {
      return requestBytes.clone();
    }

    @Override
    public byte[] replyBytes() {
      return replyBytes.clone();
    }
  }

  /** Every attempt timed out; {@code ignored} lists what came but was not the reply. */
  record NoAnswer(InetSocketAddress server, int attempts, List<Rejected> ignored)
      implements QueryResult {
    public NoAnswer {
      ignored = List.copyOf(ignored);
    }
  }
}
