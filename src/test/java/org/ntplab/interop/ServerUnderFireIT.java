package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.interop.Flood.Kind;
import org.ntplab.server.RateLimit;

/**
 * {@code ntplab serve}, in a JVM of its own with its default rate limit, under a loopback flood at
 * full rate of which about 20% is hostile ({@link Flood}), while chronyd in query mode and our own
 * probes (from sources the flood does not use) ask it the time: it answers them, does not crash,
 * keeps its memory flat and its rate-limit table within bounds, counts every datagram under the
 * right reason, sends no reply larger than its request and none to mode 6 or 7.
 *
 * <p>The flood comes in two parts, with a full GC between them and after the second (a class
 * histogram taken by {@code jcmd}): the first fills the rate-limit table with spoofed sources, so
 * the live heap after it is the baseline the second must not grow. Prints its figures (SECURITY.md
 * records them); {@code bench/soak.sh} runs the same for longer.
 */
class ServerUnderFireIT {

  private static final Duration FIRST = Duration.ofSeconds(Long.getLong("ntplab.soak.first", 8));
  private static final Duration SECOND =
      Duration.ofSeconds(Long.getLong("ntplab.soak.seconds", 22));

  /** Datagrams per second; 0 (the default): as fast as one thread sends them. */
  private static final long RATE = Long.getLong("ntplab.soak.rate", 0);

  /**
   * The probes' sources: 16 of them, each asking once per 4 s, well within the default limit (burst
   * 8, 1/s).
   */
  private static final int PROBE_SOURCES = 16;

  private static final Duration PROBE_EVERY = Duration.ofMillis(250);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  /**
   * The share of probes that must be answered. In CI, 85%: a flood at full rate on a machine busy
   * with other builds loses a few probes however well the server does (92–100% in SECURITY.md's
   * busy runs), while the one regression seen, a socket buffer too small, answered 76–81%. {@code
   * bench/soak.sh}, run on a quiet machine, asks for 99%.
   */
  private static final double ANSWERED =
      Double.parseDouble(System.getProperty("ntplab.soak.answered", "0.85"));

  /**
   * Growth of the live heap allowed from the first full GC to the last: a leak of one object per
   * datagram is far more.
   */
  private static final long HEAP_GROWTH_LIMIT = 4L << 20;

  /** The rate limiter's per-client entry, as {@code jcmd GC.class_histogram} names it. */
  private static final String TABLE_ENTRY = "org.ntplab.server.RateLimiter$Client";

  private static final Pattern CHRONYD_OFFSET =
      Pattern.compile("System clock wrong by (-?\\d+\\.\\d+) seconds");

