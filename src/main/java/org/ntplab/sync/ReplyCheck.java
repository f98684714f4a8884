package org.ntplab.sync;

import java.net.InetSocketAddress;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpMessage;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * The first of the two client checks: is this datagram the reply to the request we sent (RFC 4330
 * §5, RFC 5905 §8)? A datagram that is not gets rejected and the client keeps waiting for the real
 * one; whether the time in an accepted reply is fit to use is {@link Fitness}'s question.
 *
 * @param server where the request went: the reply must come from that address and port
 * @param sentTransmit the transmit timestamp as sent (the random nonce, when one was used): the
 *     reply's origin must equal it, which is what stops an off-path spoofer
 * @param expectedMode {@link Mode#SERVER} for a client, {@link Mode#BROADCAST} when listening
 */
public record ReplyCheck(InetSocketAddress server, NtpTimestamp sentTransmit, Mode expectedMode) {

  /** Why a datagram is not our reply. */
  public enum Reason {
    WRONG_SOURCE("from another address or port than the one queried"),
    MALFORMED("not an NTP packet"),
    NOT_A_TIME_PACKET("a control (mode 6) or private (mode 7) message"),
    WRONG_MODE("not a server reply"),
    ORIGIN_MISMATCH("origin timestamp is not the transmit timestamp we sent (stale or spoofed)"),
    ZERO_TRANSMIT("transmit timestamp is zero");

    private final String meaning;

    Reason(String meaning) {
      this.meaning = meaning;
    }

    public String meaning() {
      return meaning;
    }
  }

  /**
   * Whether a datagram is admitted as our reply: the decoded reply, or why the datagram is not one.
   */
  public sealed interface Admission {}

  public record Accepted(NtpPacket reply) implements Admission {}

  public record Rejected(Reason reason, String detail) implements Admission {
    @Override
    public String toString() {
      return reason.meaning() + (detail.isEmpty() ? "" : ": " + detail);
    }
  }

  public static ReplyCheck forClient(InetSocketAddress server, NtpTimestamp sentTransmit) {
    return new ReplyCheck(server, sentTransmit, Mode.SERVER);
  }

  public Admission check(InetSocketAddress source, byte[] datagram) {
    if (!server.equals(source)) {
      return new Rejected(Reason.WRONG_SOURCE, source + ", expected " + server);
    }
    NtpMessage message;
    try {
      message = NtpCodec.decode(datagram);
    } catch (MalformedPacketException e) {
      return new Rejected(Reason.MALFORMED, e.getMessage());
    }
    if (!(message instanceof NtpPacket reply)) {
      return new Rejected(Reason.NOT_A_TIME_PACKET, "mode " + message.mode().code());
    }
    if (reply.mode() != expectedMode) {
      return new Rejected(
          Reason.WRONG_MODE,
          "mode "
              + reply.mode().code()
              + " ("
              + reply.mode().meaning()
              + "), expected "
              + expectedMode.code());
    }
    if (expectedMode != Mode.BROADCAST && !reply.originTime().equals(sentTransmit)) {
      return new Rejected(
          Reason.ORIGIN_MISMATCH, "origin " + reply.originTime() + ", sent " + sentTransmit);
    }
    if (reply.transmitTime().isZero()) {
      return new Rejected(Reason.ZERO_TRANSMIT, "");
    }
    return new Accepted(reply);
  }
}
