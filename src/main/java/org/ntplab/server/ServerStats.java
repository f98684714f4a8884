package org.ntplab.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's counters at one moment. Every NTP datagram received is, once handled, either
 * answered or dropped for one reason, so {@code received = answered + droppedTotal()} apart from
 * replies still held by a delay fault.
 *
 * @param received NTP datagrams received
 * @param answered NTP replies sent, kiss-o'-death included
 * @param kissesOfDeath of those, kiss-o'-death replies (rate limit or fault)
 * @param rateLimited requests over a client's rate limit, whether kissed or dropped
 * @param dropped NTP datagrams not answered, by reason
 * @param timeAnswered RFC 868 TIME replies sent (UDP and TCP)
 * @param timeDropped TIME datagrams not answered (rate limit, port 0, send failure)
 * @param signed of the NTP replies, those signed with the key of a request whose MAC verified
 * @param unknownKeyNaks of the NTP replies, crypto-NAKs to requests signed with a key ID the server
 *     lacks
 * @param badMacNaks of the NTP replies, crypto-NAKs to requests whose MAC did not verify
 */
public record ServerStats(
    long received,
    long answered,
    long kissesOfDeath,
    long rateLimited,
    Map<DropReason, Long> dropped,
    long timeAnswered,
    long timeDropped,
    long signed,
    long unknownKeyNaks,
    long badMacNaks) {

  public ServerStats {
    dropped = Map.copyOf(dropped);
  }

  public long dropped(DropReason reason) {
    return dropped.getOrDefault(reason, 0L);
  }

  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Replies to signed requests that were not authenticated. */
  public long cryptoNaks() {
    return unknownKeyNaks + badMacNaks;
  }

  /** Replies without a MAC: to unsigned requests. */
  public long unsigned() {
    return answered - signed - cryptoNaks();
  }

  /**
   * One line: {@code received 12, answered 10 (1 kiss-o'-death), dropped 2 (malformed 1,
   * control-mode-6 1), rate-limited 1}, then {@code ; TIME answered 3} when TIME was used, and
   * {@code ; signed 4, crypto-NAK 2 (unknown key 1, bad MAC 1), unsigned 4} once a signed request
   * came.
   */
  public String summary() {
    StringBuilder line =
        new StringBuilder()
            .append("received ")
            .append(received)
            .append(", answered ")
            .append(answered);
    if (kissesOfDeath > 0) {
      line.append(" (").append(kissesOfDeath).append(" kiss-o'-death)");
    }
    line.append(", dropped ").append(droppedTotal());
    List<String> reasons = new ArrayList<>();
    for (DropReason reason : DropReason.values()) {
      if (dropped(reason) > 0) {
        reasons.add(reason.name().toLowerCase().replace('_', '-') + " " + dropped(reason));
      }
    }
    if (!reasons.isEmpty()) {
      line.append(" (").append(String.join(", ", reasons)).append(')');
    }
    line.append(", rate-limited ").append(rateLimited);
    if (timeAnswered > 0 || timeDropped > 0) {
      line.append("; TIME answered ").append(timeAnswered);
      if (timeDropped > 0) {
        line.append(", dropped ").append(timeDropped);
      }
    }
    if (signed > 0 || cryptoNaks() > 0) {
      line.append("; signed ").append(signed).append(", crypto-NAK ").append(cryptoNaks());
      if (cryptoNaks() > 0) {
        line.append(" (unknown key ")
            .append(unknownKeyNaks)
            .append(", bad MAC ")
            .append(badMacNaks)
            .append(')');
      }
      line.append(", unsigned ").append(unsigned());
    }
    return line.toString();
  }
}
