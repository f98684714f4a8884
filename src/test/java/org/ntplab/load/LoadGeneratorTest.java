package org.ntplab.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ntplab.server.DropReason;
import org.ntplab.server.Faults;
import org.ntplab.server.NtpServer;
import org.ntplab.server.RateLimit;
import org.ntplab.server.ServerConfig;
import org.ntplab.server.ServerStats;
import org.ntplab.testing.UdpResponder;

/**
 * The load generator against the real lab server on loopback, and against doubles that answer
 * wrongly.
 */
class LoadGeneratorTest {

  private static final Duration RUN = Duration.ofMillis(400);

  private static NtpServer server(ServerConfig config) throws IOException {
    return NtpServer.start(
        config, Clock.systemUTC(), new SplittableRandom(5), new PrintWriter(Writer.nullWriter()));
  }

  /**
   * The server's counters once it has taken in {@code requests}: it counts a drop after the
   * datagram is read.
   */
  private static ServerStats statsAfter(NtpServer server, long requests) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (server.stats().received() < requests && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
    }
    return server.stats();
  }

  private static ServerConfig unlimited() {
    return ServerConfig.loopback().withRateLimit(RateLimit.OFF);
  }

  @Test
  void everyRequestIsAnsweredOrLostAndTheCountsAgreeWithTheServers() throws IOException {
    try (NtpServer server = server(unlimited())) {
      LoadResult result = LoadGenerator.run(LoadPlan.of(server.address(), RUN, 8));
      ServerStats stats = server.stats();

      assertTrue(result.sent() > 0, result.toString());
      assertEquals(
          result.sent(), result.replies() + result.lost(), "every request ends answered or lost");
      // The server counts an answer after sending it, so only its count of requests is sure to be
      // up to date.
      assertTrue(result.replies() <= stats.received(), result + " / " + stats);
      assertEquals(result.replies(), result.rtt().count());
      assertEquals(
          result.replies(), result.serverTime().count(), "time replies all carry T2 and T3");
      assertEquals(0, result.unmatched() + result.duplicates() + result.late());
      assertTrue(result.kisses().isEmpty());
      assertTrue(
          result.rtt().p50() <= result.rtt().p99() && result.rtt().p99() <= result.rtt().max(),
          result.toString());
    }
  }

  @Test
  void requestsTheServerDropsAreCountedLostOnePerDrop() throws IOException {
    try (NtpServer server = server(unlimited().withFaults(Faults.NONE.withLoss(0.5)))) {
      LoadResult result =
          LoadGenerator.run(
              LoadPlan.of(server.address(), RUN, 8).withTimeout(Duration.ofMillis(500)));
      long dropped = statsAfter(server, result.sent()).dropped().getOrDefault(DropReason.LOSS, 0L);

      assertEquals(dropped, result.lost(), result.toString());
      assertEquals(result.sent(), result.replies() + result.lost());
      assertEquals(100.0 * result.lost() / result.sent(), result.lossPercent(), 1e-9);
      assertTrue(
          result.lossPercent() > 30 && result.lossPercent() < 70,
          "half dropped: " + result.lossPercent());
    }
  }

  @Test
  void aRateLimitingServerIsSeenThroughItsKisses() throws IOException {
    try (NtpServer server =
        server(ServerConfig.loopback())) { // the default limit: a burst of 8, then RATE
      // The first kiss takes the server's path through code not run before: a long timeout lets it
      // be slow.
      LoadResult result =
          LoadGenerator.run(
              LoadPlan.of(server.address(), RUN, 4).withTimeout(Duration.ofSeconds(1)));

      assertTrue(result.kisses().getOrDefault("RATE", 0L) >= 1, result.toString());
      assertEquals(
          result.kissCount(),
          result.replies() - result.serverTime().count(),
          "a kiss carries no server time");
      assertTrue(result.lost() > 0, result.toString());
    }
  }

  @Test
  void repliesAfterTheTimeoutAreLateNotTakenForOthers() throws IOException {
    try (NtpServer server =
        server(unlimited().withFaults(Faults.NONE.withDelay(Duration.ofMillis(150))))) {
      LoadResult result =
          LoadGenerator.run(
              LoadPlan.of(server.address(), RUN, 4).withTimeout(Duration.ofMillis(20)));

      assertEquals(0, result.replies(), result.toString());
      assertEquals(result.sent(), result.lost());
      assertTrue(result.late() > 0 && result.late() <= result.sent(), result.toString());
    }
  }

  @Test
  void strayAndRepeatedRepliesAreCountedApart() throws IOException {
    // Each request gets its reply twice, and a reply whose origin is no nonce of this run.
    try (UdpResponder double_ =
        UdpResponder.start(
            request -> List.of(reply(request, 0), reply(request, 0), reply(request, 1L << 32)))) {
      LoadResult result = LoadGenerator.run(LoadPlan.of(double_.address(), RUN, 2));

      assertEquals(result.sent(), result.replies() + result.lost());
      assertTrue(result.replies() > 0, result.toString());
      assertTrue(
          result.duplicates() > 0 && result.duplicates() <= result.replies(), result.toString());
      assertTrue(result.unmatched() > 0, result.toString());
    }
  }

  @Test
  void anyRequestsCanBeSentAndWhatIsNotAnsweredIsLost() throws IOException {
    Requests control =
        (into, nonce) ->
            into.put(new byte[] {0x16, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}); // mode 6 READSTAT
    try (NtpServer server = server(unlimited())) {
      LoadResult result =
          LoadGenerator.run(
              LoadPlan.of(server.address(), RUN, 4)
                  .withTimeout(Duration.ofMillis(50))
                  .withRequests(control));

      assertEquals(0, result.replies());
      assertEquals(result.sent(), result.lost());
      assertEquals(
          result.sent(),
          statsAfter(server, result.sent()).dropped().get(DropReason.CONTROL_MODE_6));
    }
  }

  @Test
  void warmupRequestsAreNotCounted() throws IOException {
    try (NtpServer server = server(unlimited())) {
      LoadResult result =
          LoadGenerator.run(
              LoadPlan.of(server.address(), RUN, 4).withWarmup(Duration.ofMillis(300)));

      assertTrue(result.sent() < server.stats().received(), result + " / " + server.stats());
      assertEquals(result.sent(), result.replies() + result.lost());
      assertTrue(result.warmupReplies() > 0, result.toString());
      assertTrue(
          result.replies() + result.warmupReplies() <= server.stats().received(),
          result + " / " + server.stats());
    }
  }

  @Test
  void aPortNobodyListensOnFailsAtOnce() throws IOException {
    int port;
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = probe.getLocalPort();
    }
    InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

    PortUnreachableException e =
        assertThrows(
            PortUnreachableException.class,
            () -> LoadGenerator.run(LoadPlan.of(nobody, Duration.ofSeconds(30), 4)));
    assertTrue(
        e.getMessage().startsWith("127.0.0.1:" + port + ": port unreachable"), e.getMessage());
  }

  @Test
  void aPlanRefusesWhatCannotBeRun() {
    InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), 123);
    assertThrows(IllegalArgumentException.class, () -> LoadPlan.of(target, Duration.ZERO, 1));
    assertThrows(IllegalArgumentException.class, () -> LoadPlan.of(target, RUN, 0));
    assertThrows(
        IllegalArgumentException.class, () -> LoadPlan.of(target, RUN, LoadPlan.MAX_WINDOW + 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> LoadPlan.of(target, RUN, 1).withTimeout(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> LoadPlan.of(InetSocketAddress.createUnresolved("x", 123), RUN, 1));
  }

  /** A server reply to {@code request}: its transmit as origin, plus {@code skew}. */
  private static byte[] reply(byte[] request, long skew) {
    ByteBuffer reply = ByteBuffer.allocate(48);
    reply.put(0, (byte) 0x24).put(1, (byte) 3);
    reply.putLong(24, ByteBuffer.wrap(request).getLong(40) + skew);
    reply.putLong(32, 1L << 32).putLong(40, 1L << 32);
    return reply.array();
  }
}
