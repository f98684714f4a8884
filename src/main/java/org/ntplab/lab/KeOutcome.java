package org.ntplab.lab;

import java.util.List;

/** Lab 10: what a client makes of an NTS-KE server's response (RFC 8915 §4). */
public sealed interface KeOutcome {

  /**
   * The server agreed.
   *
   * @param aead the AEAD Algorithm Negotiation record's algorithm (15 or 17), or 0 when there is
   *     none
   * @param cookies the bodies of the New Cookie records, in order
   * @param server the NTPv4 Server Negotiation record's name, or {@code ""} when there is none (NTP
   *     goes to the NTS-KE server itself)
   * @param port the NTPv4 Port Negotiation record's port, or 123 when there is none
   */
  record Agreed(int aead, List<byte[]> cookies, String server, int port) implements KeOutcome {
    public Agreed {
      cookies = ByteLists.copy(cookies);
    }

    @Override
    public List<byte[]> cookies() {
      return ByteLists.copy(cookies);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Agreed a
          && aead == a.aead
          && port == a.port
          && server.equals(a.server)
          && ByteLists.equal(cookies, a.cookies);
    }

    @Override
    public int hashCode() {
      return aead * 31 + port;
    }

    @Override
    public String toString() {
      return "Agreed[aead="
          + aead
          + ", cookies="
          + ByteLists.show(cookies)
          + ", server=\""
          + server
          + "\", port="
          + port
          + "]";
    }
  }

  /** The server sent an Error record: its 16-bit code. */
  record Error(int code) implements KeOutcome {}

  /**
   * Not an NTS-KE message: cut short, no End of Message, bytes after it, or a critical record of a
   * type RFC 8915 does not define.
   */
  record Malformed() implements KeOutcome {}
}
