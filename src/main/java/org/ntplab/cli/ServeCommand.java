package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.ntplab.auth.Keyring;
import org.ntplab.inspect.Meanings;
import org.ntplab.net.Addresses;
import org.ntplab.nts.CookieJar;
import org.ntplab.nts.ke.KeCredentials;
import org.ntplab.nts.ke.KeServer;
import org.ntplab.server.Faults;
import org.ntplab.server.NtpServer;
import org.ntplab.server.RateLimit;
import org.ntplab.server.ServerConfig;
import org.ntplab.text.Durations;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.ReferenceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code ntplab serve}: the lab server, from the options to a running {@link NtpServer} and back.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the lab NTP server: this computer's clock, with faults on purpose.",
      "It answers NTP clients at a chosen stratum and reference ID, and misbehaves",
      "when asked to, so you can watch a client cope. Mode 6/7 and malformed",
      "packets are dropped and counted; each client is rate-limited (kiss-o'-death",
      "RATE). RFC 868 TIME is served beside it, over UDP and TCP.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ntplab serve --port 1123                          (ports below 1024 need root)",
      "  ntplab inspect 127.0.0.1:1123                     (in another terminal)",
      "  ntplab serve --port 1123 --offset 2.5 --stats 10s",
      "  ntplab serve --port 1123 --kod RATE",
      "  ntplab serve --port 1123 --loss 0.3 --delay 200ms --asymmetry 40ms",
      "  ntplab serve --bind ::1 --port 1123 --stratum 1 --refid GPS --time-port 1037",
      "  ntplab serve --port 1123 --keys /etc/chrony/chrony.keys",
      "  ntplab inspect 127.0.0.1:1123 --keys /etc/chrony/chrony.keys --key-id 1",
      "",
      "NTS (RFC 8915): --nts serves NTS-KE (TLS 1.3, TCP port 4460) beside NTP and answers",
      "requests that carry its cookies with authenticated replies. It needs a certificate and",
      "its key; for a test, a self-signed one for localhost and 127.0.0.1 (OpenSSL 1.1.1 or later):",
      "  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \\",
      "    -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \\",
      "    -keyout server.key -out server.crt",
      "  ntplab serve --port 1123 --nts --cert server.crt --key server.key",
      "A client trusts no self-signed certificate by itself: give it server.crt as its CA",
      "(ntplab: --ca server.crt; chrony: ntstrustedcerts server.crt), and ask for the name or",
      "address the certificate carries. --nts-forge spoils each reply's authenticator after",
      "sealing, so you can watch a client reject it.",
      "",
      "Ctrl-C stops the server and prints its counters; kill -USR1 PID prints them and goes on.",
      "Exit status: 1 cannot listen on the address or port, 2 bad option value."
    })
final class ServeCommand implements Callable<Integer> {

  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern KISS_CODE = Pattern.compile("[A-Z]{4}");

