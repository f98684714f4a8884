package org.ntplab.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.ntplab.auth.SymmetricKey;
import org.ntplab.server.Disposition.Drop;
import org.ntplab.server.Disposition.Reply;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mac;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpHeader;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;

/**
 * The server's reply logic without sockets: request bytes, client address and arrival time in, a
 * {@link Reply} or a {@link Drop} out.
 *
 * <p><b>What is answered.</b> Mode 3 (client) gets mode 4 (server). Mode 1 (symmetric active) gets
 * mode 2 (symmetric passive) with the same fields: RFC 5905 §9.2 (Figure 16, NEWPS) meets a
 * symmetric active peer it has no association with as the passive side, and like chronyd this
 * server does so without keeping any state; the reply is no larger than the request and
 * rate-limited like a client's. Mode 0 is answered as a client request only when it is NTPv1 from a
 * port other than 123: NTPv1 had no mode field and told client from peer by the ports (RFC 1059),
 * which is chronyd's rule too. Modes 2, 4 and 5 are never answered (that is what stops two servers
 * from talking to each other forever), nor are mode 6 and 7 (ntpq, ntpdc and the monlist
 * amplification attack), nor anything {@link NtpCodec} cannot read.
 *
 * <p><b>The reply</b> (RFC 5905 §7.3, §8, §14): version = the request's (1–4), poll = the
 * request's, precision = the clock's, stratum, reference ID, root delay and dispersion from the
 * config, reference time = arrival − {@link ServerConfig#referenceAge()}, origin = the request's
 * transmit, receive = the arrival time, transmit = read from the clock again in {@link #encode}, as
 * late as possible. The reply is the 48-byte header, never larger than the request: extension
 * fields in the request are not echoed.
 *
 * <p><b>Authentication</b> (RFC 5905 §7.3, {@link ReplyAuth}). An unsigned request gets an unsigned
 * reply. A request whose MAC verifies with a key of {@link ServerConfig#keys()} gets a reply signed
 * with that key, whose MAC is as long as the request's. Any other signed request (unknown key ID, a
 * digest that does not verify, a crypto-NAK) gets the reply with a crypto-NAK instead of a MAC, 4
 * bytes of zero, as ntpd answers it (chronyd does not answer at all): the request was at least 52
 * bytes, so this is not larger either. Kiss-o'-death replies are authenticated the same way.
 *
 * <p><b>Kiss-o'-death</b> (rate limit, or {@link Faults#kissOfDeath()}): LI 3, stratum 0, reference
 * ID the code, and origin = receive = transmit = the request's transmit timestamp, as ntpd sends
 * it: the client can match it to its request, but it carries nothing of the server's clock. A RATE
 * kiss carries poll ≥ {@link RateLimit#minPoll()}, to say how far to back off.
 *
 * <p><b>Unsynchronized</b> ({@link Faults#unsynchronized()}): LI 3, stratum 0 and reference ID
 * {@code INIT}, reference time 0, root delay and dispersion 0: what ntpd sends before its first
 * synchronization (its {@code init_proto}; stratum 16 goes on the wire as 0, {@code
 * STRATUM_TO_PKT}). chronyd also sends stratum 0 there, with reference ID 0 and root delay and
 * dispersion 1 s. The receive and transmit timestamps are real, as both send them.
 *
 * <p><b>Asymmetry.</b> The client computes θ = ((T2−T1) + (T3−T4)) / 2 and δ = (T4−T1) − (T3−T2).
 * Lengthening the outbound leg of a path by A shifts T2, T3 and T4 by A, which adds A/2 to θ and A
 * to δ: θ = true offset + (outbound − inbound) / 2. The server reproduces that: it holds the reply
 * |A| and, for A &gt; 0, stamps receive = arrival + A (the request "arrives" late; transmit is the
 * real send time, so T3−T2 is the server's true processing time); for A &lt; 0, stamps receive =
 * arrival and transmit = send time − |A| (the reply "left" early and spent |A| more on the way).
 * Either way the client sees θ off by A/2 and δ grown by |A|, and cannot tell this from a server
 * whose clock is off by A/2 — which is the lesson: the offset error of one exchange is bounded only
 * by δ/2.
 *
 * <p>Not thread-safe for {@link #respond} (the server calls it from one thread).
 */
public final class Responder {

  /** A crypto-NAK: a MAC of key ID 0 and no digest. */
  private static final int CRYPTO_NAK_LENGTH = 4;

