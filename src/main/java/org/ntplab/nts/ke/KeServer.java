package org.ntplab.nts.ke;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bouncycastle.tls.TlsServerProtocol;
import org.ntplab.net.Addresses;
import org.ntplab.nts.CookieJar;

/**
 * An NTS-KE server (RFC 8915 §4): TLS 1.3 with ALPN {@code ntske/1} on a TCP port, each session a
 * request and its {@link KeAnswer}, cookies from the {@link CookieJar} the NTP server opens them
 * with.
 *
 * <p>One thread accepts; sessions run on a small pool, each within {@link Options#sessionLimit}, of
 * which the TLS handshake has at most {@link #HANDSHAKE_LIMIT} (a client that stops sending loses
 * its session, not a thread forever). The session's limit counts from the connection, time in the
 * queue included; the handshake's from when a thread takes the session, since it is there to bound
 * a thread's time: counted from the connection, it would be used up in the queue by a client
 * waiting behind silent ones. One client address (IPv6: its /64) holds at most {@value #PER_CLIENT}
 * sessions, running or queued, so that a host's silent connections cannot keep everyone else
 * waiting; its connections beyond that, and any when the pool and its queue are full, are closed at
 * once. What goes wrong in a session goes to the log in one line and never to the client, which
 * sees an Error record or the connection end.
 */
public final class KeServer implements AutoCloseable {

  /** The most a request may take: three records are some twenty bytes. */
  static final int MAX_REQUEST = 4096;

  /**
   * Sessions one client address (IPv6: its /64) may hold at once, running or queued: a client needs
   * one; a second lets it retry while the first is still closing.
   */
  static final int PER_CLIENT = 2;

  /**
   * The most the TLS handshake may take from when a thread takes the session, within the session's
   * limit: a legitimate client needs about two round trips, and a silent or dribbling one then
   * holds a thread for this, not for the whole session's limit.
   */
  static final Duration HANDSHAKE_LIMIT = Duration.ofSeconds(2);

  /** Refused connections are logged once a second at most: a flood of them costs no log lines. */
  private static final long REFUSAL_LOG_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * Where and how to serve.
   *
   * @param bind the TCP address; port 0 picks a free one
   * @param ntpPort the NTP server's UDP port, announced by Port Negotiation unless 123
   * @param sessionLimit how long one session may take, handshake to End of Message
   * @param threads sessions served at once
   */
  public record Options(InetSocketAddress bind, int ntpPort, Duration sessionLimit, int threads) {
    public Options {
      if (ntpPort < 1 || ntpPort > 65535) {
        throw new IllegalArgumentException("NTP port must be 1 to 65535: " + ntpPort);
      }
      if (sessionLimit.isNegative() || sessionLimit.isZero()) {
        throw new IllegalArgumentException("session limit must be positive: " + sessionLimit);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1: " + threads);
      }
    }

    /**
     * {@code bind}, NTP on {@code ntpPort}, sessions of at most 5 s ({@link
     * KeServer#HANDSHAKE_LIMIT} of it for the handshake), 16 at once: a silent session costs a
     * blocked thread, not CPU, and 16 take 8 hosts to hold, for 2 s at a time.
     */
    public static Options of(InetSocketAddress bind, int ntpPort) {
      return new Options(bind, ntpPort, Duration.ofSeconds(5), 16);
    }
  }

  private final Options options;
  private final KeCredentials credentials;
  private final CookieJar jar;
  private final Consumer<String> log;
  private final ServerSocket listener;
  private final ThreadPoolExecutor sessions;
  private final Thread acceptor;
  private final AtomicLong agreed = new AtomicLong();
  private final AtomicLong unsuccessful = new AtomicLong();
  private final Map<InetAddress, Integer> held = new ConcurrentHashMap<>();
  // The acceptor's alone: when a refused connection was last logged, and how many since.
  private long refusalLogged = System.nanoTime() - REFUSAL_LOG_NANOS;
  private long refusedSince;
  private volatile boolean closed;

  private KeServer(Options options, KeCredentials credentials, CookieJar jar, Consumer<String> log)
      throws IOException {
    this.options = options;
    this.credentials = credentials;
    this.jar = jar;
    this.log = log;
    this.listener = new ServerSocket();
    this.sessions =
        new ThreadPoolExecutor(
            options.threads(),
            options.threads(),
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(4 * options.threads()),
            r -> daemon(r, "ntplab-nts-ke-session"));
    this.acceptor = daemon(this::acceptLoop, "ntplab-nts-ke");
  }

  /**
   * Listens and starts serving.
   *
   * @param log where a session that fails or is refused is told, one line each
   * @throws IOException when the address cannot be bound
   */
  public static KeServer start(
      Options options, KeCredentials credentials, CookieJar jar, Consumer<String> log)
      throws IOException {
    KeServer server = new KeServer(options, credentials, jar, log);
    try {
      server.listener.setReuseAddress(true);
      server.listener.bind(options.bind(), 50);
    } catch (IOException e) {
      server.close();
      throw new java.net.BindException(
          "cannot listen on "
              + options.bind().getAddress().getHostAddress()
              + ":"
              + options.bind().getPort()
              + " (NTS-KE, TCP): "
              + e.getMessage());
    }
    server.acceptor.start();
    return server;
  }

