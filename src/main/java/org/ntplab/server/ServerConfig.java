package org.ntplab.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.ntplab.auth.Keyring;
import org.ntplab.nts.CookieJar;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.ReferenceId;

/**
 * How the lab server presents itself. {@link #loopback()} is the usual start: 127.0.0.1 on an
 * ephemeral port, every default below, no TIME service; change a field with a {@code with…} method.
 *
 * <p>The defaults copy chronyd configured with {@code local stratum 3} (the setup the interop tests
 * use for captures): stratum 3, reference ID 127.127.1.1 (chrony's and ntpd's pseudo-address of the
 * local clock), root delay and dispersion 0, and a reference time one second before each reply
 * ("now less a second", chrony's {@code reference.c} for the local reference).
 *
 * @param bind where to listen for NTP; port 0 picks a free port
 * @param timePort the RFC 868 TIME port (UDP and TCP) on the same address: {@link #NO_TIME_SERVICE}
 *     for none, 0 for an ephemeral port
 * @param stratum 1 (a reference clock) to 15
 * @param referenceId for stratum 1 a clock name such as {@code LOCL} or {@code GPS}, else an IPv4
 *     address
 * @param rootDelay round trip to the reference clock, as announced (0 to 65535 s)
 * @param rootDispersion error bound to the reference clock, as announced (0 to 65535 s)
 * @param referenceAge how long before each reply the clock was last set
 * @param precision log2 seconds of the clock's resolution; empty: measure it at start
 * @param faults misbehaviour on purpose, {@link Faults#NONE} by default
 * @param rateLimit per-client limit, {@link RateLimit#DEFAULT} by default
 * @param keys the symmetric keys a signed request may use (RFC 5905 §7.3), none by default: a
 *     request signed with one of them gets a reply signed with it, any other signed request a
 *     crypto-NAK (see {@link Responder})
 * @param nts the cookies of NTS (RFC 8915), shared with the NTS-KE server that hands them out;
 *     empty by default: a request with an NTS cookie is then answered as an unauthenticated one,
 *     which an NTS client refuses
 */
