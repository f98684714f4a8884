package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.sync.NtsReplyCheck;
import org.ntplab.sync.ReplyCheck;
import org.ntplab.sync.Sample;
import org.ntplab.testing.TestCertificates;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;
import org.opentest4j.AssertionFailedError;

/**
 * NTS between NTPsec's ntpd 1.2.2 and ntplab, both ways, each in a {@link Namespace} of its own:
 * ntpd takes NTS-KE on 0.0.0.0:4460 and NTP on 123, and refuses 127/8 servers, so the servers live
 * on 10.123.0.1N on the namespace's loopback.
 *
 * <p>The certificate is the test's, self-signed EC P-256 with the servers' addresses as IP names:
 * NTPsec's client checks them ({@code NTSc: certificate invalid: 64=>IP address mismatch} when the
 * name is missing), so no {@code noval} is needed. ntpd runs as root here and reads the key as it
 * is.
 *
 * <p>Our client cannot reach into the namespace from the test's JVM: {@link NtsProbe} runs there
 * with {@code KeClient} and {@code NtsClient}, and writes the keys and datagrams; the checks
 * ({@code NtsClient.check}, {@code NtsReplyCheck}, the offset) are made here. ntpd serves as an
 * orphan ({@code tos orphan 5}) so that its replies say stratum 5, leap 0: it has no source, and
 * with {@code disable ntp} it keeps off the clock.
 */
class NtpsecNtsIT {

  private static final String SERVER = "10.123.0.11";
  private static final String FORGER = "10.123.0.12";
  private static final String CLIENT = "10.123.0.19";
  private static final int ORPHAN_STRATUM = 5;
  private static final double OFFSET_MS = 25;
  private static final Duration SELECTION_LIMIT = Duration.ofSeconds(30);

  private static final TestCertificates.Issued CERTIFICATE =
      TestCertificates.selfSigned("localhost", "DNS:localhost", "IP:" + SERVER, "IP:" + FORGER);

  @TempDir Path dir;

