package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntplab.server.NtpServer;
import org.ntplab.sync.ReplyCheck;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;
import picocli.CommandLine;

class ServeCommandTest {

  static final int DEADLINE_SECONDS = 10;

  /**
   * {@code ntplab serve ARGS} started in-process, as a user would run it, and stopped as Ctrl-C
   * does.
   */
  static final class Running implements AutoCloseable {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final ServeCommand command;
    final CompletableFuture<Integer> exit;
    final NtpServer server;

    Running(String... args) throws Exception {
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      command = cli.getSubcommands().get("serve").getCommand();
      String[] all = new String[args.length + 1];
      all[0] = "serve";
      System.arraycopy(args, 0, all, 1, args.length);
      exit = CompletableFuture.supplyAsync(() -> cli.execute(all));
      server = command.started().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    int stop() throws ExecutionException, TimeoutException {
      command.stop();
      try {
        return exit.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping serve", e);
      }
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
      stop();
    }
  }

  @Test
  void servesUntilStoppedAndPrintsTheCounters() throws Exception {
    try (Running serve = new Running("--port", "0", "--time-port", "0")) {
      InetSocketAddress address = serve.server.address();
      assertTrue(
          serve
              .out
              .toString()
              .startsWith(
                  "serving NTP on 127.0.0.1:"
                      + address.getPort()
                      + " (stratum 3, refid 127.127.1.1); Ctrl-C to stop"),
          serve.out.toString());

      NtpTimestamp t1 = NtpTimestamp.parse("eeacbd2e.61faa000");
      try (DatagramSocket socket =
          new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
        socket.setSoTimeout(DEADLINE_SECONDS * 1000);
        byte[] request = NtpCodec.encode(NtpPacket.clientRequest(4, t1));
        socket.send(new DatagramPacket(request, request.length, address));
        DatagramPacket answer = new DatagramPacket(new byte[100], 100);
        socket.receive(answer);
        assertInstanceOf(
            ReplyCheck.Accepted.class,
            ReplyCheck.forClient(address, t1)
                .check(
                    (InetSocketAddress) answer.getSocketAddress(),
                    Arrays.copyOf(answer.getData(), answer.getLength())));
      }
      assertEquals(0, serve.stop());
      assertTrue(
          serve
              .out
              .toString()
              .contains("stopped: received 1, answered 1, dropped 0, rate-limited 0"),
          serve.out.toString());
      assertEquals("", serve.err.toString());
    }
  }

  @Test
  void saysWhichFaultsAreOn() throws Exception {
    try (Running serve =
        new Running(
            "--port",
            "0",
            "--time-port",
            "0",
            "--offset",
            "2.5",
            "--loss",
            "0.3",
            "--asymmetry",
            "40ms",
            "--kod",
            "DENY",
            "--stratum",
            "1")) {
      String out = serve.out.toString();
      assertTrue(out.contains("(stratum 1, refid LOCL)"), out);
      assertTrue(out.contains("faults: offset +2.5 s, every request gets kiss-o'-death DENY"), out);
      assertTrue(out.contains("loss 30%, asymmetry 40 ms (clients see an offset of 20 ms)"), out);
    }
  }

  @Test
  void timePort0TurnsTheTimeServiceOff() throws Exception {
    try (Running serve =
        new Running("--port", "0", "--time-port", "0", "--bind", "localhost", "--stats", "1h")) {
      assertTrue(serve.server.timeUdpAddress().isEmpty(), "--time-port 0 turns TIME off");
    }
  }

  @Test
  void printsTheCountersEveryStatsInterval() throws Exception {
    try (Running serve = new Running("--port", "0", "--time-port", "0", "--stats", "10ms")) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
      while (!serve.out.toString().contains("stats: received 0, answered 0")
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(
          serve.out.toString().contains("stats: received 0, answered 0, dropped 0, rate-limited 0"),
          serve.out.toString());
    }
  }