  private final ServerConfig config;
  private final Faults faults;
  private final Clock clock;
  private final RandomGenerator random;
  private final RateLimiter limiter;
  private final int precision;
  private final NtpShort rootDelay;
  private final NtpShort rootDispersion;
  private final Optional<NtsGate> nts;

  public Responder(ServerConfig config, Clock clock, RandomGenerator random) {
    this.config = config;
    this.faults = config.faults();
    this.clock = clock;
    this.random = random;
    this.limiter = new RateLimiter(config.rateLimit());
    this.precision = config.precision().orElseGet(() -> Precision.measure(clock));
    this.rootDelay = NtpShort.from(config.rootDelay());
    this.rootDispersion = NtpShort.from(config.rootDispersion());
    this.nts = config.nts().map(NtsGate::new);
  }

  /**
   * Decides what to do with one datagram.
   *
   * @param arrival when it arrived by the server's real clock (read right after the receive); the
   *     {@linkplain Faults#offset() offset fault} is added here
   */
  public Disposition respond(byte[] request, InetSocketAddress client, Instant arrival) {
    if (request.length == 0) {
      return new Drop(DropReason.MALFORMED, "empty datagram");
    }
    Mode mode = Mode.of(request[0]);
    if (mode == Mode.CONTROL) {
      return new Drop(DropReason.CONTROL_MODE_6, request.length + " bytes");
    }
    if (mode == Mode.PRIVATE) {
      return new Drop(DropReason.PRIVATE_MODE_7, request.length + " bytes");
    }
    if (client.getPort() == 0) {
      return new Drop(DropReason.BAD_SOURCE_PORT, "");
    }
    NtpPacket packet;
    try {
      packet = NtpCodec.decodePacket(request);
    } catch (MalformedPacketException e) {
      return new Drop(DropReason.MALFORMED, e.getMessage());
    }
    Optional<Mode> replyMode = replyMode(packet, client.getPort());
    if (replyMode.isEmpty()) {
      return new Drop(
          DropReason.NOT_A_CLIENT_REQUEST,
          "NTPv" + packet.version() + " mode " + mode.code() + " (" + mode.meaning() + ")");
    }
    if (faults.loss() > 0 && random.nextDouble() < faults.loss()) {
      return new Drop(DropReason.LOSS, "");
    }
    RateLimiter.Decision verdict = limiter.check(client.getAddress(), arrival);
    if (verdict == RateLimiter.Decision.DROP) {
      return new Drop(DropReason.RATE_LIMITED, "");
    }
    NtsGate.Verdict gate = nts.map(g -> g.check(packet, request)).orElseGet(NtsGate.NotNts::new);
    if (gate instanceof NtsGate.Refuse refuse) {
      return refuse.drop();
    }
    ReplyAuth auth =
        gate instanceof NtsGate.Answer answer ? answer.auth() : authenticate(packet, request);
    if (auth instanceof ReplyAuth.NtsNak) {
      return kiss(packet, replyMode.get(), KissCode.NTSN, auth);
    }
    if (verdict == RateLimiter.Decision.KISS) {
      return kiss(packet, replyMode.get(), KissCode.RATE, auth);
    }
    if (faults.kissOfDeath().isPresent()) {
      return kiss(packet, replyMode.get(), faults.kissOfDeath().get(), auth);
    }
    return time(packet, replyMode.get(), arrival.plus(faults.offset()), auth);
  }

  /**
   * The reply's bytes, with the transmit timestamp read from the clock now (plus the offset fault,
   * minus an inbound asymmetry). The clock is read after everything else is encoded and the 8 bytes
   * patched in, so T3 is as close to the send as this layer can get it.
   */
  public byte[] encode(Reply reply) {
    if (reply.auth() instanceof ReplyAuth.NtsNak nak) {
      return NtsGate.nak(reply.packet(), nak);
    }
    byte[] bytes = NtpCodec.encode(reply.packet());
    if (!reply.kissOfDeath()) {
      Instant now = clock.instant();
      Instant transmit = now.plus(faults.offset()).minus(inboundExtra());
      ByteBuffer.wrap(bytes).putLong(NtpHeader.TRANSMIT_TIME, NtpTimestamp.from(transmit).bits());
    }
    if (reply.auth() instanceof ReplyAuth.Nts sealed) {
      // Sealed after the transmit timestamp: the authenticator covers the bytes as sent.
      return nts.orElseThrow().seal(NtpCodec.decodePacket(bytes), sealed, faults.ntsForge());
    }
    if (reply.auth() instanceof ReplyAuth.Signed signed) {
      return signed.key().sign(bytes); // over the bytes as sent, transmit timestamp included
    }
    if (reply.auth() instanceof ReplyAuth.CryptoNak) {
      return Arrays.copyOf(bytes, bytes.length + CRYPTO_NAK_LENGTH); // key ID 0, no digest
    }
    return bytes;
  }

