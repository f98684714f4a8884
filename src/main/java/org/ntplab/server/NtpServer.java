package org.ntplab.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.random.RandomGenerator;
import org.ntplab.auth.Keyring;
import org.ntplab.net.Addresses;
import org.ntplab.server.Disposition.Drop;
import org.ntplab.server.Disposition.Reply;
import org.ntplab.wire.NtpTimestamp;

/**
 * The lab NTP server on UDP, with an optional RFC 868 TIME service (UDP and TCP) beside it.
 *
 * <p>One thread runs one loop over a {@link Selector}: it reads every datagram, stamps its arrival
 * from the clock right after {@code receive} returns, lets {@link Responder} decide, and sends the
 * reply (or queues it when a delay fault holds it). Nothing a client sends can stop the loop: every
 * datagram that is not answered is counted under a {@link DropReason}, and a line goes to the log
 * at most once a second per reason.
 *
 * <p>{@code start(ServerConfig.loopback(), Clock.systemUTC())} serves on 127.0.0.1 at a free port,
 * which {@link #address()} tells; {@link #close()} stops it.
 */
public final class NtpServer implements AutoCloseable {

  /** Datagrams read per wake-up before the other channels get a turn. */
  private static final int BATCH = 64;

  /**
   * Replies that a delay fault may hold at once; beyond this, requests are dropped (QUEUE_FULL).
   */
  private static final int MAX_HELD = 10_000;

  /** Large enough for any UDP payload, so no request is silently truncated. */
  private static final int MAX_DATAGRAM = 65_536;

  private final ServerConfig config;
  private final Clock clock;
  private final Clock servedClock;
  private final Responder responder;
  private final RateLimiter timeLimiter;
  private final ThrottledLog log;
  private final Selector selector;
  // Direct, so the kernel reads into them and sends from them: a heap buffer costs a copy through
  // a temporary direct one on every receive and every send.
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final ByteBuffer outgoing = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private final PriorityQueue<Held> held =
      new PriorityQueue<>(
          Comparator.comparingLong(Held::dueNanos).thenComparingLong(Held::sequence));
  private final Thread thread;

  private final AtomicLong received = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong kisses = new AtomicLong();
  private final AtomicLongArray dropped = new AtomicLongArray(DropReason.values().length);
  private final AtomicLong timeAnswered = new AtomicLong();
  private final AtomicLong timeDropped = new AtomicLong();
  private final AtomicLong signed = new AtomicLong();
  private final AtomicLong unknownKeyNaks = new AtomicLong();
  private final AtomicLong badMacNaks = new AtomicLong();

  private DatagramChannel ntp;
  private DatagramChannel timeUdp;
  private ServerSocketChannel timeTcp;
  // Kept from binding, so that they can still be read after close().
  private InetSocketAddress ntpAddress;
  private InetSocketAddress timeUdpAddress;
  private InetSocketAddress timeTcpAddress;
  private long sequence;
  private volatile boolean closed;

  /** A reply a delay fault is holding until {@code dueNanos} ({@link System#nanoTime()}). */
  private record Held(long dueNanos, long sequence, Reply reply, InetSocketAddress to) {}

  private NtpServer(ServerConfig config, Clock clock, RandomGenerator random, PrintWriter log)
      throws IOException {
    this.config = config;
    this.clock = clock;
    this.servedClock = Clock.offset(clock, config.faults().offset());
    this.responder = new Responder(config, clock, random);
    this.timeLimiter = new RateLimiter(config.rateLimit().withKissOfDeath(false));
    this.log = new ThrottledLog(log);
    this.selector = Selector.open();
    this.thread = new Thread(this::loop, "ntplab-server");
    thread.setDaemon(true); // a server someone forgot to close must not keep the JVM alive
  }

  /**
   * Starts a server that logs nowhere and draws simulated loss from a {@link SplittableRandom}. Not
   * {@code RandomGenerator.getDefault()}: that one is found by a search of every jar on the class
   * path for a service file, which is most of the start of {@code inspect}'s built-in server.
   */
  public static NtpServer start(ServerConfig config, Clock clock) throws IOException {
    return start(config, clock, new SplittableRandom(), new PrintWriter(Writer.nullWriter()));
  }

  /**
   * Binds the sockets and starts serving.
   *
   * @param clock the true time; the offset fault is applied on top of it
   * @param random draws the loss fault (seed it in tests)
   * @param log where drops and errors are reported, one line at most per reason per second
   * @throws BindException naming the address and protocol, when a port is taken or needs root
   */
  public static NtpServer start(
      ServerConfig config, Clock clock, RandomGenerator random, PrintWriter log)
      throws IOException {
    NtpServer server = new NtpServer(config, clock, random, log);
    try {
      server.bind();
    } catch (IOException | RuntimeException e) {
      server.closeChannels();
      throw e;
    }
    server.thread.start();
    return server;
  }

  /** The bound NTP address, with the real port when the config asked for port 0. */
  public InetSocketAddress address() {
    return ntpAddress;
  }