  @Test
  void servesNtpAloneWhenTheDefaultTimePortCannotBeHad() throws Exception {
    // Hold port 37 ourselves (as root), or find it needs root (as anyone else): either way the
    // server cannot have it, and says so in a note instead of failing.
    DatagramSocket holder = null;
    try {
      holder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 37));
    } catch (java.net.SocketException deniedOrTaken) {
      // the server will meet the same obstacle
    }
    try (Running serve = new Running("--port", "0")) {
      assertTrue(serve.server.timeUdpAddress().isEmpty());
      assertTrue(
          serve
              .err
              .toString()
              .startsWith("note: not serving TIME (RFC 868): port 37 is taken or needs root;"),
          serve.err.toString());
    } finally {
      if (holder != null) {
        holder.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--loss 2          | --loss must be a fraction from 0 to 1, not 2.0",
        "--leap 4          | --leap must be 0 to 3, not 4",
        "--kod rate        | --kod must be a kiss code of 4 capitals, such as RATE, DENY or RSTR, not 'rate'",
        "--stratum 16      | --stratum must be 1 to 15, not 16 (for an unsynchronized server use --unsynchronized)",
        "--refid TOOLONG   | --refid: 'TOOLONG' is neither a dotted quad nor at most 4 printable ASCII characters",
        "--refid 10.0.0.256| --refid: '10.0.0.256' is not an IPv4 address (256 > 255)",
        "--port 70000      | --port must be 0 to 65535, not 70000",
        "--delay -1        | --delay must not be negative: -1.0 s",
        "--stats 0         | --stats must be a positive duration, such as 10s",
        "--rate-burst 0    | --rate-burst must be at least 1, not 0",
        "--root-delay -1ms | --root-delay must be 0 to 65535 s",
        "--root-dispersion 20h | --root-dispersion must be 0 to 65535 s",
        "--unsynchronized --kod RATE | --unsynchronized and --kod say different things: choose one",
      })
  void rejectsABadValueInOneLine(String args, String message) {
    String port = args.contains("--port") ? "" : "--port 0 ";
    // A value wrongly accepted would start a server that runs until stopped: fail instead of
    // hanging.
    CliRun run =
        assertTimeoutPreemptively(
            Duration.ofSeconds(DEADLINE_SECONDS),
            () -> CliRun.of(("serve --time-port 0 " + port + args.strip()).split("\\s+")));
    assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
    assertEquals("ntplab serve: " + message + "\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void failsWithOneLineWhenThePortIsTaken() throws Exception {
    try (DatagramSocket taken =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      CliRun run =
          CliRun.of("serve", "--port", String.valueOf(taken.getLocalPort()), "--time-port", "0");
      assertEquals(Main.FAILURE, run.exitCode());
      assertEquals(1, run.err().lines().count(), run.err());
      assertTrue(
          run.err()
              .startsWith(
                  "ntplab serve: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (UDP): "),
          run.err());
      assertTrue(run.err().contains("use another --port"), run.err());
    }
  }

  @Test
  void tellsHowToGetPastAPrivilegedPort() {
    // The tests may run as root, where port 123 binds: check the wording on the exception itself.
    Main.FailureException e =
        ServeCommand.bindFailure(
            new BindException("cannot listen on 127.0.0.1:123 (UDP): Permission denied"), 123);
    assertEquals(
        "cannot listen on 127.0.0.1:123 (UDP): Permission denied: ports below 1024 need root;"
            + " use --port 1123, or run as root",
        e.getMessage());
    Main.FailureException time =
        ServeCommand.bindFailure(
            new BindException("cannot listen on 127.0.0.1:37 (TCP): Permission denied"), 1123);
    assertTrue(
        time.getMessage().endsWith("use --time-port 1037, or run as root"), time.getMessage());
  }

  @Test
  void helpShowsExamples() {
    CliRun run = CliRun.of("serve", "--help");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("ntplab serve --port 1123 --kod RATE"), run.out());
    assertTrue(run.out().contains("--asymmetry=DURATION"), run.out());
    assertTrue(run.out().contains("default: 127.0.0.1"), run.out());
  }

  @Test
  void isListedAmongTheCommands() {
    assertTrue(CliRun.of("--help").out().contains("serve"));
  }

  @Test
  void sigusr1PrintsTheCountersAndTheServerGoesOn() throws Exception {
    // Its own JVM: a signal is sent to a whole process.
    Process serve =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--port",
                "0",
                "--time-port",
                "0")
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
      String serving = out.readLine();
      assertTrue(
          serving != null && serving.startsWith("serving NTP on 127.0.0.1:"),
          String.valueOf(serving));
      int port = Integer.parseInt(serving.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1"));
      try (DatagramSocket client = new DatagramSocket()) {
        client.setSoTimeout(DEADLINE_SECONDS * 1000);
        byte[] request =
            NtpCodec.encode(NtpPacket.clientRequest(4, new NtpTimestamp(0x1234_5678_9abc_def0L)));
        client.send(
            new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
        client.receive(new DatagramPacket(new byte[100], 100));
      }
      assertEquals(
          0, new ProcessBuilder("kill", "-USR1", String.valueOf(serve.pid())).start().waitFor());
      // "answered" is counted just after the send, so only "received" is sure to be 1 already.
      String stats = out.readLine();
      assertTrue(
          stats != null && stats.startsWith("stats: received 1, answered "), String.valueOf(stats));
      assertTrue(serve.isAlive(), "serve ended on SIGUSR1");
    } finally {
      serve.destroy();
      serve.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
  }
}
