package org.ntplab.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ntplab.auth.Keyring;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.sync.ReplyCheck;
import org.ntplab.sync.ReplyCheck.Accepted;
import org.ntplab.testing.SignedExchanges;
import org.ntplab.testing.TestClock;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/** The server over real UDP and TCP on loopback, with a clock the test controls. */
class NtpServerTest {

  static final Instant NOW = Instant.parse("2026-11-22T01:00:44.382000000Z");

  /** How long a test waits for an answer that must come; never reached when the server works. */
  static final int RECEIVE_DEADLINE_MILLIS = 5_000;

  final TestClock clock = new TestClock(NOW);
  final List<AutoCloseable> toClose = new ArrayList<>();
  final StringWriter log = new StringWriter();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  NtpServer start(ServerConfig config) throws IOException {
    NtpServer server =
        NtpServer.start(
            config.withPrecision(-20), clock, new SplittableRandom(7), new PrintWriter(log, true));
    toClose.add(server);
    return server;
  }

  DatagramSocket client(InetAddress address) throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
    socket.setSoTimeout(RECEIVE_DEADLINE_MILLIS);
    toClose.add(socket);
    return socket;
  }

  static void send(DatagramSocket socket, InetSocketAddress to, byte[] bytes) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  static DatagramPacket receive(DatagramSocket socket) throws IOException {
    DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
    socket.receive(packet);
    return packet;
  }

  /** Sends a client request with transmit {@code t1} and checks the answer is the reply to it. */
  static NtpPacket query(DatagramSocket socket, InetSocketAddress server, NtpTimestamp t1)
      throws IOException {
    send(socket, server, NtpCodec.encode(NtpPacket.clientRequest(4, t1)));
    DatagramPacket answer = receive(socket);
    byte[] bytes = Arrays.copyOf(answer.getData(), answer.getLength());
    ReplyCheck check = ReplyCheck.forClient(server, t1);
    return assertInstanceOf(
            Accepted.class,
            check.check((InetSocketAddress) answer.getSocketAddress(), bytes),
            () ->
                "not the reply to our request: "
                    + check.check((InetSocketAddress) answer.getSocketAddress(), bytes))
        .reply();
  }

  /** Counters are bumped by the server thread as it sends; wait (briefly) until they say so. */
  static ServerStats awaitStats(NtpServer server, Predicate<ServerStats> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMillis(RECEIVE_DEADLINE_MILLIS).toNanos();
    ServerStats stats = server.stats();
    while (!done.test(stats) && System.nanoTime() < deadline) {
      Thread.sleep(1);
      stats = server.stats();
    }
    return stats;
  }

  @Test
  void answersAClientRequestWithAReplyTheClientAccepts() throws Exception {
    NtpServer server = start(ServerConfig.loopback());
    assertEquals(InetAddress.getLoopbackAddress(), server.address().getAddress());
    assertTrue(server.address().getPort() > 0, "port 0 became a real port");
    NtpTimestamp t1 = NtpTimestamp.parse("eeacbd2e.61faa000");
    NtpPacket reply = query(client(InetAddress.getLoopbackAddress()), server.address(), t1);
    assertEquals(Mode.SERVER, reply.mode());
    assertEquals(3, reply.stratum());
    assertEquals(t1, reply.originTime());
    assertEquals(NtpTimestamp.from(NOW), reply.receiveTime(), "T2 from the injected clock");
    assertEquals(NtpTimestamp.from(NOW), reply.transmitTime());
    assertEquals(-20, reply.precision());
    ServerStats stats = awaitStats(server, s -> s.answered() == 1);
    assertEquals(1, stats.received());
    assertEquals(1, stats.answered());
    assertEquals(0, stats.droppedTotal());
  }

  @Test
  void answersNothingHostileAndKeepsServing() throws Exception {
    NtpServer server = start(ServerConfig.loopback());
    DatagramSocket socket = client(InetAddress.getLoopbackAddress());
    HexFormat hex = HexFormat.of();
    byte[] serverReply = new byte[48];
    serverReply[0] = 0x24; // a mode 4 packet: answering it would let two servers talk forever
    List<byte[]> hostile =
        List.of(
            new byte[0],
            new byte[] {0x23},
            Arrays.copyOf(new byte[] {0x23}, 47),
            "hello, world".getBytes(StandardCharsets.US_ASCII),
            hex.parseHex("160200010000000000000000"),
            hex.parseHex("1700032a" + "00".repeat(188)),
            serverReply);
    for (byte[] datagram : hostile) {
      send(socket, server.address(), datagram);
    }
    // UDP on loopback keeps order and the server answers in order: had any of the above been
    // answered, that answer would come before this one.
    NtpTimestamp t1 = NtpTimestamp.parse("eeacbd2e.00000001");
    assertEquals(t1, query(socket, server.address(), t1).originTime());

    ServerStats stats = awaitStats(server, s -> s.answered() == 1);
    assertEquals(8, stats.received());
    assertEquals(1, stats.answered());
    assertEquals(4, stats.dropped(DropReason.MALFORMED));
    assertEquals(1, stats.dropped(DropReason.CONTROL_MODE_6));
    assertEquals(1, stats.dropped(DropReason.PRIVATE_MODE_7));
    assertEquals(1, stats.dropped(DropReason.NOT_A_CLIENT_REQUEST));
    assertEquals(stats.received(), stats.answered() + stats.droppedTotal());
    assertTrue(log.toString().contains("mode 7 private message"), log.toString());
  }

  @Test
  void keepsServingAfterAFlood() throws Exception {
    NtpServer server = start(ServerConfig.loopback());
    DatagramSocket socket = client(InetAddress.getLoopbackAddress());
    byte[] monlist = HexFormat.of().parseHex("1700032a" + "00".repeat(188));
    for (int i = 0; i < 5_000; i++) {
      send(socket, server.address(), monlist);
    }
    // The kernel may drop datagrams while the server catches up, our request among them: ask
    // again until one is answered. No reply to a monlist ever comes, so any reply answers one of
    // our requests, perhaps an earlier one that was only slow.
    NtpPacket reply = null;
    List<NtpTimestamp> sent = new ArrayList<>();
    socket.setSoTimeout(500);
    for (int attempt = 1; reply == null && attempt <= 10; attempt++) {
      NtpTimestamp t1 = NtpTimestamp.of(0xeeacbd2eL, attempt);
      sent.add(t1);
      send(socket, server.address(), NtpCodec.encode(NtpPacket.clientRequest(4, t1)));
      try {
        DatagramPacket answer = receive(socket);
        reply = NtpCodec.decodePacket(Arrays.copyOf(answer.getData(), answer.getLength()));
      } catch (java.net.SocketTimeoutException lost) {
        // ask again
      }
    }
    assertTrue(reply != null, "answered after the flood");
    assertTrue(sent.contains(reply.originTime()), "the reply is to one of our requests");
    assertTrue(reply != null, "answered after the flood");
    ServerStats stats =
        awaitStats(
            server, s -> s.answered() >= 1 && s.received() == s.answered() + s.droppedTotal());
    assertEquals(stats.received(), stats.answered() + stats.droppedTotal());
    assertEquals(stats.droppedTotal(), stats.dropped(DropReason.PRIVATE_MODE_7));
  }

  @Test
  void servesIpv6() throws Exception {
    InetAddress loopback6 = InetAddress.getByName("::1");
    assumeTrue(canBind(loopback6), "this machine has no IPv6 loopback (::1 cannot be bound)");
    NtpServer server = start(ServerConfig.of(new InetSocketAddress(loopback6, 0)));
    assertEquals(loopback6, server.address().getAddress());
    NtpTimestamp t1 = NtpTimestamp.parse("eeacbd2e.00000006");
    assertEquals(t1, query(client(loopback6), server.address(), t1).originTime());
    assertTrue(server.describe().startsWith("NTP on [::1]:"), server.describe());
  }

  static boolean canBind(InetAddress address) {
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
      return probe.isBound();
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void servesTheTimeProtocolOverUdpAndTcpFromTheSameOffsetClock() throws Exception {
    Duration offset = Duration.ofSeconds(-90);
    NtpServer server =
        start(ServerConfig.loopback().withTimePort(0).withFaults(Faults.NONE.withOffset(offset)));
    long expected = NtpTimestamp.from(NOW.plus(offset)).seconds();

    DatagramSocket socket = client(InetAddress.getLoopbackAddress());
    send(socket, server.timeUdpAddress().orElseThrow(), new byte[0]);
    DatagramPacket answer = receive(socket);
    assertEquals(4, answer.getLength());
    assertEquals(
        expected, Integer.toUnsignedLong(ByteBuffer.wrap(answer.getData(), 0, 4).getInt()));

    try (Socket tcp = new Socket()) {
      tcp.setSoTimeout(RECEIVE_DEADLINE_MILLIS);
      tcp.connect(server.timeTcpAddress().orElseThrow(), RECEIVE_DEADLINE_MILLIS);
      InputStream in = tcp.getInputStream();
      byte[] four = in.readNBytes(5);
      assertEquals(4, four.length, "4 bytes, then the server closes the connection");
      assertEquals(expected, Integer.toUnsignedLong(ByteBuffer.wrap(four).getInt()));
    }
    assertEquals(2, awaitStats(server, s -> s.timeAnswered() == 2).timeAnswered());
    assertTrue(server.describe().contains("TIME on"), server.describe());
  }

  @Test
  void timeProtocolSecondsCountFrom1900AndWrapIn2036() {
    assertArrayEquals(
        new byte[] {(byte) 0x83, (byte) 0xaa, 0x7e, (byte) 0x80},
        NtpServer.timeProtocol(Instant.EPOCH));
    assertArrayEquals(
        new byte[] {0, 0, 0, 1}, NtpServer.timeProtocol(Instant.parse("2036-02-07T06:28:17Z")));
  }

  @Test
  void noTimeServiceUnlessAsked() throws Exception {
    NtpServer server = start(ServerConfig.loopback());
    assertEquals(Optional.empty(), server.timeUdpAddress());
    assertEquals(Optional.empty(), server.timeTcpAddress());
  }

  @Test
  void tellsAClientOverItsLimitWithAKissItCanMatchToItsRequest() throws Exception {
    NtpServer server = start(ServerConfig.loopback().withRateLimit(RateLimit.DEFAULT.withBurst(1)));
    DatagramSocket socket = client(InetAddress.getLoopbackAddress());
    query(socket, server.address(), NtpTimestamp.parse("eeacbd2e.00000002"));
    NtpPacket kiss = query(socket, server.address(), NtpTimestamp.parse("eeacbd2e.00000003"));
    assertEquals(Optional.of(KissCode.RATE), kiss.kissCode());
    ServerStats stats = awaitStats(server, s -> s.answered() == 2);
    assertEquals(1, stats.kissesOfDeath());
    assertEquals(1, stats.rateLimited());
  }

  @Test
  void sendsAHeldReplyLater() throws Exception {
    NtpServer server =
        start(ServerConfig.loopback().withFaults(Faults.NONE.withDelay(Duration.ofMillis(20))));
    NtpTimestamp t1 = NtpTimestamp.parse("eeacbd2e.00000004");
    NtpPacket reply = query(client(InetAddress.getLoopbackAddress()), server.address(), t1);
    assertEquals(NtpTimestamp.from(NOW), reply.receiveTime());
  }

  @Test
  void countsSimulatedLoss() throws Exception {
    NtpServer server = start(ServerConfig.loopback().withFaults(Faults.NONE.withLoss(1)));
    send(
        client(InetAddress.getLoopbackAddress()),
        server.address(),
        NtpCodec.encode(NtpPacket.clientRequest(4, NtpTimestamp.ZERO)));
    assertEquals(
        1, awaitStats(server, s -> s.dropped(DropReason.LOSS) == 1).dropped(DropReason.LOSS));
  }

  @Test
  void closeReleasesThePortAndIsIdempotent() throws Exception {
    NtpServer server = start(ServerConfig.loopback().withTimePort(0));
    InetSocketAddress address = server.address();
    server.close();
    server.close();
    assertEquals(address, server.address(), "still known after close");
    try (DatagramSocket again = new DatagramSocket(address)) {
      assertEquals(address.getPort(), again.getLocalPort());
    }
  }

  @Test
  void saysWhichAddressCouldNotBeBound() throws Exception {
    try (DatagramSocket taken =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      InetSocketAddress address = (InetSocketAddress) taken.getLocalSocketAddress();
      BindException e = assertThrows(BindException.class, () -> start(ServerConfig.of(address)));
      assertTrue(
          e.getMessage().startsWith("cannot listen on 127.0.0.1:" + address.getPort() + " (UDP): "),
          e.getMessage());
    }
  }

  @Test
  void countsSignedRepliesCryptoNaksAndUnsignedReplies() throws Exception {
    SymmetricKey key = SignedExchanges.SHA1_KEY;
    NtpServer server =
        start(ServerConfig.loopback().withRateLimit(RateLimit.OFF).withKeys(Keyring.of(key)));
    assertTrue(
        server.describe().endsWith("(stratum 3, refid 127.127.1.1; key 2 SHA1)"),
        server.describe());
    DatagramSocket socket = client(InetAddress.getLoopbackAddress());
    byte[] plain =
        NtpCodec.encode(NtpPacket.clientRequest(4, NtpTimestamp.parse("eeacbd2e.61faa000")));
    byte[] tampered = key.sign(plain);
    tampered[71] ^= 1;
    byte[][] requests = {
      key.sign(plain),
      new SymmetricKey(9, SymmetricKey.Algorithm.MD5, new byte[] {1}).sign(plain),
      tampered,
      plain,
    };
    int[] expectedLengths = {72, 52, 52, 48};
    for (int i = 0; i < requests.length; i++) {
      send(socket, server.address(), requests[i]);
      assertEquals(expectedLengths[i], receive(socket).getLength(), "reply to request " + i);
    }
    ServerStats stats = awaitStats(server, s -> s.answered() == 4);
    assertEquals(1, stats.signed());
    assertEquals(1, stats.unknownKeyNaks());
    assertEquals(1, stats.badMacNaks());
    assertEquals(1, stats.unsigned());
    assertTrue(
        stats.summary().endsWith("; signed 1, crypto-NAK 2 (unknown key 1, bad MAC 1), unsigned 1"),
        stats.summary());
  }
}