  /** The bound TIME address over UDP, if the TIME service is on. */
  public Optional<InetSocketAddress> timeUdpAddress() {
    return Optional.ofNullable(timeUdpAddress);
  }

  /** The bound TIME address over TCP, if the TIME service is on (the UDP port when it was free). */
  public Optional<InetSocketAddress> timeTcpAddress() {
    return Optional.ofNullable(timeTcpAddress);
  }

  public ServerConfig config() {
    return config;
  }

  /** The precision the replies carry, log2 seconds: configured, or measured at start. */
  public int precision() {
    return responder.precision();
  }

  public ServerStats stats() {
    Map<DropReason, Long> byReason = new EnumMap<>(DropReason.class);
    for (DropReason reason : DropReason.values()) {
      long count = dropped.get(reason.ordinal());
      if (count > 0) {
        byReason.put(reason, count);
      }
    }
    return new ServerStats(
        received.get(),
        answered.get(),
        kisses.get(),
        responder.limiter().limited(),
        byReason,
        timeAnswered.get(),
        timeDropped.get(),
        signed.get(),
        unknownKeyNaks.get(),
        badMacNaks.get());
  }

  /**
   * What is being served, for a person: {@code NTP on 127.0.0.1:1123 (stratum 3, refid 127.127.1.1;
   * keys 1 MD5, 2 SHA1), TIME on port 37 (UDP and TCP)}.
   */
  public String describe() {
    StringBuilder text = new StringBuilder("NTP on ").append(Addresses.text(address()));
    if (config.faults().unsynchronized()) {
      text.append(" (unsynchronized: stratum 0, refid INIT");
    } else {
      text.append(" (stratum ")
          .append(config.stratum())
          .append(", refid ")
          .append(config.referenceId().render(config.stratum(), 4));
    }
    text.append(keys()).append(')');
    if (timeUdpAddress != null) {
      int udp = timeUdpAddress.getPort();
      int tcp = timeTcpAddress.getPort();
      text.append(", TIME on ")
          .append(
              udp == tcp
                  ? "port " + udp + " (UDP and TCP)"
                  : "UDP port " + udp + " and TCP port " + tcp);
    }
    return text.toString();
  }

  /** {@code ; keys 1 MD5, 2 SHA1}, or a count when there are many; empty without keys. */
  private String keys() {
    Keyring keys = config.keys();
    if (keys.isEmpty()) {
      return "";
    }
    if (keys.size() > 4) {
      return "; " + keys.size() + " keys";
    }
    List<String> each = new ArrayList<>();
    for (long id : keys.ids()) {
      each.add(id + " " + keys.find(id).orElseThrow().algorithm());
    }
    return (keys.size() == 1 ? "; key " : "; keys ") + String.join(", ", each);
  }

