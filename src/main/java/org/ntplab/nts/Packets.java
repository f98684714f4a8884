package org.ntplab.nts;

import java.util.List;
import java.util.Optional;
import org.ntplab.wire.ExtensionField;
import org.ntplab.wire.NtpPacket;

/** Packets rebuilt with other extension fields. */
final class Packets {

  private Packets() {}

  /** {@code packet}'s header with {@code fields} and no MAC (NTS replaces it). */
  static NtpPacket withFields(NtpPacket packet, List<ExtensionField> fields) {
    return new NtpPacket(
        packet.leap(),
        packet.version(),
        packet.mode(),
        packet.stratum(),
        packet.poll(),
        packet.precision(),
        packet.rootDelay(),
        packet.rootDispersion(),
        packet.referenceId(),
        packet.referenceTime(),
        packet.originTime(),
        packet.receiveTime(),
        packet.transmitTime(),
        fields,
        Optional.empty());
  }
}
