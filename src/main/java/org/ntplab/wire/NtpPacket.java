package org.ntplab.wire;

import java.util.List;
import java.util.Optional;

/**
 * An NTP time packet (modes 0–5): the 48-byte header of RFC 5905 §7.3, then any RFC 7822 extension
 * fields and an optional MAC. Values are as on the wire: poll and precision are signed log2
 * seconds, stratum 0–255, timestamps without an era.
 */
public record NtpPacket(
    LeapIndicator leap,
    int version,
    Mode mode,
    int stratum,
    int poll,
    int precision,
    NtpShort rootDelay,
    NtpShort rootDispersion,
    ReferenceId referenceId,
    NtpTimestamp referenceTime,
    NtpTimestamp originTime,
    NtpTimestamp receiveTime,
    NtpTimestamp transmitTime,
    List<ExtensionField> extensionFields,
    Optional<Mac> mac)
    implements NtpMessage {

  public static final int HEADER_LENGTH = 48;

  /** Stratum 16 and up means unsynchronized (RFC 5905 §7.3). */
  public static final int MAX_STRATUM = 16;

  public NtpPacket {
    checkRange("version", version, 0, 7);
    if (mode == Mode.CONTROL || mode == Mode.PRIVATE) {
      throw new IllegalArgumentException(
          "mode "
              + mode.code()
              + " is not a time packet: use "
              + (mode == Mode.CONTROL ? "ControlMessage" : "PrivateMessage"));
    }
    checkRange("stratum", stratum, 0, 255);
    checkRange("poll", poll, -128, 127);
    checkRange("precision", precision, -128, 127);
    extensionFields = List.copyOf(extensionFields);
  }

  /**
   * A client request as SNTP sends it: every field zero but version, mode 3 and the transmit
   * timestamp. Version 3 with a zero transmit is the classic {@code 0x1b} and 47 zero bytes.
   */
  public static NtpPacket clientRequest(int version, NtpTimestamp transmit) {
    return new NtpPacket(
        LeapIndicator.NO_WARNING,
        version,
        Mode.CLIENT,
        0,
        0,
        0,
        NtpShort.ZERO,
        NtpShort.ZERO,
        ReferenceId.ZERO,
        NtpTimestamp.ZERO,
        NtpTimestamp.ZERO,
        NtpTimestamp.ZERO,
        transmit,
        List.of(),
        Optional.empty());
  }

  /**
   * The kiss code, when this is a stratum 0 packet that carries time (not a client request: an
   * unsynchronized client may send {@code INIT} there, which tells the server nothing) and whose
   * reference ID is ASCII.
   */
  public Optional<KissCode> kissCode() {
    return stratum == 0 && mode != Mode.CLIENT ? KissCode.from(referenceId) : Optional.empty();
  }

  /** The reference ID as a person reads it for this packet's stratum and version. */
  public String referenceIdText() {
    return referenceId.render(stratum, version);
  }

  @Override
  public int length() {
    int length = HEADER_LENGTH + mac.map(Mac::length).orElse(0);
    for (ExtensionField field : extensionFields) {
      length += field.length();
    }
    return length;
  }

  static void checkRange(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + " out of range " + min + ".." + max + ": " + value);
    }
  }
}