  /** Stops serving and releases the ports; replies still held by a delay fault are not sent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    selector.wakeup();
    if (Thread.currentThread() != thread && thread.isAlive()) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeChannels();
  }

  // ---- binding -------------------------------------------------------------------------------

  private void bind() throws IOException {
    InetSocketAddress where = config.bind();
    if (where.isUnresolved()) {
      throw new UnknownHostException(
          "cannot listen on " + where.getHostString() + ": unknown host");
    }
    ntp = Sockets.openUdp(where);
    ntp.register(selector, SelectionKey.OP_READ);
    ntpAddress = Sockets.localAddress(ntp);
    if (config.timePort() != ServerConfig.NO_TIME_SERVICE) {
      timeUdp = Sockets.openUdp(new InetSocketAddress(where.getAddress(), config.timePort()));
      timeUdp.register(selector, SelectionKey.OP_READ);
      timeUdpAddress = Sockets.localAddress(timeUdp);
      timeTcp =
          Sockets.openTcp(
              where.getAddress(),
              config.timePort() == 0 ? timeUdpAddress.getPort() : config.timePort(),
              config.timePort() == 0);
      timeTcp.register(selector, SelectionKey.OP_ACCEPT);
      timeTcpAddress = Sockets.localAddress(timeTcp);
    }
  }

  private void closeChannels() {
    for (AutoCloseable c : new AutoCloseable[] {ntp, timeUdp, timeTcp, selector}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // closing: nothing left to tell anyone
      }
    }
  }

  // ---- the loop ------------------------------------------------------------------------------

  private void loop() {
    try {
      while (!closed) {
        try {
          waitForWork();
          for (SelectionKey key : selector.selectedKeys()) {
            if (!key.isValid()) {
              continue;
            }
            if (key.channel() == ntp) {
              receiveNtp();
            } else if (key.channel() == timeUdp) {
              receiveTime();
            } else if (key.channel() == timeTcp) {
              acceptTime();
            }
          }
          selector.selectedKeys().clear();
          sendHeld();
        } catch (ClosedSelectorException e) {
          return;
        } catch (IOException | RuntimeException e) {
          if (!closed) {
            log.log(DropReason.INTERNAL_ERROR, "server loop: " + e);
          }
        }
      }
    } finally {
      closeChannels();
    }
  }

  private void waitForWork() throws IOException {
    Held next = held.peek();
    if (next == null) {
      selector.select();
      return;
    }
    long wait = next.dueNanos() - System.nanoTime();
    if (wait <= 0) {
      selector.selectNow();
    } else {
      selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
    }
  }

  private void receiveNtp() throws IOException {
    for (int i = 0; i < BATCH; i++) {
      buffer.clear();
      SocketAddress from = ntp.receive(buffer);
      if (from == null) {
        return;
      }
      Instant arrival = clock.instant(); // T2: as soon after the datagram came in as Java can tell
      long arrivalNanos = System.nanoTime();
      received.incrementAndGet();
      byte[] request = new byte[buffer.position()];
      buffer.get(0, request);
      answer(request, (InetSocketAddress) from, arrival, arrivalNanos);
    }
  }

  private void answer(byte[] request, InetSocketAddress from, Instant arrival, long arrivalNanos) {
    Disposition outcome;
    try {
      outcome = responder.respond(request, from, arrival);
    } catch (RuntimeException e) { // a bug of ours must cost one datagram, not the server
      outcome = new Drop(DropReason.INTERNAL_ERROR, e.toString());
    }
    if (outcome instanceof Drop drop) {
      drop(drop, from);
    } else if (outcome instanceof Reply reply) {
      if (reply.hold().isZero()) {
        send(reply, from);
      } else if (held.size() >= MAX_HELD) {
        drop(new Drop(DropReason.QUEUE_FULL, held.size() + " replies held"), from);
      } else {
        held.add(new Held(arrivalNanos + reply.hold().toNanos(), sequence++, reply, from));
      }
    }
  }

  private void sendHeld() {
    long now = System.nanoTime();
    while (!held.isEmpty() && held.peek().dueNanos() - now <= 0) {
      Held next = held.poll();
      send(next.reply(), next.to());
    }
  }

  private void send(Reply reply, InetSocketAddress to) {
    try {
      byte[] bytes = responder.encode(reply); // reads the clock for T3
      outgoing.clear();
      if (ntp.send(outgoing.put(bytes).flip(), to) == 0) {
        drop(new Drop(DropReason.SEND_FAILED, "socket send buffer full"), to);
        return;
      }
      answered.incrementAndGet();
      if (reply.kissOfDeath()) {
        kisses.incrementAndGet();
      }
      if (reply.auth() instanceof ReplyAuth.Signed) {
        signed.incrementAndGet();
      } else if (reply.auth() instanceof ReplyAuth.CryptoNak nak) {
        (nak.reason() == ReplyAuth.Reason.UNKNOWN_KEY ? unknownKeyNaks : badMacNaks)
            .incrementAndGet();
      }
    } catch (IOException | RuntimeException e) {
      drop(new Drop(DropReason.SEND_FAILED, e.toString()), to);
    }
  }

  private void drop(Drop drop, InetSocketAddress from) {
    dropped.incrementAndGet(drop.reason().ordinal());
    log.log(drop.reason(), () -> "dropped a datagram from " + Addresses.text(from) + ": " + drop);
  }

  // ---- RFC 868 TIME --------------------------------------------------------------------------

  private void receiveTime() throws IOException {
    for (int i = 0; i < BATCH; i++) {
      buffer.clear();
      SocketAddress from = timeUdp.receive(buffer);
      if (from == null) {
        return;
      }
      Instant now = clock.instant();
      InetSocketAddress client = (InetSocketAddress) from;
      // Any datagram asks for the time (RFC 868), so the reply may outgrow the request: the rate
      // limit is what keeps this from being a reflector.
      if (client.getPort() == 0
          || timeLimiter.check(client.getAddress(), now) != RateLimiter.Decision.PASS) {
        timeDropped.incrementAndGet();
        continue;
      }
      try {
        timeUdp.send(ByteBuffer.wrap(timeProtocol(servedClock.instant())), client);
        timeAnswered.incrementAndGet();
      } catch (IOException e) {
        timeDropped.incrementAndGet();
        log.log(DropReason.SEND_FAILED, "TIME reply to " + Addresses.text(client) + ": " + e);
      }
    }
  }

  private void acceptTime() {
    for (int i = 0; i < BATCH; i++) {
      try (SocketChannel connection = timeTcp.accept()) {
        if (connection == null) {
          return;
        }
        // A fresh socket's send buffer takes 4 bytes at once: this write cannot block.
        connection.write(ByteBuffer.wrap(timeProtocol(servedClock.instant())));
        timeAnswered.incrementAndGet();
      } catch (IOException e) {
        timeDropped.incrementAndGet();
        log.log(DropReason.SEND_FAILED, "TIME over TCP: " + e);
      }
    }
  }

  /** RFC 868: whole seconds since 1900, 32 bits big-endian, wrapping in 2036 like NTP's era. */
  static byte[] timeProtocol(Instant now) {
    return ByteBuffer.allocate(4).putInt((int) NtpTimestamp.from(now).seconds()).array();
  }
}
