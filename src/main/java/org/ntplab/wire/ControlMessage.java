package org.ntplab.wire;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A mode 6 control message (RFC 9327, as ntpq speaks it): a 12-byte header, {@code count} bytes of
 * data padded to 4 bytes, then an optional MAC. {@link #body()} is everything after the header,
 * kept byte for byte; data and MAC are read from it.
 */
public record ControlMessage(
    LeapIndicator leap,
    int version,
    boolean response,
    boolean error,
    boolean more,
    int opcode,
    int sequence,
    int status,
    int associationId,
    int offset,
    int count,
    byte[] body)
    implements NtpMessage {

  public static final int HEADER_LENGTH = 12;

  private static final Map<Integer, String> OPCODES =
      Map.ofEntries(
          Map.entry(1, "read status"),
          Map.entry(2, "read variables"),
          Map.entry(3, "write variables"),
          Map.entry(4, "read clock variables"),
          Map.entry(5, "write clock variables"),
          Map.entry(6, "set trap"),
          Map.entry(7, "asynchronous message"),
          Map.entry(8, "configure"),
          Map.entry(9, "save configuration"),
          Map.entry(10, "read MRU list"),
          Map.entry(11, "read ordered list"),
          Map.entry(12, "request nonce"),
          Map.entry(31, "unset trap"));

  public ControlMessage {
    NtpPacket.checkRange("version", version, 0, 7);
    NtpPacket.checkRange("opcode", opcode, 0, 31);
    NtpPacket.checkRange("sequence", sequence, 0, 0xffff);
    NtpPacket.checkRange("status", status, 0, 0xffff);
    NtpPacket.checkRange("association ID", associationId, 0, 0xffff);
    NtpPacket.checkRange("offset", offset, 0, 0xffff);
    NtpPacket.checkRange("count", count, 0, 0xffff);
    if (count > body.length) {
      throw new IllegalArgumentException(
          "count " + count + " exceeds the " + body.length + " bytes after the header");
    }
    body = body.clone();
  }

  @Override
  public Mode mode() {
    return Mode.CONTROL;
  }

  @Override
  public int length() {
    return HEADER_LENGTH + body.length;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The {@code count} bytes of data (ASCII variable lists in most replies). */
  public byte[] data() {
    return Arrays.copyOf(body, count);
  }

  /** The MAC after the data padded to 4 bytes, when what follows is exactly a key ID and digest. */
  public Optional<Mac> mac() {
    int start = (count + 3) & ~3;
    int rest = body.length - start;
    if (rest != 20 && rest != 24) {
      return Optional.empty();
    }
    long keyId =
        (body[start] & 0xffL) << 24
            | (body[start + 1] & 0xff) << 16
            | (body[start + 2] & 0xff) << 8
            | (body[start + 3] & 0xff);
    return Optional.of(new Mac(keyId, Arrays.copyOfRange(body, start + 4, body.length)));
  }

  public Optional<String> opcodeName() {
    return Optional.ofNullable(OPCODES.get(opcode));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ControlMessage m
        && leap == m.leap
        && version == m.version
        && response == m.response
        && error == m.error
        && more == m.more
        && opcode == m.opcode
        && sequence == m.sequence
        && status == m.status
        && associationId == m.associationId
        && offset == m.offset
        && count == m.count
        && Arrays.equals(body, m.body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * opcode + sequence) + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "ControlMessage[version="
        + version
        + ", "
        + (response ? "response" : "request")
        + ", opcode="
        + opcode
        + ", sequence="
        + sequence
        + ", status="
        + String.format("%04x", status)
        + ", associationId="
        + associationId
        + ", offset="
        + offset
        + ", count="
        + count
        + ", length="
        + length()
        + "]";
  }
}