  /** The bound address, with the real port when port 0 was asked. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** Sessions that ended with keys and cookies. */
  public long agreed() {
    return agreed.get();
  }

  /** Sessions that did not: a failed handshake, an Error record, a timeout, nothing in common. */
  public long unsuccessful() {
    return unsuccessful.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing: nothing left to tell anyone
    }
    sessions.shutdownNow();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          log.accept("NTS-KE: accept failed: " + e.getMessage());
        }
        continue;
      }
      Budget budget = new Budget(System::nanoTime, options.sessionLimit());
      InetAddress client = Addresses.client(socket.getInetAddress());
      if (!hold(client)) {
        refuse(socket, () -> "too many sessions from " + client.getHostAddress() + " at once");
        continue;
      }
      try {
        sessions.execute(
            () -> {
              try {
                session(socket, budget);
              } finally {
                release(client);
              }
            });
      } catch (RejectedExecutionException busy) {
        release(client);
        refuse(socket, () -> "too many sessions at once");
      }
    }
  }

  /** Counts one more session for {@code client}, unless it holds {@value #PER_CLIENT} already. */
  private boolean hold(InetAddress client) {
    boolean[] counted = {false};
    held.compute(
        client,
        (k, n) -> {
          int sessions = n == null ? 0 : n;
          counted[0] = sessions < PER_CLIENT;
          return counted[0] ? sessions + 1 : n;
        });
    return counted[0];
  }

  private void release(InetAddress client) {
    held.computeIfPresent(client, (k, n) -> n == 1 ? null : n - 1);
  }

  private void refuse(Socket socket, Supplier<String> why) {
    unsuccessful.incrementAndGet();
    closeQuietly(socket);
    long now = System.nanoTime();
    if (now - refusalLogged < REFUSAL_LOG_NANOS) {
      refusedSince++;
      return;
    }
    log.accept(
        "NTS-KE: "
            + why.get()
            + "; closed a connection"
            + (refusedSince > 0 ? " (and " + refusedSince + " more in the last second)" : ""));
    refusalLogged = now;
    refusedSince = 0;
  }

  private void session(Socket socket, Budget budget) {
    String peer = socket.getInetAddress().getHostAddress();
    try (socket) {
      socket.setTcpNoDelay(true);
      NtsKeTlsServer tls = new NtsKeTlsServer(credentials);
      Budget handshake = budget.phase(HANDSHAKE_LIMIT);
      Budget[] phase = {handshake};
      TlsServerProtocol protocol =
          new TlsServerProtocol(Budget.input(socket, () -> phase[0]), socket.getOutputStream());
      try {
        protocol.accept(tls);
      } catch (IOException e) {
        fail(peer, "TLS handshake: " + reason(e, handshake));
        return;
      }
      phase[0] = budget;
      KeAnswer answer;
      try {
        InputStream in = protocol.getInputStream();
        answer = KeAnswer.to(KeCodec.read(in, MAX_REQUEST), tls.exported(), jar, options.ntpPort());
      } catch (UnrecognizedCriticalRecordException e) {
        answer = KeAnswer.refused(ErrorCode.UNRECOGNIZED_CRITICAL_RECORD, e.getMessage());
      } catch (MalformedKeException e) {
        answer = KeAnswer.refused(ErrorCode.BAD_REQUEST, e.getMessage());
      } catch (RuntimeException e) { // a bug of ours: the client hears Internal Server Error only
        answer = KeAnswer.refused(ErrorCode.INTERNAL_SERVER_ERROR, e.toString());
      }
      // Counted before it is sent: whoever reads the answer finds the session counted.
      if (answer instanceof KeAnswer.Agreed) {
        agreed.incrementAndGet();
      } else {
        fail(peer, describe(answer));
      }
      OutputStream out = protocol.getOutputStream();
      out.write(KeCodec.encode(answer.records()));
      out.flush();
      protocol.close();
    } catch (IOException e) {
      fail(peer, reason(e, budget));
    } catch (RuntimeException e) {
      fail(peer, "server error: " + e);
    }
  }

  private static String describe(KeAnswer answer) {
    if (answer instanceof KeAnswer.Refused refused) {
      return "answered Error " + ErrorCode.describe(refused.code().code()) + ": " + refused.why();
    }
    return answer instanceof KeAnswer.Declined declined
        ? "nothing in common: " + declined.why()
        : "agreed";
  }

  private void fail(String peer, String why) {
    unsuccessful.incrementAndGet();
    log.accept("NTS-KE session with " + peer + ": " + why);
  }

  private static String reason(IOException e, Budget budget) {
    if (e instanceof SocketTimeoutException) {
      return "not done within " + budget.limit().toMillis() + " ms";
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // the connection is being refused anyway
    }
  }
}
