package org.ntplab.load;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ntplab.net.Addresses;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpHeader;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.ReferenceId;

/**
 * Runs a {@link LoadPlan} from one thread over one connected UDP socket: it keeps the window full,
 * reads every reply that has come before it sends again (so a burst of replies costs one wait), and
 * matches each reply to its request by the origin timestamp, which carries the request's nonce.
 *
 * <p>A nonce is a random 32-bit tag of this run followed by the request's 32-bit sequence number,
 * and requests live in a ring indexed by that number: matching costs an array lookup, and a reply
 * to a request already counted lost is counted late, never taken for another request's. A request
 * is lost when its timeout passes (or, at rates beyond a million requests per timeout, when the
 * ring needs its place).
 */
public final class LoadGenerator {

  private static final int RING_BITS = 20;
  private static final int RING = 1 << RING_BITS;
  private static final int MASK = RING - 1;

  /** Asked of the kernel; it grants at most net.core.rmem_max / wmem_max. */
  private static final int SOCKET_BUFFER = 4 << 20;

  private static final int MAX_DATAGRAM = 65_536;
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final byte FREE = 0;
  private static final byte PENDING = 1;
  private static final byte ANSWERED = 2;
  private static final byte LOST = 3;

  private final LoadPlan plan;
  private final long timeoutNanos;
  private final long tag;
  private final long[] sentAt = new long[RING];
  private final int[] sequenceOf = new int[RING];
  private final byte[] state = new byte[RING];
  private final boolean[] counted = new boolean[RING];
  private final Histogram rtt = new Histogram();
  private final Histogram serverTime = new Histogram();
  private final Map<String, Long> kisses = new TreeMap<>();
  private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final ByteBuffer in = ByteBuffer.allocateDirect(MAX_DATAGRAM);

  private long next;
  private long oldest;
  private int inFlight;
  private boolean measuring;
  private boolean answeredAny;
  private long sent;
  private long replies;
  private long lost;
  private long late;
  private long duplicates;
  private long unmatched;
  private long warmupReplies;

  private LoadGenerator(LoadPlan plan, int tag) {
    this.plan = plan;
    this.timeoutNanos = plan.timeout().toNanos();
    this.tag = (long) tag << 32;
  }

  /** Runs the plan without progress reports. */
  public static LoadResult run(LoadPlan plan) throws IOException {
    return run(plan, tick -> {});
  }

  /**
   * Runs the plan: the warmup, then {@link LoadPlan#duration()} of counted requests, then up to a
   * timeout more for the last replies.
   *
   * @param progress told of each counted second as it ends, from the calling thread
   * @throws PortUnreachableException when the target answers the first requests with ICMP port
   *     unreachable (nothing listens there); later ones are counted as lost
   * @throws IOException when the socket fails (no route to the host...)
   */
  public static LoadResult run(LoadPlan plan, Consumer<Tick> progress) throws IOException {
    return new LoadGenerator(plan, new SplittableRandom().nextInt()).go(progress);
  }

