package org.ntplab.inspect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ntplab.sync.Fitness;
import org.ntplab.sync.Problem;
import org.ntplab.text.Durations;
import org.ntplab.text.Instants;
import org.ntplab.wire.ControlMessage;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mac;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.PrivateMessage;
import org.ntplab.wire.ReferenceClock;
import org.ntplab.wire.ReferenceId;

/**
 * What the fields of a time packet mean, in words a person reads: the one place the hexdump, the
 * JSON view and any later view take their wording from. Mode 6 and 7 headers are in {@link
 * ControlMeanings}. Durations are written by {@link Durations}.
 */
public final class Meanings {

  private Meanings() {}

  // ---- first byte, stratum, poll, precision -------------------------------------------------

  public static String leap(LeapIndicator leap) {
    return leap.meaning();
  }

  public static String version(int version) {
    return version >= 1 && version <= 4
        ? "NTPv" + version
        : "version " + version + " (not NTP 1-4)";
  }

  public static String mode(Mode mode) {
    return mode.meaning();
  }

  public static String stratum(NtpPacket packet) {
    int stratum = packet.stratum();
    if (stratum == 0) {
      if (!Fitness.carriesTime(packet.mode())) {
        return "unspecified (normal in a request)";
      }
      return packet.kissCode().isPresent()
          ? "kiss-o'-death: see the reference ID"
          : "unspecified or invalid";
    }
    if (stratum == 1) {
      return "primary server (reference clock)";
    }
    if (stratum < NtpPacket.MAX_STRATUM) {
      return "secondary server (synchronized over NTP)";
    }
    return stratum == NtpPacket.MAX_STRATUM ? "unsynchronized" : "reserved (invalid)";
  }

  public static String poll(int log2Seconds) {
    return Durations.powerOfTwo(log2Seconds) + " between messages";
  }

  public static String precision(int log2Seconds) {
    return Durations.powerOfTwo(log2Seconds) + " clock precision";
  }

  /**
   * Where our clock stands, from an offset θ (how far the server is ahead of us): {@code your clock
   * is 12.3 ms behind the server's}.
   */
  public static String clockStanding(Duration offset) {
    if (offset.isZero()) {
      return "your clock agrees with the server's to the nanosecond";
    }
    return "your clock is "
        + Durations.text(offset.abs())
        + (offset.isNegative() ? " ahead of" : " behind")
        + " the server's";
  }

  // ---- root delay, dispersion, reference ID ---------------------------------------------------

  public static String rootDelay(NtpShort delay) {
    return Durations.text(delay.seconds()) + " round trip to the reference clock";
  }

  public static String rootDispersion(NtpShort dispersion) {
    return Durations.text(dispersion.seconds()) + " error bound to the reference clock";
  }

  /** The reference ID as text: the packet's own rendering, or hex when that has nothing to show. */
  public static String referenceIdValue(NtpPacket packet) {
    String text = packet.referenceIdText();
    return text.isEmpty() ? packet.referenceId().hex() : text;
  }

  public static String referenceId(NtpPacket packet) {
    ReferenceId id = packet.referenceId();
    return switch (ReferenceId.kindFor(packet.stratum(), packet.version())) {
      case KISS_CODE ->
          packet
              .kissCode()
              .map(Meanings::kissCode)
              .orElse(id.bits() == 0 ? "none" : "not ASCII, so not a kiss code");
      case REFERENCE_CLOCK ->
          ReferenceClock.from(id)
              .map(
                  clock ->
                      "reference clock: " + clock.meaning().orElse("not a name RFC 5905 lists"))
              .orElse("not ASCII (expected: a reference clock name)");
      case IPV4_ADDRESS ->
          isLocalClockAddress(id) ? localClock(id) : "upstream server's IPv4 address";
      case IPV4_OR_IPV6_HASH ->
          isLocalClockAddress(id) ? localClock(id) : "upstream server: IPv4 address or IPv6 hash";
    };
  }

  /** {@code RATE — rate exceeded: …; the client must poll less often}. */
  public static String kissCode(KissCode code) {
    String meaning = code.code() + " — " + code.meaning().orElse("not a code any RFC defines");
    return switch (code.action()) {
      case STOP_USING_SERVER -> meaning + "; the client must stop using this server";
      case REDUCE_RATE -> meaning + "; the client must poll less often";
      case RENEW_NTS_KEYS -> meaning + "; the client must get new NTS keys";
      case NONE -> meaning;
    };
  }

  // 127.127.t.u is ntpd's pseudo-address for reference clock driver t, unit u; chrony's `local`
  // reference shows as 127.127.1.1 too. Either way it is not an upstream server.
  private static boolean isLocalClockAddress(ReferenceId id) {
    return id.bits() >>> 16 == 0x7f7f;
  }

  private static String localClock(ReferenceId id) {
    int driver = id.bits() >>> 8 & 0xff;
    return driver == 1
        ? "the server's local clock (127.127.1.u: not an address)"
        : "reference clock driver " + driver + ", unit " + (id.bits() & 0xff) + " (not an address)";
  }

