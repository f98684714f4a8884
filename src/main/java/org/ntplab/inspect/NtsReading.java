package org.ntplab.inspect;

import java.util.Optional;
import org.ntplab.nts.Direction;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsCheck.NotVerified;
import org.ntplab.nts.NtsCheck.Reason;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.NtsServer;
import org.ntplab.nts.Sealing;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.wire.NtpPacket;

/** What a packet's NTS authenticator says under an exchange's keys: checked, or why not. */
public sealed interface NtsReading {

  /**
   * The authenticator was checked with the key of the packet's {@code direction}.
   *
   * @param uidCompared whether a reply's unique identifier was compared with its request's
   */
  record Checked(Direction direction, NtsKeys keys, NtsCheck check, boolean uidCompared)
      implements NtsReading {

    /** Whether the packet must not be used: it did not verify. */
    public boolean failed() {
      return check instanceof NotVerified;
    }
  }

  /** Nothing to check: the packet is not NTS-protected, said as a plain statement. */
  record NotChecked(String why) implements NtsReading {}

  /**
   * Reads {@code packet} (whose encoding is {@code bytes}) under {@code keys}: a request with the
   * C2S key, a reply with the S2C key and, when {@code request} is known, against its unique
   * identifier.
   */
  public static NtsReading of(
      byte[] bytes, NtpPacket packet, NtsKeys keys, Optional<UniqueIdentifier> request) {
    Optional<Direction> direction = Direction.of(packet.mode());
    if (direction.isEmpty()) {
      return new NotChecked(
          "NTS protects client and server packets only; a "
              + packet.mode().meaning()
              + " packet has no key to check");
    }
    NtsCheck check;
    if (direction.get() == Direction.CLIENT_TO_SERVER) {
      check = Sealing.open(bytes, keys.clientToServer());
    } else {
      // Without the request, the reply's own identifier stands in: the NAK and the authenticator
      // are still checked. A reply with none gets an empty one, which NtsClient reports missing.
      UniqueIdentifier uid =
          request
              .or(() -> NtsServer.uniqueIdentifier(packet))
              .orElseGet(() -> new UniqueIdentifier(new byte[0]));
      check = NtsClient.check(bytes, uid, keys);
    }
    if (check instanceof NotVerified n && n.reason() == Reason.NO_AUTHENTICATOR) {
      return new NotChecked("no NTS authenticator in this packet: the keys have nothing to check");
    }
    return new Checked(direction.get(), keys, check, request.isPresent());
  }
}