  private LoadResult go(Consumer<Tick> progress) throws IOException {
    try (DatagramChannel channel =
            DatagramChannel.open(
                plan.target().getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6
                    : StandardProtocolFamily.INET);
        Selector selector = Selector.open()) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
      channel.connect(
          plan.target()); // the kernel drops datagrams from anyone else, and reports ICMP errors
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      return loop(channel, selector, progress);
    }
  }

  private LoadResult loop(DatagramChannel channel, Selector selector, Consumer<Tick> progress)
      throws IOException {
    long start = System.nanoTime();
    long measureFrom = start + plan.warmup().toNanos();
    long sendUntil = measureFrom + plan.duration().toNanos();
    long nextTick = measureFrom + TICK_NANOS;
    long stopped = 0;
    boolean sending = true;
    int second = 0;
    long tickSent = 0;
    long tickReplies = 0;
    while (true) {
      long now = System.nanoTime();
      if (!measuring && now - measureFrom >= 0) {
        measuring = true;
      }
      if (sending && now - sendUntil >= 0) {
        sending = false;
        stopped = now;
      }
      if (sending) {
        while (inFlight < plan.window() && send(channel)) {
          // fill the window
        }
      } else if (inFlight == 0) {
        break;
      }
      int read = receive(channel);
      now = System.nanoTime();
      expire(now);
      if (sending && measuring && now - nextTick >= 0) {
        progress.accept(new Tick(++second, sent - tickSent, replies - tickReplies, lost));
        tickSent = sent;
        tickReplies = replies;
        nextTick += TICK_NANOS;
      }
      if (read == 0 && (inFlight >= plan.window() || !sending)) {
        // Once sending stops no ticks are due: wait for the last replies or their timeout alone.
        long until = sending ? Math.min(nextTick, oldestDeadline(now)) : oldestDeadline(now);
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - now)));
        selector.selectedKeys().clear();
      }
    }
    Duration elapsed = Duration.ofNanos(stopped - measureFrom);
    return new LoadResult(
        plan.target(),
        plan.window(),
        elapsed,
        sent,
        replies,
        lost,
        late,
        duplicates,
        unmatched,
        kisses,
        warmupReplies,
        rtt.percentiles(),
        serverTime.percentiles());
  }

  /** Sends the next request; false when the socket's send buffer is full for now. */
  private boolean send(DatagramChannel channel) throws IOException {
    long sequence = next;
    while (sequence - oldest
        >= RING) { // a million requests in flight: the oldest gives up its place
      int slot = (int) oldest & MASK;
      if (state[slot] == PENDING) {
        lose(slot);
      }
      oldest++;
    }
    int slot = (int) sequence & MASK;
    out.clear();
    plan.requests().write(out, tag | (sequence & 0xffff_ffffL));
    out.flip();
    long now = System.nanoTime(); // before the send, as T1 is: the RTT includes the send's own cost
    try {
      if (channel.write(out) == 0) {
        return false;
      }
    } catch (PortUnreachableException e) { // an earlier request's ICMP error, reported on this call
      unreachable(e);
      return false;
    }
    sequenceOf[slot] = (int) sequence;
    state[slot] = PENDING;
    counted[slot] = measuring;
    sentAt[slot] = now;
    next++;
    inFlight++;
    if (measuring) {
      sent++;
    }
    return true;
  }

  /** Reads every datagram that has arrived; returns how many. */
  private int receive(DatagramChannel channel) throws IOException {
    int count = 0;
    while (true) {
      in.clear();
      try {
        if (channel.read(in) <= 0) {
          return count;
        }
      } catch (PortUnreachableException e) {
        unreachable(e);
        continue;
      }
      long now = System.nanoTime();
      count++;
      reply(in.flip(), now);
    }
  }

  private void reply(ByteBuffer reply, long now) {
    if (reply.remaining() < NtpPacket.HEADER_LENGTH) {
      unmatched++;
      return;
    }
    long origin = reply.getLong(NtpHeader.ORIGIN_TIME);
    int slot = (int) origin & MASK;
    if ((origin & 0xffff_ffff_0000_0000L) != tag
        || sequenceOf[slot] != (int) origin
        || state[slot] == FREE) {
      unmatched++;
      return;
    }
    if (state[slot] != PENDING) {
      if (counted[slot]) {
        if (state[slot] == LOST) {
          late++;
        } else {
          duplicates++;
        }
      }
      return;
    }
    state[slot] = ANSWERED;
    inFlight--;
    answeredAny = true;
    if (!counted[slot]) {
      warmupReplies++;
      return;
    }
    replies++;
    rtt.record(now - sentAt[slot]);
    // A kiss-o'-death as NtpPacket.kissCode() reads one: stratum 0, an ASCII code, not a request.
    Optional<KissCode> kiss =
        (reply.get(NtpHeader.STRATUM) & 0xff) != 0
                || Mode.of(reply.get(NtpHeader.FIRST_BYTE)) == Mode.CLIENT
            ? Optional.empty()
            : KissCode.from(new ReferenceId(reply.getInt(NtpHeader.REFERENCE_ID)));
    if (kiss.isPresent()) {
      kisses.merge(kiss.get().code(), 1L, Long::sum);
      return;
    }
    serverTime.record(
        new NtpTimestamp(reply.getLong(NtpHeader.TRANSMIT_TIME))
            .nanosSince(new NtpTimestamp(reply.getLong(NtpHeader.RECEIVE_TIME))));
  }

  /**
   * Counts as lost every request whose timeout has passed; they are the oldest, so this stops at
   * the first that has not.
   */
  private void expire(long now) {
    while (oldest < next) {
      int slot = (int) oldest & MASK;
      if (state[slot] == PENDING) {
        if (now - sentAt[slot] < timeoutNanos) {
          return;
        }
        lose(slot);
      }
      oldest++;
    }
  }

  /**
   * When the oldest request in flight times out, or a timeout from now when none is; right after
   * {@link #expire}, which leaves {@code oldest} at the first pending request (or at {@code next}).
   */
  private long oldestDeadline(long now) {
    return oldest < next ? sentAt[(int) oldest & MASK] + timeoutNanos : now + timeoutNanos;
  }

  private void lose(int slot) {
    state[slot] = LOST;
    inFlight--;
    if (counted[slot]) {
      lost++;
    }
  }

  private void unreachable(PortUnreachableException e) throws PortUnreachableException {
    if (!answeredAny) {
      PortUnreachableException failure =
          new PortUnreachableException(
              Addresses.text(plan.target()) + ": port unreachable (ICMP): no server listens there");
      failure.initCause(e);
      throw failure;
    }
  }
}