  @Test
  void answersRealClientsThroughAHostileFloodWithFlatMemoryAndRightCounters(@TempDir Path dir)
      throws Exception {
    InetSocketAddress address =
        new InetSocketAddress(Peers.LOOPBACK, Peers.freePort(Peers.LOOPBACK));
    try (ServeProcess serve = ServeProcess.start(address, 128, dir)) {
      Flood flood = new Flood(address, RATE);
      Probes probes = new Probes(address);
      Chronyd chronyd = new Chronyd(address);
      List<Long> rss = new CopyOnWriteArrayList<>();
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler =
          daemon(
              "rss",
              () -> {
                while (sampling.get() && serve.isAlive()) {
                  rss.add(serve.residentKb());
                  sleepQuietly(1000);
                }
              });
      probes.start();
      chronyd.start();

      long started = System.nanoTime();
      flood.send(FIRST, 2 * RateLimit.DEFAULT.maxClients()); // the table full before the baseline
      ServeProcess.Heap baseline = serve.liveHeap();
      long rssAtBaseline = serve.residentKb();
      flood.send(SECOND, 0);
      double seconds = (System.nanoTime() - started) / 1e9;
      probes.stop();
      chronyd.stop();
      ServeProcess.Heap end = serve.liveHeap();
      sampling.set(false);
      sampler.join();
      long socketDrops = serve.socketDrops();
      Map<String, Long> counters = serve.counters();
      boolean alive = serve.isAlive();

      long received = counters.getOrDefault("received", -1L);
      long malformedSent =
          flood.sent(Kind.GARBAGE) + flood.sent(Kind.TRUNCATED) + flood.sent(Kind.EXTENSION_JUNK);
      long asked = flood.sentTotal() + probes.sent();
      String figures =
          String.format(
              """
          ServerUnderFireIT: %.1f s, %d datagrams sent (%.0f/s) %s; kernel dropped %d at the server's socket
            server: %s
            probes answered %d of %d; chronyd -Q runs that got an offset %d of %d
            flooder got %d replies (%d kiss-o'-death RATE); larger than the request %d, to what must go unanswered %d, unmatched %d, too late to check %d
            live heap after full GC: %d kB after the first %d s, %d kB at the end; rate-limit table entries %d then %d (limit %d); spoofed sources %d
            RSS kB (1/s): %s; at the baseline %d
          """,
              seconds,
              flood.sentTotal(),
              flood.sentTotal() / seconds,
              flood.sent(),
              socketDrops,
              serve
                  .output()
                  .lines()
                  .filter(l -> l.startsWith("stats: "))
                  .reduce((a, b) -> b)
                  .orElse("?"),
              probes.answered(),
              probes.sent(),
              chronyd.succeeded(),
              chronyd.runs(),
              flood.replies(),
              flood.kisses(),
              flood.largerThanRequest(),
              flood.toUnanswerable(),
              flood.unmatched(),
              flood.late(),
              baseline.bytes() / 1024,
              FIRST.toSeconds(),
              end.bytes() / 1024,
              baseline.instances(TABLE_ENTRY),
              end.instances(TABLE_ENTRY),
              RateLimit.DEFAULT.maxClients(),
              flood.sent(Kind.SPOOFED),
              rss,
              rssAtBaseline);
      System.out.println(figures);

      assertAll(
          figures + "\n--- serve printed ---\n" + tail(serve.output()),
          () -> assertTrue(alive, "ntplab serve is still running"),
          () -> assertTrue(!serve.output().contains("Exception"), "no exception in its output"),
          () ->
              assertTrue(
                  probes.sent() >= 50 && probes.answered() >= Math.ceil(ANSWERED * probes.sent()),
                  "at least " + Math.round(ANSWERED * 100) + "% of the probes answered"),
          () ->
              assertTrue(
                  chronyd.runs() >= 1 && chronyd.succeeded() == chronyd.runs(),
                  "every chronyd -Q run got an offset: " + chronyd.failures()),
          () -> assertEquals(0, flood.largerThanRequest(), "replies larger than their request"),
          () ->
              assertEquals(
                  0,
                  flood.toUnanswerable(),
                  "replies to garbage, truncated, junk, mode 6 or mode 7"),
          () -> assertEquals(0, flood.unmatched(), "replies that answer no request of ours"),
          () -> assertTrue(flood.kisses() >= 1, "the flooder, over its limit, was told RATE"),
          () ->
              assertTrue(
                  counters.getOrDefault("kiss-o'-death", 0L) <= seconds / 8 + 2,
                  "at most one kiss per 8 s to the one source over its limit: a flood cannot aim them"),
          () ->
              assertTrue(
                  flood.sent(Kind.SPOOFED) > RateLimit.DEFAULT.maxClients(),
                  "more spoofed sources than the table holds"),
          // Full, not just bounded: more spoofed sources came than it holds (and an entry class
          // renamed, which jcmd would count as none, fails here instead of passing).
          () ->
              assertEquals(
                  RateLimit.DEFAULT.maxClients(),
                  end.instances(TABLE_ENTRY),
                  "rate-limit table full and bounded"),
          () -> assertTrue(end.bytes() - baseline.bytes() <= HEAP_GROWTH_LIMIT, "live heap flat"),
          // Every datagram either reached the server or was dropped by the kernel; chronyd's are
          // the rest.
          () ->
              assertTrue(
                  received + socketDrops >= asked
                      && received + socketDrops <= asked + 32L * chronyd.runs(),
                  "received "
                      + received
                      + " + kernel drops "
                      + socketDrops
                      + " against "
                      + asked
                      + " sent and chronyd's"),
          () ->
              assertEquals(
                  received,
                  counters.get("answered") + counters.get("dropped"),
                  "received = answered + dropped"),
          () ->
              assertBetween(
                  malformedSent, socketDrops, counters.getOrDefault("malformed", 0L), "malformed"),
          () ->
              assertBetween(
                  flood.sent(Kind.CONTROL),
                  socketDrops,
                  counters.getOrDefault("control-mode-6", 0L),
                  "mode 6"),
          () ->
              assertBetween(
                  flood.sent(Kind.PRIVATE),
                  socketDrops,
                  counters.getOrDefault("private-mode-7", 0L),
                  "mode 7"),
          () -> assertEquals(0L, counters.getOrDefault("internal-error", 0L), "internal errors"),
          () ->
              assertEquals(
                  0L, counters.getOrDefault("not-a-client-request", 0L), "not a client request"));
    }
  }

