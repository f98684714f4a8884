package org.ntplab.sync;

import java.net.InetSocketAddress;
import org.ntplab.nts.NtsCheck;
import org.ntplab.nts.NtsClient;
import org.ntplab.nts.NtsKeys;
import org.ntplab.nts.UniqueIdentifier;
import org.ntplab.sync.ReplyCheck.Accepted;
import org.ntplab.sync.ReplyCheck.Rejected;
import org.ntplab.wire.NtpPacket;

/**
 * An NTS client's check of a datagram: {@link ReplyCheck}'s first (source, mode, origin), then the
 * authenticator under the S2C key and the echoed unique identifier (RFC 8915 §5.7). The downgrade
 * rule is here and nowhere else: a client that asked with NTS never takes its time from a reply
 * that is not authenticated, whether it has no authenticator, one that fails, or is a NAK.
 *
 * @param plain the checks every client reply passes first
 * @param uid the request's unique identifier, which the reply must echo
 */
public record NtsReplyCheck(ReplyCheck plain, UniqueIdentifier uid, NtsKeys keys) {

  /** What a datagram is to an NTS client; only {@link Authenticated} carries usable time. */
  public sealed interface Outcome {}

  /** Our reply, and it verified: the only outcome whose time may be used. */
  public record Authenticated(NtpPacket reply, NtsCheck.Verified check) implements Outcome {}

  /** Not our reply at all (another source, mode or origin): waited past like any stray. */
  public record NotOurs(Rejected rejected) implements Outcome {}

  /** Our reply by its header, but not authenticated: its time is never used (no downgrade). */
  public record Unauthenticated(NtpPacket reply, NtsCheck.NotVerified why) implements Outcome {}

  /** An NTS NAK: the server could not use the cookie; NTS-KE must be run again. */
  public record Nak(NtpPacket reply) implements Outcome {}

  public Outcome check(InetSocketAddress source, byte[] datagram) {
    ReplyCheck.Admission admission = plain.check(source, datagram);
    if (admission instanceof Rejected rejected) {
      return new NotOurs(rejected);
    }
    NtpPacket reply = ((Accepted) admission).reply();
    NtsCheck check = NtsClient.check(datagram, uid, keys);
    if (check instanceof NtsCheck.Verified verified) {
      return new Authenticated(reply, verified);
    }
    if (check instanceof NtsCheck.Nak) {
      return new Nak(reply);
    }
    return new Unauthenticated(reply, (NtsCheck.NotVerified) check);
  }
}
