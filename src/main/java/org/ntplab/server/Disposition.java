package org.ntplab.server;

import java.time.Duration;
import org.ntplab.wire.NtpPacket;

/** What {@link Responder} decided for one datagram: a reply to send, or a drop and why. */
public sealed interface Disposition {

  /**
   * A reply to send {@code hold} after the request arrived (zero unless a delay or asymmetry fault
   * is set). The packet's transmit timestamp is still zero: {@link Responder#encode} reads the
   * clock and fills it in at the last moment, except in a kiss-o'-death, whose timestamps are all
   * the request's transmit timestamp and reveal nothing of the server's clock. The packet has no
   * MAC: {@code auth} says what {@link Responder#encode} appends.
   */
  record Reply(NtpPacket packet, Duration hold, boolean kissOfDeath, ReplyAuth auth)
      implements Disposition {
    public Reply {
      if (hold.isNegative()) {
        throw new IllegalArgumentException("hold must not be negative: " + hold);
      }
      if (packet.mac().isPresent()) {
        throw new IllegalArgumentException(
            "the MAC is added by encoding, as auth says: " + packet.mac().get());
      }
    }
  }

  /** No reply; {@code detail} says what exactly, for the log (may be empty). */
  record Drop(DropReason reason, String detail) implements Disposition {
    @Override
    public String toString() {
      return reason.meaning() + (detail.isEmpty() ? "" : ": " + detail);
    }
  }
}