  @Spec CommandSpec spec;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}; ::1 for IPv6, 0.0.0.0 for every interface).")
  String bind;

  @Option(
      names = "--port",
      defaultValue = "123",
      paramLabel = "PORT",
      description = "NTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--stratum",
      defaultValue = "3",
      paramLabel = "N",
      description =
          "Stratum to announce, 1 to 15 (default: ${DEFAULT-VALUE}, like chronyd with 'local stratum 3').")
  int stratum;

  @Option(
      names = "--refid",
      paramLabel = "ID",
      description =
          "Reference ID: a dotted quad, or up to 4 characters such as GPS (default: 127.127.1.1, LOCL at stratum 1).")
  String refid;

  @Option(
      names = "--root-delay",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Root delay to announce: round trip to the reference clock (default: 0).")
  Duration rootDelay;

  @Option(
      names = "--root-dispersion",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Root dispersion to announce: error bound to the reference clock (default: 0).")
  Duration rootDispersion;

  @Option(
      names = "--time-port",
      paramLabel = "PORT",
      description =
          "RFC 868 TIME port, UDP and TCP (default: 37, skipped with a note when it needs root; 0: none).")
  Integer timePort;

  @Option(
      names = "--offset",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Serve a clock this far ahead (negative: behind): 2.5, -0.75, 500ms...")
  Duration offset;

  @Option(
      names = "--leap",
      defaultValue = "0",
      paramLabel = "0..3",
      description =
          "Leap indicator to announce: 1 a leap second is inserted tonight, 2 deleted, 3 unsynchronized.")
  int leap;

  @Option(
      names = "--kod",
      paramLabel = "CODE",
      description =
          "Answer every request with this kiss-o'-death: RATE, DENY or RSTR (any 4 capitals).")
  String kod;

  @Option(
      names = "--loss",
      defaultValue = "0",
      paramLabel = "P",
      description = "Drop this fraction of requests at random, 0 to 1.")
  double loss;

  @Option(
      names = "--delay",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Send each reply this long after the request arrived (a slow server: the delay the client computes does not change).")
  Duration delay;

  @Option(
      names = "--asymmetry",
      defaultValue = "0",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Make the path longer by this much outbound (negative: inbound): the client's offset is off by half of it.")
  Duration asymmetry;

  @Option(
      names = "--unsynchronized",
      description =
          "Answer as an unsynchronized server does (leap indicator 3, stratum 0, refid INIT, like ntpd).")
  boolean unsynchronized;

  @Option(
      names = "--rate-interval",
      defaultValue = "1s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description =
          "Each client may send one request per this interval on average (default: ${DEFAULT-VALUE}; 0: no rate limit).")
  Duration rateInterval;

  @Option(
      names = "--rate-burst",
      defaultValue = "8",
      paramLabel = "N",
      description =
          "Requests a client may send at once before the rate limit applies (default: ${DEFAULT-VALUE}).")
  int rateBurst;

  @Option(
      names = "--rate-kod",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Tell a client over the limit with a kiss-o'-death RATE, at most once per 8 s (default: on); --no-rate-kod just drops.")
  boolean rateKod;

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      description =
          "Authenticate with the symmetric keys of this ntpd/NTPsec ntp.keys or chrony keys file (MD5, SHA1):"
              + " a request signed with one of them gets a reply signed with it, any other signed request a crypto-NAK.")
  Path keysFile;

  @Option(
      names = "--nts",
      description =
          "Serve NTS (RFC 8915): NTS-KE over TLS on --ke-port, and authenticated replies to requests with its cookies. Needs --cert and --key.")
  boolean nts;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      description =
          "NTS-KE's certificate, PEM (the server's first, then any intermediates); its names must be what clients ask for.")
  Path certFile;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description = "The certificate's private key, PEM, unencrypted (EC, RSA or Ed25519).")
  Path keyFile;

  @Option(
      names = "--ke-port",
      defaultValue = "4460",
      paramLabel = "PORT",
      description = "NTS-KE's TCP port (default: ${DEFAULT-VALUE}, IANA's; 0 picks a free one).")
  int kePort;

  @Option(
      names = "--nts-forge",
      description =
          "Flip a bit of each NTS reply's ciphertext after sealing, as an attacker would: NTS clients must reject every reply.")
  boolean ntsForge;

  @Option(
      names = "--stats",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Print the counters this often, e.g. 10s.")
  Duration statsEvery;

  /** How long a cookie master key makes cookies: a cookie lives one to two of these. */
  private static final Duration COOKIE_ROTATION = Duration.ofDays(1);

  private final CountDownLatch stop = new CountDownLatch(1);
  private KeCredentials credentials;
  private KeServer keServer;
  private final CompletableFuture<NtpServer> started = new CompletableFuture<>();

  @Override
  public Integer call() throws IOException {
    ServerConfig config = config();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NtpServer server;
    try {
      server = start(config, err);
    } catch (IOException | RuntimeException e) {
      started.completeExceptionally(e);
      throw e;
    }
    if (config.nts().isPresent()) {
      try {
        keServer = startKe(server, config.nts().get(), err);
      } catch (IOException | RuntimeException e) {
        server.close();
        started.completeExceptionally(e);
        throw e;
      }
    }
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              awaitQuietly(
                  finished,
                  Duration.ofSeconds(3)); // let the counters be printed before the JVM halts
            },
            "ntplab-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      out.println(
          "serving "
              + server.describe()
              + (keServer == null
                  ? ""
                  : ", NTS-KE on " + Addresses.text(keServer.address()) + " (TCP, TLS 1.3)")
              + "; Ctrl-C to stop");
      describeFaults(config).ifPresent(faults -> out.println("faults: " + faults));
      out.flush();
      started.complete(server);
      waitUntilStopped(server, out);
    } finally {
      if (keServer != null) {
        keServer.close();
      }
      server.close();
      out.println("stopped: " + server.stats().summary());
      out.flush();
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is what is running now
      }
    }
    return Main.OK;
  }

  /** Stops a running {@code serve}, as Ctrl-C does; for tests that run it in-process. */
  void stop() {
    stop.countDown();
  }

  /** Completes with the running server once it is listening, for tests that run it in-process. */
  CompletableFuture<NtpServer> started() {
    return started;
  }

  private void waitUntilStopped(NtpServer server, PrintWriter out) {
    printStatsOnSignal(server, out);
    try {
      if (statsEvery == null) {
        stop.await();
        return;
      }
      while (!stop.await(statsEvery.toNanos(), TimeUnit.NANOSECONDS)) {
        out.println("stats: " + server.stats().summary());
        out.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopping is what an interrupt asks for
    }
  }

  /**
   * {@code kill -USR1 PID} prints the counters and keeps serving, as ntpd and chronyd users expect
   * of a daemon. Where the JVM cannot take the signal (Windows), {@code --stats} remains.
   */
  private static void printStatsOnSignal(NtpServer server, PrintWriter out) {
    try {
      Signal.handle(
          new Signal("USR1"),
          signal -> {
            out.println("stats: " + server.stats().summary());
            out.flush();
          });
    } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
      // no such signal here, or the JVM keeps it for itself
    }
  }

  /** NTS-KE on --bind and --ke-port, announcing the NTP port the server got. */
  private KeServer startKe(NtpServer server, CookieJar jar, PrintWriter err) throws IOException {
    KeServer.Options options =
        KeServer.Options.of(
            new InetSocketAddress(server.address().getAddress(), kePort),
            server.address().getPort());
    try {
      return KeServer.start(
          options,
          credentials,
          jar,
          line -> {
            synchronized (err) {
              err.println(line);
              err.flush();
            }
          });
    } catch (BindException e) {
      throw new Main.FailureException(
          e.getMessage()
              + (kePort < 1024 ? ": ports below 1024 need root" : "")
              + ": use another --ke-port");
    }
  }

  private NtpServer start(ServerConfig config, PrintWriter err) throws IOException {
    try {
      return NtpServer.start(config, Clock.systemUTC(), RandomGenerator.getDefault(), err);
    } catch (BindException e) {
      if (timePort != null || config.timePort() == ServerConfig.NO_TIME_SERVICE) {
        throw bindFailure(e, port);
      }
    }
    // The default TIME port is a convenience: when it cannot be had, serve NTP alone and say why.
    NtpServer server;
    try {
      server =
          NtpServer.start(
              config.withTimePort(ServerConfig.NO_TIME_SERVICE),
              Clock.systemUTC(),
              RandomGenerator.getDefault(),
              err);
    } catch (BindException e) {
      throw bindFailure(e, port);
    }
    err.println(
        "note: not serving TIME (RFC 868): port "
            + ServerConfig.TIME_PORT
            + " is taken or needs root; use --time-port 1037, or --time-port 0 to turn it off");
    err.flush();
    return server;
  }

  /** One line that says what to do: the common causes are a port below 1024 and a port in use. */
  static Main.FailureException bindFailure(BindException e, int ntpPort) {
    String message = e.getMessage() == null ? "cannot listen" : e.getMessage();
    String lower = message.toLowerCase();
    if (lower.contains("permission denied") || lower.contains("access denied")) {
      // NtpServer names the address that failed: "cannot listen on 127.0.0.1:37 (TCP): ..."
      boolean timePortFailed = !message.contains(":" + ntpPort + " (");
      return new Main.FailureException(
          message
              + ": ports below 1024 need root; use "
              + (timePortFailed ? "--time-port 1037" : "--port 1123")
              + ", or run as root");
    }
    if (lower.contains("already in use")) {
      return new Main.FailureException(
          message + ": is another NTP server (chronyd, ntpd) running? use another --port");
    }
    if (lower.contains("assign requested address")) {
      return new Main.FailureException(message + ": --bind must be an address of this computer");
    }
    return new Main.FailureException(message);
  }

  // ---- options to config ---------------------------------------------------------------------

  ServerConfig config() {
    check(port >= 0 && port <= 65535, "--port must be 0 to 65535, not " + port);
    check(
        timePort == null || (timePort >= 0 && timePort <= 65535),
        "--time-port must be 0 (none) to 65535, not " + timePort);
    check(
        stratum >= 1 && stratum <= 15,
        "--stratum must be 1 to 15, not "
            + stratum
            + (stratum == 16 || stratum == 0
                ? " (for an unsynchronized server use --unsynchronized)"
                : ""));
    check(fitsShortFormat(rootDelay), "--root-delay must be 0 to 65535 s");
    check(fitsShortFormat(rootDispersion), "--root-dispersion must be 0 to 65535 s");
    check(leap >= 0 && leap <= 3, "--leap must be 0 to 3, not " + leap);
    check(
        kod == null || KISS_CODE.matcher(kod).matches(),
        "--kod must be a kiss code of 4 capitals, such as RATE, DENY or RSTR, not '" + kod + "'");
    check(loss >= 0 && loss <= 1, "--loss must be a fraction from 0 to 1, not " + loss);
    check(!delay.isNegative(), "--delay must not be negative: " + delay.toNanos() / 1e9 + " s");
    check(
        delay.plus(asymmetry.abs()).compareTo(Faults.MAX_HOLD) <= 0,
        "--delay plus --asymmetry must be at most 1 h");
    check(
        !(unsynchronized && kod != null),
        "--unsynchronized and --kod say different things: choose one");
    check(
        !(unsynchronized && leap != 0),
        "--unsynchronized already announces leap indicator 3: leave out --leap");
    check(
        !rateInterval.isNegative(),
        "--rate-interval must not be negative (0 turns the rate limit off)");
    check(rateBurst >= 1, "--rate-burst must be at least 1, not " + rateBurst);
    check(
        statsEvery == null || (!statsEvery.isNegative() && !statsEvery.isZero()),
        "--stats must be a positive duration, such as 10s");

    check(kePort >= 0 && kePort <= 65535, "--ke-port must be 0 to 65535, not " + kePort);
    check(
        nts || (certFile == null && keyFile == null && !ntsForge),
        "--cert, --key and --nts-forge go with --nts");
    check(!nts || certFile != null, "--nts needs --cert FILE (see --help for a test certificate)");
    check(!nts || keyFile != null, "--nts needs --key FILE, the certificate's private key");

    RateLimit rateLimit =
        rateInterval.isZero()
            ? RateLimit.OFF
            : RateLimit.DEFAULT
                .withInterval(rateInterval)
                .withBurst(rateBurst)
                .withKissOfDeath(rateKod);
    Faults faults =
        new Faults(
            offset,
            LeapIndicator.of(leap),
            Optional.ofNullable(kod).map(KissCode::new),
            loss,
            delay,
            asymmetry,
            unsynchronized,
            ntsForge);
    ServerConfig config =
        ServerConfig.of(new InetSocketAddress(address(), port))
            .withTimePort(
                timePort == null
                    ? ServerConfig.TIME_PORT
                    : timePort == 0 ? ServerConfig.NO_TIME_SERVICE : timePort)
            .withStratum(stratum)
            .withRootDelay(rootDelay)
            .withRootDispersion(rootDispersion)
            .withFaults(faults)
            .withRateLimit(rateLimit);
    if (nts) {
      try {
        credentials = KeCredentials.fromPem(certFile, keyFile);
      } catch (IllegalArgumentException e) {
        throw new Main.BadInputException("--nts: " + e.getMessage());
      }
      config =
          config.withNts(new CookieJar(Clock.systemUTC(), COOKIE_ROTATION, new SecureRandom()));
    }
    if (keysFile != null) {
      Keyring keys = QueryOptions.readKeys(keysFile);
      check(!keys.isEmpty(), "--keys: " + keysFile + " has no keys");
      config = config.withKeys(keys);
    }
    return refid == null ? config : config.withReferenceId(referenceId(refid));
  }

  private InetAddress address() {
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new Main.BadInputException(
          "--bind: '" + bind + "' is not an address or a known host name");
    }
  }

  /** A dotted quad as an address, anything else as up to 4 ASCII characters. */
  static ReferenceId referenceId(String text) {
    if (DOTTED_QUAD.matcher(text).matches()) {
      int bits = 0;
      for (String part : text.split("\\.")) {
        int value = Integer.parseInt(part);
        check(value <= 255, "--refid: '" + text + "' is not an IPv4 address (" + value + " > 255)");
        bits = bits << 8 | value;
      }
      return new ReferenceId(bits);
    }
    try {
      return ReferenceId.ofAscii(text);
    } catch (IllegalArgumentException e) {
      throw new Main.BadInputException(
          "--refid: '"
              + text
              + "' is neither a dotted quad nor at most 4 printable ASCII characters");
    }
  }

  /** Root delay and dispersion go on the wire as unsigned 16.16 seconds. */
  private static boolean fitsShortFormat(Duration d) {
    return !d.isNegative() && d.getSeconds() < 65536;
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new Main.BadInputException(message);
    }
  }

  /** {@code offset +2.5 s, loss 30%, …}, or empty when the server behaves. */
  static Optional<String> describeFaults(ServerConfig config) {
    Faults f = config.faults();
    List<String> parts = new ArrayList<>();
    if (!f.offset().isZero()) {
      parts.add("offset " + Durations.signed(f.offset()));
    }
    if (f.leap() != LeapIndicator.NO_WARNING) {
      parts.add("leap indicator " + f.leap().code() + " (" + Meanings.leap(f.leap()) + ")");
    }
    f.kissOfDeath()
        .ifPresent(
            code -> parts.add("every request gets kiss-o'-death " + Meanings.kissCode(code)));
    if (f.loss() > 0) {
      parts.add(
          "loss " + BigDecimal.valueOf(f.loss() * 100).stripTrailingZeros().toPlainString() + "%");
    }
    if (!f.delay().isZero()) {
      parts.add("delay " + Durations.text(f.delay()));
    }
    if (!f.asymmetry().isZero()) {
      parts.add(
          "asymmetry "
              + Durations.text(f.asymmetry())
              + " (clients see an offset of "
              + Durations.text(f.asymmetry().dividedBy(2))
              + ")");
    }
    if (f.unsynchronized()) {
      parts.add("unsynchronized");
    }
    if (f.ntsForge()) {
      parts.add("NTS replies forged (a ciphertext bit flipped after sealing)");
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
  }

  private static void awaitQuietly(CountDownLatch latch, Duration atMost) {
    try {
      latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