  /** log2 seconds, as configured or measured at construction. */
  public int precision() {
    return precision;
  }

  public ServerConfig config() {
    return config;
  }

  /** The rate limiter's state, for the server's counters. */
  public RateLimiter limiter() {
    return limiter;
  }

  /** The request's MAC against the configured keys: how the reply is to be authenticated. */
  private ReplyAuth authenticate(NtpPacket request, byte[] bytes) {
    if (request.mac().isEmpty()) {
      return ReplyAuth.UNSIGNED;
    }
    Mac mac = request.mac().get();
    Optional<SymmetricKey> key =
        config.keys().find(mac.keyId()); // a crypto-NAK's key ID 0 is never a key
    if (key.isEmpty()) {
      return new ReplyAuth.CryptoNak(ReplyAuth.Reason.UNKNOWN_KEY);
    }
    // A digest of another length than the key's algorithm makes (SHA1 for an MD5 key) fails here
    // too.
    return key.get().verifies(bytes, bytes.length - mac.length(), mac)
        ? new ReplyAuth.Signed(key.get())
        : new ReplyAuth.CryptoNak(ReplyAuth.Reason.BAD_MAC);
  }

  private static Optional<Mode> replyMode(NtpPacket request, int sourcePort) {
    return switch (request.mode()) {
      case CLIENT -> Optional.of(Mode.SERVER);
      case SYMMETRIC_ACTIVE -> Optional.of(Mode.SYMMETRIC_PASSIVE);
      // NTPv1 peers sent from port 123; a v1 mode-0 packet from elsewhere is a client's.
      case RESERVED ->
          request.version() == 1 && sourcePort != NtpMessage.PORT
              ? Optional.of(Mode.SERVER)
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private Reply time(NtpPacket request, Mode mode, Instant served, ReplyAuth auth) {
    boolean unsynchronized = faults.unsynchronized();
    Instant receive = served.plus(outboundExtra());
    NtpPacket reply =
        new NtpPacket(
            unsynchronized ? LeapIndicator.UNSYNCHRONIZED : faults.leap(),
            request.version(),
            mode,
            unsynchronized ? 0 : config.stratum(),
            request.poll(),
            precision,
            unsynchronized ? NtpShort.ZERO : rootDelay,
            unsynchronized ? NtpShort.ZERO : rootDispersion,
            unsynchronized ? KissCode.INIT.toReferenceId() : config.referenceId(),
            unsynchronized
                ? NtpTimestamp.ZERO
                : NtpTimestamp.from(served.minus(config.referenceAge())),
            request.transmitTime(),
            NtpTimestamp.from(receive),
            NtpTimestamp.ZERO, // stamped by encode()
            List.of(),
            Optional.empty());
    return new Reply(reply, faults.hold(), false, auth);
  }

  private Reply kiss(NtpPacket request, Mode mode, KissCode code, ReplyAuth auth) {
    int poll =
        code.equals(KissCode.RATE)
            ? Math.max(request.poll(), config.rateLimit().minPoll())
            : request.poll();
    NtpTimestamp theirs = request.transmitTime();
    NtpPacket reply =
        new NtpPacket(
            LeapIndicator.UNSYNCHRONIZED,
            request.version(),
            mode,
            0,
            poll,
            precision,
            NtpShort.ZERO,
            NtpShort.ZERO,
            code.toReferenceId(),
            NtpTimestamp.ZERO,
            theirs,
            theirs,
            theirs,
            List.of(),
            Optional.empty());
    return new Reply(reply, faults.hold(), true, auth);
  }

  /** How much later the request seems to arrive: a longer outbound path. */
  private Duration outboundExtra() {
    return faults.asymmetry().isNegative() ? Duration.ZERO : faults.asymmetry();
  }

  /** How much earlier the reply seems to leave: a longer inbound path. */
  private Duration inboundExtra() {
    return faults.asymmetry().isNegative() ? faults.asymmetry().negated() : Duration.ZERO;
  }
}