  // ---- timestamps -------------------------------------------------------------------------

  /** The instant in ISO-8601 to the nanosecond, or {@code (zero: unknown)}. */
  public static String timestamp(NtpTimestamp timestamp) {
    Optional<Instant> instant = timestamp.instant();
    return instant.isPresent() ? Instants.iso(instant.get()) : "(zero: unknown)";
  }

  /**
   * The 32.32 value as decimal seconds into its era, to the nanosecond: {@code =
   * 3869213010.188123546 s since 1900}; empty for zero.
   */
  public static String timestampParts(NtpTimestamp timestamp) {
    if (timestamp.isZero()) {
      return "";
    }
    BigDecimal seconds =
        new BigDecimal(timestamp.seconds())
            .add(
                new BigDecimal(timestamp.fraction())
                    .divide(new BigDecimal(1L << 32))
                    .setScale(9, RoundingMode.HALF_EVEN));
    String since = timestamp.defaultEra() == 0 ? " s since 1900" : " s since 2036-02-07 (era 1)";
    return "= " + seconds.toPlainString() + since;
  }

  // ---- after the header -----------------------------------------------------------------------

  public static String extensionFieldName(ExtensionField field) {
    return field.name().orElse("unregistered type");
  }

  /** What the value of a known field is for; empty when the type says nothing about it. */
  public static String extensionFieldValue(ExtensionField field) {
    return switch (field.type()) {
      case 0x0104 -> "random; the reply echoes it";
      case 0x0204 -> "opaque: the keys, sealed by the server";
      case 0x0304 -> "zeros: asks for one more cookie";
      case 0x0404 -> "nonce and ciphertext (RFC 8915 §5.6)";
      default -> "";
    };
  }

  public static String macKeyId(Mac mac) {
    return mac.isCryptoNak()
        ? "crypto-NAK: the request failed authentication"
        : "key " + mac.keyId() + " of the keys both sides share";
  }

  public static String macDigest(Mac mac) {
    return switch (mac.digest().length) {
      case 8 -> "DES-CBC (NTPv3 and older), judging by length";
      case 16 -> "MD5 (or AES-128-CMAC), judging by length";
      case 20 -> "SHA1, judging by length";
      default -> "no digest";
    };
  }

  /** {@code 1 byte}, {@code 36 bytes}. */
  public static String bytes(int count) {
    return count + (count == 1 ? " byte" : " bytes");
  }

  // ---- whole messages -----------------------------------------------------------------------

  /**
   * One line about the whole message: {@code NTPv4 server packet, 68 bytes: 48-byte header, MAC}.
   */
  public static String summary(NtpMessage message) {
    if (message instanceof NtpPacket p) {
      StringBuilder line =
          new StringBuilder(
              version(p.version())
                  + " "
                  + mode(p.mode())
                  + " packet, "
                  + p.length()
                  + " bytes: 48-byte header");
      int fields = p.extensionFields().size();
      if (fields > 0) {
        line.append(", ")
            .append(fields)
            .append(fields == 1 ? " extension field" : " extension fields");
      }
      p.mac()
          .ifPresent(
              mac ->
                  line.append(
                      mac.isCryptoNak() ? ", crypto-NAK" : ", MAC (" + mac.length() + " bytes)"));
      return line.toString();
    }
    if (message instanceof ControlMessage c) {
      return version(c.version())
          + " control message (mode 6), "
          + (c.response() ? "response" : "request")
          + ", "
          + c.length()
          + " bytes: 12-byte header, "
          + c.count()
          + " bytes of data";
    }
    PrivateMessage m = (PrivateMessage) message;
    return version(m.version())
        + " private message (mode 7), "
        + (m.response() ? "response" : "request")
        + " "
        + m.requestName().orElse("code " + m.requestCode())
        + ", "
        + m.length()
        + " bytes: 8-byte header, "
        + m.itemCount()
        + (m.itemCount() == 1 ? " item" : " items");
  }

  // ---- problems: the rules are sync's, the highlighting is ours ------------------------------

  /** LI = 3 from a time source: its clock is not synchronized, its time unfit to use. */
  public static boolean isLeapProblem(NtpPacket packet) {
    // Loops, not streams: a lambda is linked at its first use, start-up a one-shot inspect pays.
    for (Problem p : Fitness.headerProblems(packet)) {
      if (p instanceof Problem.LeapAlarm) {
        return true;
      }
    }
    return false;
  }

  /** Stratum 0 (kiss-o'-death or unspecified) or 16+ (unsynchronized) from a time source. */
  public static boolean isStratumProblem(NtpPacket packet) {
    for (Problem p : Fitness.headerProblems(packet)) {
      if (p instanceof Problem.KissOfDeath
          || p instanceof Problem.UnspecifiedStratum
          || p instanceof Problem.StratumUnsynchronized) {
        return true;
      }
    }
    return false;
  }
}
