package org.ntplab.grading;

import java.util.Optional;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * Edge cases no capture holds, each made from a named capture by one change, so that a rule a lab
 * states (poll is signed, stratum is not) is exercised even where real traffic never goes. A
 * derived case is labelled with the capture it came from and the change, and "(synthetic)".
 */
final class Derived {

  private Derived() {}

  /** The first captured server reply, not one made by hand: what the edges are derived from. */
  static Optional<Corpus.TimePacket> firstCapturedReply(Corpus corpus) {
    return corpus.packets().stream()
        .filter(p -> !p.label().startsWith("synthetic") && !p.label().contains("-synthetic"))
        .filter(
            p ->
                p.packet().mode() == Mode.SERVER
                    && p.packet().stratum() >= 1
                    && p.packet().stratum() <= 15)
        .findFirst();
  }

  /**
   * {@code from} with byte {@code offset} set to {@code value}, as the reference decodes it; empty
   * if it does not.
   */
  static Optional<Corpus.TimePacket> withByte(
      Corpus.TimePacket from, int offset, int value, String change) {
    byte[] bytes = from.bytes().clone();
    bytes[offset] = (byte) value;
    try {
      NtpPacket packet = NtpCodec.decodePacket(bytes);
      return Optional.of(
          new Corpus.TimePacket(from.label() + " with " + change + " (synthetic)", bytes, packet));
    } catch (MalformedPacketException e) {
      return Optional.empty();
    }
  }
}