  /**
   * NTS-KE gives AES-SIV-CMAC-256 keys and eight cookies; each of eight requests gets a reply that
   * verifies under S2C, echoes the unique identifier and carries a new cookie; the best of them
   * (least delay) is within 1 ms of our clock, as it must be on one machine. A copy of a reply with
   * one ciphertext bit flipped is refused, and never accepted as time.
   */
  @Test
  void ourClientGetsAuthenticatedTimeFromNtpsecsNtsServer() throws IOException {
    Path cert = writeCertificate();
    List<String> conf =
        List.of(
            "interface ignore wildcard",
            "interface listen " + SERVER,
            "statsdir " + dir + "/",
            "disable ntp",
            "disable kernel",
            "tos orphan " + ORPHAN_STRATUM + " orphanwait 0",
            // The probe's plain polls while ntpd starts and its eight requests come faster than
            // ntpd's default limit lets a client ask (it then stops answering it for a while).
            "limit average 50 burst 100",
            "nts enable",
            "nts cert " + cert,
            "nts key " + dir.resolve("server.key"),
            "nts cookie " + dir.resolve("nts-keys"));
    try (Namespace namespace = Namespace.open(dir, SERVER);
        Daemon ntpd = ntpd(namespace, new InetSocketAddress(SERVER, 123), conf)) {
      Properties probe = probe(namespace, cert, ntpd);
      String context = ntpd.context("was asked by NtsProbe: " + summary(probe));
      assertEquals(
          String.valueOf(ORPHAN_STRATUM),
          probe.getProperty("stratum"),
          "the stratum of ntpd's plain replies (0: it never served as an orphan)\n" + context);
      assertTrue(probe.containsKey("aead"), "NTS-KE came to " + probe.get("ke") + "\n" + context);
      assertEquals("15", probe.getProperty("aead"), "AES-SIV-CMAC-256\n" + context);
      assertEquals("8", probe.getProperty("cookies"), context);
      assertEquals(SERVER + " 123", probe.getProperty("server"), context);
      NtsKeys keys = NtsKeys.parse(15, probe.getProperty("c2s"), probe.getProperty("s2c"));
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < NtsProbe.EXCHANGES; i++) {
        Exchange exchange = Exchange.of(probe, i, context);
        NtsReplyCheck.Authenticated authenticated =
            assertInstanceOf(
                NtsReplyCheck.Authenticated.class, exchange.check(keys), "reply " + i + context);
        NtpPacket reply = authenticated.reply();
        assertEquals(ORPHAN_STRATUM, reply.stratum(), context);
        assertEquals(LeapIndicator.NO_WARNING, reply.leap(), context);
        assertFalse(authenticated.check().cookies().isEmpty(), "no new cookie\n" + context);
        samples.add(Sample.of(exchange.t1(), reply, exchange.t4()));
      }
      Sample best = Sample.best(samples).orElseThrow();
      System.out.println(
          ntpd
              + " over NTS, least delay of "
              + samples.size()
              + ": offset "
              + best.offset()
              + ", delay "
              + best.delay());
      assertTrue(
          Math.abs(best.offsetNanos()) < 1_000_000,
          "offset " + best.offset() + " (delay " + best.delay() + ")\n" + context);

      Exchange forged = Exchange.of(probe, 0, context).withCiphertextBitFlipped();
      NtsCheck.NotVerified refused =
          assertInstanceOf(
              NtsCheck.NotVerified.class,
              NtsClient.check(forged.reply(), forged.uid(), keys),
              context);
      assertEquals(NtsCheck.Reason.AUTHENTICATION_FAILED, refused.reason());
      assertInstanceOf(NtsReplyCheck.Unauthenticated.class, forged.check(keys));
    }
  }

  /**
   * ntpd with two NTS servers, both {@code ntplab serve --nts} at +25 ms: it selects the honest one
   * ({@code *}) with an offset within 1 ms of 25 ms, and never hears the one that forges its
   * replies (reach 0 throughout), though that one answered.
   */
  @Test
  void ntpsecsNtsClientSelectsOurServerAndNeverTheForger() throws IOException {
    Path cert = writeCertificate();
    List<String> conf = new ArrayList<>(clientConf());
    for (String server : List.of(SERVER, FORGER)) {
      conf.add("server " + server + " nts ca " + cert + " iburst minpoll 0 maxpoll 0");
    }
    try (Namespace namespace = Namespace.open(dir, SERVER, FORGER, CLIENT);
        ServeProcess honest = serve(namespace, SERVER, cert);
        ServeProcess forger = serve(namespace, FORGER, cert, "--nts-forge");
        Daemon ntpd = ntpd(namespace, new InetSocketAddress(CLIENT, 123), conf)) {
      List<String> tables = new ArrayList<>();
      Optional<NtpqRow> selected = awaitSelected(namespace, ntpd, tables, forger);
      String context =
          ntpd.context(
              "polled "
                  + SERVER
                  + " and "
                  + FORGER
                  + "; ntpq -pn, last:\n"
                  + (tables.isEmpty() ? "(none)" : tables.get(tables.size() - 1))
                  + "\nhonest server: "
                  + honest.output()
                  + "\nforger: "
                  + forger.output());
      selected.ifPresent(
          row ->
              System.out.println(ntpd + " selected " + SERVER + " at " + row.offsetMs() + " ms"));
      assertTrue(
          selected.isPresent(), "ntpd never selected " + SERVER + " within 1 ms\n" + context);
      // Every table ntpd answered (its mode 6 port may open after the first ntpq) has the forger
      // at reach 0: not one of its replies passed.
      for (String table : tables) {
        if (NtpqRow.of(table, SERVER).isPresent()) {
          Optional<NtpqRow> row = NtpqRow.of(table, FORGER);
          assertTrue(row.isPresent(), "no row for " + FORGER + " in\n" + table + context);
          assertEquals("0", row.get().reach(), "ntpd heard the forger\n" + table + context);
        }
      }
      Map<String, Long> counters = forger.counters();
      assertTrue(
          counters.getOrDefault("answered", 0L) >= 1,
          "the forger was never asked: " + counters + "\n" + context);
    }
  }

  /**
   * ntpq -pn every half second until ntpd shows {@link #SERVER} as its system peer within 1 ms of
   * {@link #OFFSET_MS} and the forger has answered at least once (its replies were thrown away, not
   * missing), or {@link #SELECTION_LIMIT} passes; every table goes into {@code tables}.
   */
  private static Optional<NtpqRow> awaitSelected(
      Namespace namespace, Daemon ntpd, List<String> tables, ServeProcess forger) {
    long deadline = System.nanoTime() + SELECTION_LIMIT.toNanos();
    boolean forgerAnswered = false;
    while (System.nanoTime() - deadline < 0) {
      Run ntpq =
          Run.of(
              Duration.ofSeconds(15),
              namespace.enter(
                  List.of(
                      Peers.PYTHON,
                      Peers.root().resolve("ntpsec/usr/bin/ntpq").toString(),
                      "-pn",
                      "127.0.0.1")));
      tables.add(ntpq.out() + ntpq.err());
      forgerAnswered = forgerAnswered || forger.counters().getOrDefault("answered", 0L) >= 1;
      Optional<NtpqRow> row = NtpqRow.of(ntpq.out(), SERVER);
      if (forgerAnswered
          && row.isPresent()
          && row.get().tally() == '*'
          && Math.abs(row.get().offsetMs() - OFFSET_MS) < 1) {
        return row;
      }
      pause(500);
    }
    return Optional.empty();
  }

  /** The lines of an ntpd that only asks: its mode 6 answers on 127.0.0.1 for ntpq. */
  private List<String> clientConf() {
    return List.of(
        "interface ignore wildcard",
        "interface listen 127.0.0.1",
        "interface listen " + CLIENT,
        "restrict default",
        "restrict 127.0.0.1",
        "statsdir " + dir + "/",
        "disable ntp",
        "disable kernel");
  }

  private Daemon ntpd(Namespace namespace, InetSocketAddress address, List<String> conf)
      throws IOException {
    Path file = Files.write(dir.resolve("ntp.conf"), conf);
    return Daemon.startIn(
        namespace, Peers.ntpsecVersion(), address, dir, Peers.ntpsecNtpdCommand(file));
  }

  private ServeProcess serve(Namespace namespace, String address, Path cert, String... more)
      throws IOException {
    List<String> options =
        new ArrayList<>(
            List.of(
                "--rate-interval",
                "0",
                "--offset",
                (long) OFFSET_MS + "ms",
                "--stratum",
                "2",
                "--root-delay",
                "10ms",
                "--root-dispersion",
                "5ms",
                "--nts",
                "--cert",
                cert.toString(),
                "--key",
                dir.resolve("server.key").toString(),
                "--ke-port",
                "4460"));
    options.addAll(List.of(more));
    return ServeProcess.startIn(
        namespace,
        new InetSocketAddress(address, 123),
        128,
        Files.createTempDirectory(dir, "serve"),
        options.toArray(String[]::new));
  }

  /** {@link NtsProbe} in the namespace against ntpd's NTS-KE on {@link #SERVER}:4460. */
  private Properties probe(Namespace namespace, Path cert, Daemon ntpd) throws IOException {
    Path out = dir.resolve("probe.properties");
    Run run =
        Run.of(
            Duration.ofSeconds(60),
            namespace.enter(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    NtsProbe.class.getName(),
                    SERVER,
                    "4460",
                    cert.toString(),
                    out.toString())));
    if (run.exitCode() != 0 || !Files.exists(out)) {
      throw ntpd.failure("was not probed: " + run.describe());
    }
    Properties probe = new Properties();
    try (Reader in = Files.newBufferedReader(out)) {
      probe.load(in);
    }
    return probe;
  }

  /** What the probe found, without the keys and requests: for failure messages. */
  private static String summary(Properties probe) {
    StringBuilder b = new StringBuilder();
    for (String key : new TreeSet<>(probe.stringPropertyNames())) {
      if (!key.equals("ke") && !key.startsWith("request.") && !key.matches("c2s|s2c|uid\\..*")) {
        b.append('\n').append(key).append('=').append(probe.getProperty(key));
      }
    }
    return b.toString();
  }

  private Path writeCertificate() throws IOException {
    Files.writeString(dir.resolve("server.key"), CERTIFICATE.privateKeyPem());
    return Files.writeString(dir.resolve("server.crt"), CERTIFICATE.certificatePem());
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted", e);
    }
  }

  /** One of {@link NtsProbe}'s exchanges, as it wrote it. */
  private record Exchange(
      byte[] request,
      UniqueIdentifier uid,
      byte[] reply,
      InetSocketAddress source,
      NtpTimestamp t4) {

    static Exchange of(Properties probe, int i, String context) {
      String reply = probe.getProperty("reply." + i);
      if (reply == null) {
        throw new AssertionFailedError("no reply to request " + i + "\n" + context);
      }
      String[] source = probe.getProperty("source." + i).split(" ");
      HexFormat hex = HexFormat.of();
      return new Exchange(
          hex.parseHex(probe.getProperty("request." + i)),
          new UniqueIdentifier(hex.parseHex(probe.getProperty("uid." + i))),
          hex.parseHex(reply),
          new InetSocketAddress(source[0], Integer.parseInt(source[1])),
          new NtpTimestamp(Long.parseUnsignedLong(probe.getProperty("t4." + i), 16)));
    }

    NtpTimestamp t1() {
      return NtpCodec.decodePacket(request).transmitTime();
    }

    /** The reply as an NTS client of {@link #SERVER} checks it. */
    NtsReplyCheck.Outcome check(NtsKeys keys) {
      InetSocketAddress server = new InetSocketAddress(SERVER, 123);
      return new NtsReplyCheck(ReplyCheck.forClient(server, t1()), uid, keys).check(source, reply);
    }

    /**
     * This exchange with the reply's first ciphertext byte's low bit flipped: the authenticator is
     * the last field, and its value is the two lengths, the nonce (padded to a word), then the
     * ciphertext.
     */
    Exchange withCiphertextBitFlipped() {
      NtpPacket packet = NtpCodec.decodePacket(reply);
      var fields = packet.extensionFields();
      int fieldAt = reply.length - fields.get(fields.size() - 1).length();
      int nonceLength = (reply[fieldAt + 4] & 0xff) << 8 | reply[fieldAt + 5] & 0xff;
      int ciphertextAt = fieldAt + 4 + 4 + (nonceLength + 3) / 4 * 4;
      byte[] flipped = reply.clone();
      flipped[ciphertextAt] ^= 1;
      return new Exchange(request, uid, flipped, source, t4);
    }
  }

  /** A row of {@code ntpq -pn}: the tally code, the remote, its reach (octal) and offset. */
  private record NtpqRow(char tally, String remote, String reach, double offsetMs) {

    /** The row for {@code remote} in {@code table}, the lines after the {@code ====} rule. */
    static Optional<NtpqRow> of(String table, String remote) {
      boolean rows = false;
      for (String line : table.split("\n")) {
        if (rows && line.length() > 1) {
          String[] f = line.substring(1).trim().split("\\s+");
          if (f.length >= 10 && f[0].equals(remote)) {
            return Optional.of(new NtpqRow(line.charAt(0), f[0], f[6], Double.parseDouble(f[8])));
          }
        }
        rows |= line.startsWith("====");
      }
      return Optional.empty();
    }
  }
}
