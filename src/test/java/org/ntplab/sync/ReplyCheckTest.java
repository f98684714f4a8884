package org.ntplab.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.ntplab.sync.ReplyCheck.Accepted;
import org.ntplab.sync.ReplyCheck.Reason;
import org.ntplab.sync.ReplyCheck.Rejected;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpTimestamp;

class ReplyCheckTest {

  static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 123);
  static final NtpTimestamp SENT = NtpTimestamp.parse("6287db47.3ff75f58");

  /** A v4 server reply to {@link #SENT}, stratum 2. */
  static byte[] reply() {
    byte[] b = new byte[48];
    b[0] = 0x24;
    b[1] = 2;
    putTimestamp(b, 24, SENT);
    putTimestamp(b, 32, NtpTimestamp.parse("eeacbd2e.61faa000"));
    putTimestamp(b, 40, NtpTimestamp.parse("eeacbd2e.62004000"));
    return b;
  }

  static void putTimestamp(byte[] b, int at, NtpTimestamp t) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (t.bits() >>> (56 - 8 * i));
    }
  }

  final ReplyCheck check = ReplyCheck.forClient(SERVER, SENT);

  Reason rejection(InetSocketAddress from, byte[] datagram) {
    return assertInstanceOf(Rejected.class, check.check(from, datagram)).reason();
  }

  @Test
  void acceptsTheReplyToWhatWeSent() {
    Accepted accepted = assertInstanceOf(Accepted.class, check.check(SERVER, reply()));
    assertEquals(SENT, accepted.reply().originTime());
  }

  @Test
  void rejectsADatagramFromAnotherPortOrAddress() {
    assertEquals(Reason.WRONG_SOURCE, rejection(new InetSocketAddress("127.0.0.1", 124), reply()));
    assertEquals(Reason.WRONG_SOURCE, rejection(new InetSocketAddress("127.0.0.2", 123), reply()));
  }

  @Test
  void rejectsAReplyToSomeoneElsesRequest() {
    byte[] spoofed = reply();
    putTimestamp(spoofed, 24, NtpTimestamp.parse("6287db47.3ff75f59"));
    Rejected r = assertInstanceOf(Rejected.class, check.check(SERVER, spoofed));
    assertEquals(Reason.ORIGIN_MISMATCH, r.reason());
    assertEquals(
        "origin timestamp is not the transmit timestamp we sent (stale or spoofed): origin 6287db47.3ff75f59, sent 6287db47.3ff75f58",
        r.toString());
  }

  @Test
  void rejectsWhatIsNotAServerReply() {
    byte[] request = reply();
    request[0] = 0x23;
    assertEquals(Reason.WRONG_MODE, rejection(SERVER, request));
    byte[] control =
        NtpCodec.encode(NtpCodec.decode(new byte[] {0x16, 0x02, 0, 0x44, 0, 0, 0, 0, 0, 0, 0, 0}));
    assertEquals(Reason.NOT_A_TIME_PACKET, rejection(SERVER, control));
    assertEquals(Reason.MALFORMED, rejection(SERVER, new byte[20]));
  }

  @Test
  void rejectsAZeroTransmitTimestamp() {
    byte[] zero = reply();
    putTimestamp(zero, 40, NtpTimestamp.ZERO);
    assertEquals(Reason.ZERO_TRANSMIT, rejection(SERVER, zero));
  }

  @Test
  void broadcastListenersHaveNoOriginToMatch() {
    byte[] broadcast = reply();
    broadcast[0] = 0x25;
    putTimestamp(broadcast, 24, NtpTimestamp.ZERO);
    ReplyCheck listener = new ReplyCheck(SERVER, NtpTimestamp.ZERO, org.ntplab.wire.Mode.BROADCAST);
    assertInstanceOf(Accepted.class, listener.check(SERVER, broadcast));
  }
}
