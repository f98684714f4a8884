package org.ntplab.lab;

import java.util.Optional;
import java.util.Set;

/**
 * Lab 5: a client's two checks, kept apart (RFC 4330 §5, RFC 5905 §8). First: is this datagram the
 * reply to the request we sent? If not, drop it and keep waiting for the real one. Second: is the
 * time in an accepted reply fit to set a clock by? Implemented by {@code
 * org.ntplab.labs.checks.Checks}.
 */
public interface ChecksLab {

  /**
   * Is {@code datagram} the server's reply to {@code request} (a 48-byte or longer client request
   * we sent)? The first test that fails, in the order of {@link ReplyVerdict}, is the answer;
   * {@link ReplyVerdict#ACCEPTED} when none does.
   */
  ReplyVerdict check(byte[] request, byte[] datagram);

  /**
   * The kiss code of a kiss-o'-death (RFC 5905 §7.4): a time packet of stratum 0, not a client
   * request (mode 3), whose reference ID is 1 to 4 printable ASCII characters (0x20..0x7e) padded
   * with NULs at the end, e.g. {@code "RATE"}. Empty for every other packet.
   */
  Optional<String> kissCode(byte[] packet);

  /**
   * Every reason the time in {@code reply} is not fit to use, empty when it is fine. {@code t1} and
   * {@code t4} are the client's own send and arrival times (raw 64-bit NTP timestamps); T2 and T3
   * are the reply's receive and transmit timestamps.
   */
  Set<FitnessProblem> problems(byte[] reply, long t1, long t4);
}