public record ServerConfig(
    InetSocketAddress bind,
    int timePort,
    int stratum,
    ReferenceId referenceId,
    Duration rootDelay,
    Duration rootDispersion,
    Duration referenceAge,
    OptionalInt precision,
    Faults faults,
    RateLimit rateLimit,
    Keyring keys,
    Optional<CookieJar> nts) {

  public static final int NO_TIME_SERVICE = -1;
  public static final int DEFAULT_STRATUM = 3;
  public static final int TIME_PORT = 37;

  /** 127.127.1.1: what chronyd and ntpd send for their own local clock at stratum 2 and up. */
  public static final ReferenceId LOCAL_CLOCK_ADDRESS = new ReferenceId(0x7f7f0101);

  /**
   * {@code LOCL}: the name of an undisciplined local clock at stratum 1 (RFC 5905 Figure 12 lists
   * its kin).
   */
  public static final ReferenceId LOCAL_CLOCK_NAME = ReferenceId.ofAscii("LOCL");

  public ServerConfig {
    if (timePort < NO_TIME_SERVICE || timePort > 65535) {
      throw new IllegalArgumentException(
          "TIME port must be 0 to 65535, or -1 for none: " + timePort);
    }
    if (stratum < 1 || stratum > 15) {
      throw new IllegalArgumentException(
          "stratum must be 1 to 15 (for 16, unsynchronized, use that fault): " + stratum);
    }
    NtpShort.from(rootDelay); // throws when it does not fit 16.16 seconds
    NtpShort.from(rootDispersion);
    if (referenceAge.isNegative()) {
      throw new IllegalArgumentException("reference age must not be negative: " + referenceAge);
    }
    if (precision.isPresent() && (precision.getAsInt() < -63 || precision.getAsInt() > 0)) {
      throw new IllegalArgumentException(
          "precision must be -63 to 0 (log2 seconds): " + precision.getAsInt());
    }
  }

  /** 127.0.0.1, an ephemeral port, no TIME service, the defaults. */
  public static ServerConfig loopback() {
    return of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  /** The defaults on {@code bind}, no TIME service. */
  public static ServerConfig of(InetSocketAddress bind) {
    return new ServerConfig(
        bind,
        NO_TIME_SERVICE,
        DEFAULT_STRATUM,
        LOCAL_CLOCK_ADDRESS,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ofSeconds(1),
        OptionalInt.empty(),
        Faults.NONE,
        RateLimit.DEFAULT,
        Keyring.EMPTY,
        Optional.empty());
  }

  /**
   * The reference ID a server at this stratum uses for its own clock: LOCL at 1, else 127.127.1.1.
   */
  public static ReferenceId localClockId(int stratum) {
    return stratum == 1 ? LOCAL_CLOCK_NAME : LOCAL_CLOCK_ADDRESS;
  }

  public ServerConfig withBind(InetSocketAddress bind) {
    return with(c -> c.bind = bind);
  }

  public ServerConfig withTimePort(int timePort) {
    return with(c -> c.timePort = timePort);
  }

  /**
   * Sets the stratum; a reference ID still at its default follows it (LOCL at 1, else 127.127.1.1).
   */
  public ServerConfig withStratum(int stratum) {
    boolean defaultId = referenceId.equals(localClockId(this.stratum));
    return with(
        c -> {
          c.stratum = stratum;
          c.referenceId = defaultId ? localClockId(stratum) : referenceId;
        });
  }

  public ServerConfig withReferenceId(ReferenceId referenceId) {
    return with(c -> c.referenceId = referenceId);
  }

  public ServerConfig withRootDelay(Duration rootDelay) {
    return with(c -> c.rootDelay = rootDelay);
  }

  public ServerConfig withRootDispersion(Duration rootDispersion) {
    return with(c -> c.rootDispersion = rootDispersion);
  }

  public ServerConfig withReferenceAge(Duration referenceAge) {
    return with(c -> c.referenceAge = referenceAge);
  }

  public ServerConfig withPrecision(int precision) {
    return with(c -> c.precision = OptionalInt.of(precision));
  }

  public ServerConfig withFaults(Faults faults) {
    return with(c -> c.faults = faults);
  }

  public ServerConfig withRateLimit(RateLimit rateLimit) {
    return with(c -> c.rateLimit = rateLimit);
  }

  public ServerConfig withKeys(Keyring keys) {
    return with(c -> c.keys = keys);
  }

  /** Serves NTS with the cookies of {@code nts}. */
  public ServerConfig withNts(CookieJar nts) {
    return with(c -> c.nts = Optional.of(nts));
  }

  /**
   * This configuration with {@code change} made to a copy of its fields: the one place, beside the
   * record's header, that lists them, so a new field does not touch every wither.
   */
  private ServerConfig with(Consumer<Fields> change) {
    Fields c = new Fields(this);
    change.accept(c);
    return new ServerConfig(
        c.bind,
        c.timePort,
        c.stratum,
        c.referenceId,
        c.rootDelay,
        c.rootDispersion,
        c.referenceAge,
        c.precision,
        c.faults,
        c.rateLimit,
        c.keys,
        c.nts);
  }

  /** The fields, mutable, for {@link #with}. */
  private static final class Fields {
    InetSocketAddress bind;
    int timePort;
    int stratum;
    ReferenceId referenceId;
    Duration rootDelay;
    Duration rootDispersion;
    Duration referenceAge;
    OptionalInt precision;
    Faults faults;
    RateLimit rateLimit;
    Keyring keys;
    Optional<CookieJar> nts;

    Fields(ServerConfig c) {
      bind = c.bind;
      timePort = c.timePort;
      stratum = c.stratum;
      referenceId = c.referenceId;
      rootDelay = c.rootDelay;
      rootDispersion = c.rootDispersion;
      referenceAge = c.referenceAge;
      precision = c.precision;
      faults = c.faults;
      rateLimit = c.rateLimit;
      keys = c.keys;
      nts = c.nts;
    }
  }
}
