package org.ntplab.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;
import org.ntplab.nts.Cookie;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.nts.ke.KeClient;
import org.ntplab.nts.ke.KeResult;
import org.ntplab.nts.ke.KeTrust;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * Our NTS client's network half, run where the test cannot reach (inside a {@link Namespace}):
 * NTS-KE with {@link KeClient}, then {@value #EXCHANGES} NTS requests from {@link
 * NtsClient#request} over UDP, each with a cookie of its own. It judges nothing: it writes what it
 * sent and received (keys, identifiers, datagrams, T4) as properties, and the test checks them.
 *
 * <p>{@code java ... NtsProbe HOST KE_PORT CA_PEM OUT}. It first waits, with plain NTP, until the
 * server answers with a stratum (the stratum goes out as {@code stratum}). NTS-KE is tried again
 * until a connection succeeds or {@value #KE_SECONDS} s pass, since the server may still be
 * starting; each request is sent up to three times, a second apart, before the probe gives up on
 * it.
 */
final class NtsProbe {

  /** One per cookie NTS-KE gives: the least delay among them makes a good offset. */
  static final int EXCHANGES = 8;

  private static final int KE_SECONDS = 20;
  private static final int READY_SECONDS = 20;
  private static final HexFormat HEX = HexFormat.of();

  private NtsProbe() {}

  public static void main(String[] args) throws IOException {
    String host = args[0];
    int kePort = Integer.parseInt(args[1]);
    KeTrust trust = KeTrust.fromPem(Path.of(args[2]));
    Properties out = new Properties();
    out.setProperty("stratum", String.valueOf(awaitStratum(new InetSocketAddress(host, 123))));
    KeResult ke = exchange(host, kePort, trust);
    out.setProperty("ke", ke.toString());
    if (ke instanceof KeResult.Agreed agreed) {
      record(agreed, out);
    }
    try (OutputStream file = Files.newOutputStream(Path.of(args[3]))) {
      out.store(file, "NtsProbe " + host + " " + kePort);
    }
  }

  /**
   * The stratum of the first plain reply that has one, asking every 200 ms for up to {@value
   * #READY_SECONDS} s (0 if none did): a daemon just started answers with the kiss code INIT at
   * stratum 0 until it has a source, or, as an orphan, until it has noticed that it has none.
   */
  private static int awaitStratum(InetSocketAddress server) throws IOException {
    long deadline = System.nanoTime() + Duration.ofSeconds(READY_SECONDS).toNanos();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(200);
      while (System.nanoTime() - deadline < 0) {
        byte[] request =
            NtpCodec.encode(NtpPacket.clientRequest(4, NtpTimestamp.from(Instant.now())));
        socket.send(new DatagramPacket(request, request.length, server));
        DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
        try {
          socket.receive(reply);
          int stratum = reply.getData()[1] & 0xff;
          if (stratum != 0) {
            return stratum;
          }
          pause(200);
        } catch (SocketTimeoutException e) {
          // not up yet, or lost: ask again
        }
      }
    }
    return 0;
  }

  private static KeResult exchange(String host, int kePort, KeTrust trust) {
    KeClient client =
        new KeClient(
            KeClient.Options.defaults().withTrust(trust).withTimeout(Duration.ofSeconds(10)));
    long deadline = System.nanoTime() + Duration.ofSeconds(KE_SECONDS).toNanos();
    while (true) {
      KeResult result = client.exchange(host, kePort);
      boolean notYet = result instanceof KeResult.Failed f && f.stage() == KeResult.Stage.CONNECT;
      if (!notYet || System.nanoTime() - deadline > 0) {
        return result;
      }
      pause(200);
    }
  }

  private static void record(KeResult.Agreed agreed, Properties out) throws IOException {
    out.setProperty("aead", String.valueOf(agreed.keys().aead().id()));
    out.setProperty("c2s", agreed.keys().c2sHex());
    out.setProperty("s2c", agreed.keys().s2cHex());
    out.setProperty("cookies", String.valueOf(agreed.cookies().size()));
    out.setProperty("cookieLength", String.valueOf(agreed.cookies().get(0).cookie().length));
    InetSocketAddress server = new InetSocketAddress(agreed.ntpServer(), agreed.ntpPort());
    out.setProperty("server", agreed.ntpServer() + " " + agreed.ntpPort());
    SecureRandom random = new SecureRandom();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(1000);
      for (int i = 0; i < EXCHANGES; i++) {
        UniqueIdentifier uid = UniqueIdentifier.random(random);
        Cookie cookie = new Cookie(agreed.cookies().get(i).cookie());
        NtpPacket header = NtpPacket.clientRequest(4, NtpTimestamp.from(Instant.now()));
        byte[] request =
            NtpCodec.encode(NtsClient.request(header, uid, cookie, 0, agreed.keys(), random));
        out.setProperty("uid." + i, HEX.formatHex(uid.bytes()));
        out.setProperty("request." + i, HEX.formatHex(request));
        DatagramPacket reply = ask(socket, server, request);
        if (reply == null) {
          return;
        }
        out.setProperty("t4." + i, Long.toHexString(NtpTimestamp.from(Instant.now()).bits()));
        out.setProperty(
            "reply." + i, HEX.formatHex(Arrays.copyOfRange(reply.getData(), 0, reply.getLength())));
        out.setProperty("source." + i, reply.getAddress().getHostAddress() + " " + reply.getPort());
      }
    }
  }

  /** The first datagram after sending {@code request} (up to three times), or null. */
  private static DatagramPacket ask(DatagramSocket socket, InetSocketAddress server, byte[] request)
      throws IOException {
    for (int attempt = 0; attempt < 3; attempt++) {
      socket.send(new DatagramPacket(request, request.length, server));
      DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
      try {
        socket.receive(reply);
        return reply;
      } catch (SocketTimeoutException e) {
        // asked again: a loaded machine may have dropped it
      }
    }
    return null;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