  /** {@code counted} is what was sent of it, less at most what the kernel dropped. */
  private static void assertBetween(long sent, long socketDrops, long counted, String what) {
    assertTrue(
        counted <= sent && counted >= sent - socketDrops,
        what + ": counted " + counted + ", sent " + sent + ", kernel drops " + socketDrops);
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Client requests from 127.0.0.10 to 127.0.0.25 in turn, each waiting for its own reply: a nonce
   * in its transmit field.
   */
  private static final class Probes {
    private final InetSocketAddress server;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private Thread thread;

    Probes(InetSocketAddress server) {
      this.server = server;
    }

    void start() {
      thread = daemon("probes", this::run);
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    int sent() {
      return sent.get();
    }

    int answered() {
      return answered.get();
    }

    private void run() {
      int i = 0;
      while (running.get()) {
        long next = System.nanoTime() + PROBE_EVERY.toNanos();
        try {
          if (probe(
              InetAddress.getByAddress(
                  new byte[] {127, 0, 0, (byte) (10 + i++ % PROBE_SOURCES)}))) {
            answered.incrementAndGet();
          }
        } catch (IOException e) {
          // counted as unanswered
        }
        sleepQuietly(Math.max(0, (next - System.nanoTime()) / 1_000_000));
      }
    }

    private boolean probe(InetAddress source) throws IOException {
      long nonce = ThreadLocalRandom.current().nextLong() | 1;
      ByteBuffer request = ByteBuffer.allocate(48).put(0, (byte) 0x23).putLong(40, nonce);
      try (DatagramChannel channel = DatagramChannel.open();
          Selector selector = Selector.open()) {
        channel.bind(new InetSocketAddress(source, 0)).configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
        channel.send(request, server);
        sent.incrementAndGet();
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        ByteBuffer reply = ByteBuffer.allocate(1024);
        while (System.nanoTime() - deadline < 0) {
          selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
          selector.selectedKeys().clear();
          reply.clear();
          if (channel.receive(reply) != null
              && reply.position() >= 48
              && (reply.get(0) & 7) == 4
              && reply.getLong(24) == nonce
              && reply.get(1) != 0) {
            return true;
          }
        }
        return false;
      }
    }
  }

  /**
   * chronyd -Q asking the server (four samples, iburst) over and over; each run must find the
   * offset.
   */
  private static final class Chronyd {
    private final InetSocketAddress server;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private Thread thread;

    Chronyd(InetSocketAddress server) {
      this.server = server;
    }

    void start() {
      thread =
          daemon(
              "chronyd-runs",
              () -> {
                while (running.get()) {
                  Run chronyd =
                      Run.of(
                          Duration.ofSeconds(40),
                          Peers.withoutClockAccess(
                              List.of(
                                  "chronyd",
                                  "-Q",
                                  "-t",
                                  "20",
                                  "server "
                                      + server.getAddress().getHostAddress()
                                      + " port "
                                      + server.getPort()
                                      + " iburst maxsamples 4")));
                  runs.incrementAndGet();
                  if (chronyd.exitCode() == 0
                      && CHRONYD_OFFSET.matcher(chronyd.out() + chronyd.err()).find()) {
                    succeeded.incrementAndGet();
                  } else {
                    failures.add(chronyd.describe());
                  }
                }
              });
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    int runs() {
      return runs.get();
    }

    int succeeded() {
      return succeeded.get();
    }

    List<String> failures() {
      return List.copyOf(failures);
    }
  }
}
