package org.ntplab.wire;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A mode 7 private message, the implementation-specific protocol of ntpd's ntpdc (monlist lives
 * here): an 8-byte header, then {@code itemCount} items of {@code itemSize} bytes and possibly
 * authentication data. {@link #body()} is everything after the header, kept byte for byte.
 */
public record PrivateMessage(
    boolean response,
    boolean more,
    int version,
    boolean authenticated,
    int sequence,
    int implementation,
    int requestCode,
    int errorCode,
    int itemCount,
    int mustBeZero,
    int itemSize,
    byte[] body)
    implements NtpMessage {

  public static final int HEADER_LENGTH = 8;

  private static final Map<Integer, String> REQUESTS =
      Map.ofEntries(
          Map.entry(0, "PEER_LIST"),
          Map.entry(1, "PEER_LIST_SUM"),
          Map.entry(2, "PEER_INFO"),
          Map.entry(3, "PEER_STATS"),
          Map.entry(4, "SYS_INFO"),
          Map.entry(5, "SYS_STATS"),
          Map.entry(6, "IO_STATS"),
          Map.entry(7, "MEM_STATS"),
          Map.entry(8, "LOOP_INFO"),
          Map.entry(9, "TIMER_STATS"),
          Map.entry(10, "CONFIG"),
          Map.entry(11, "UNCONFIG"),
          Map.entry(12, "SET_SYS_FLAG"),
          Map.entry(13, "CLR_SYS_FLAG"),
          Map.entry(16, "GET_RESTRICT"),
          Map.entry(17, "RESADDFLAGS"),
          Map.entry(18, "RESSUBFLAGS"),
          Map.entry(19, "UNRESTRICT"),
          Map.entry(20, "MON_GETLIST"),
          Map.entry(21, "RESET_STATS"),
          Map.entry(22, "RESET_PEER"),
          Map.entry(23, "REREAD_KEYS"),
          Map.entry(26, "TRUSTKEY"),
          Map.entry(27, "UNTRUSTKEY"),
          Map.entry(28, "AUTHINFO"),
          Map.entry(29, "TRAPS"),
          Map.entry(30, "ADD_TRAP"),
          Map.entry(31, "CLR_TRAP"),
          Map.entry(32, "REQUEST_KEY"),
          Map.entry(33, "CONTROL_KEY"),
          Map.entry(34, "GET_CTLSTATS"),
          Map.entry(36, "GET_CLOCKINFO"),
          Map.entry(37, "SET_CLKFUDGE"),
          Map.entry(38, "GET_KERNEL"),
          Map.entry(39, "GET_CLKBUGINFO"),
          Map.entry(41, "SET_PRECISION"),
          Map.entry(42, "MON_GETLIST_1"),
          Map.entry(43, "HOSTNAME_ASSOCID"),
          Map.entry(44, "IF_STATS"),
          Map.entry(45, "IF_RELOAD"));

  public PrivateMessage {
    NtpPacket.checkRange("version", version, 0, 7);
    NtpPacket.checkRange("sequence", sequence, 0, 127);
    NtpPacket.checkRange("implementation", implementation, 0, 255);
    NtpPacket.checkRange("request code", requestCode, 0, 255);
    NtpPacket.checkRange("error code", errorCode, 0, 15);
    NtpPacket.checkRange("item count", itemCount, 0, 0xfff);
    NtpPacket.checkRange("must-be-zero bits", mustBeZero, 0, 15);
    NtpPacket.checkRange("item size", itemSize, 0, 0xfff);
    body = body.clone();
  }

  @Override
  public Mode mode() {
    return Mode.PRIVATE;
  }

  @Override
  public int length() {
    return HEADER_LENGTH + body.length;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** ntpd's name for the request code, e.g. {@code MON_GETLIST_1} (monlist). */
  public Optional<String> requestName() {
    return Optional.ofNullable(REQUESTS.get(requestCode));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateMessage m
        && response == m.response
        && more == m.more
        && version == m.version
        && authenticated == m.authenticated
        && sequence == m.sequence
        && implementation == m.implementation
        && requestCode == m.requestCode
        && errorCode == m.errorCode
        && itemCount == m.itemCount
        && mustBeZero == m.mustBeZero
        && itemSize == m.itemSize
        && Arrays.equals(body, m.body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * requestCode + sequence) + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "PrivateMessage[version="
        + version
        + ", "
        + (response ? "response" : "request")
        + ", implementation="
        + implementation
        + ", request="
        + requestCode
        + requestName().map(n -> " (" + n + ")").orElse("")
        + ", items="
        + itemCount
        + "x"
        + itemSize
        + ", length="
        + length()
        + "]";
  }
}
