package org.ntplab.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureJson;
import org.ntplab.wire.NtpTimestamp;

/**
 * A real server reply to answer test queries with: an NTPv4 stratum 2 reply from a lab server
 * (google/testrun's capture, frames 598 and 599), 48 bytes, fit to use, with the client's T1 and T4
 * from the capture. Its exchange has offset +36481 ns and delay 438728 ns. Helpers patch single
 * fields, as a forger or a misbehaving server would.
 */
public final class CapturedReply {

  public static final Path FIXTURE =
      Path.of("fixtures/replies/google-conn-captures-monitor-598-599.json");

  public static final long OFFSET_NANOS = 36_481;
  public static final long DELAY_NANOS = 438_728;

  private static final int STRATUM = 1;
  private static final int REFERENCE_ID = 12;
  private static final int ORIGIN = 24;
  private static final int TRANSMIT = 40;

  private CapturedReply() {}

  public static Fixture fixture() {
    try {
      return FixtureJson.read(FIXTURE);
    } catch (FixtureException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The reply exactly as captured. */
  public static byte[] bytes() {
    return fixture().replyBytes().orElseThrow();
  }

  public static Instant t1() {
    return fixture().t1().instant().orElseThrow();
  }

  public static Instant t4() {
    return fixture().t4().instant().orElseThrow();
  }

  /**
   * The captured reply, its origin set to the transmit field of {@code request}: the answer to it.
   */
  public static byte[] answering(byte[] request) {
    return withOrigin(bytes(), transmitOf(request));
  }

  public static NtpTimestamp transmitOf(byte[] packet) {
    return new NtpTimestamp(ByteBuffer.wrap(packet).getLong(TRANSMIT));
  }

  public static byte[] withOrigin(byte[] packet, NtpTimestamp origin) {
    return putLong(packet, ORIGIN, origin.bits());
  }

  public static byte[] withTransmit(byte[] packet, NtpTimestamp transmit) {
    return putLong(packet, TRANSMIT, transmit.bits());
  }

  /** Stratum 0 and a kiss code in the reference ID: a kiss-o'-death. */
  public static byte[] kissOfDeath(byte[] packet, String code) {
    byte[] b = packet.clone();
    b[STRATUM] = 0;
    System.arraycopy(code.getBytes(StandardCharsets.US_ASCII), 0, b, REFERENCE_ID, 4);
    return b;
  }

  /** Leap indicator 3: the server says its clock is unsynchronized. */
  public static byte[] unsynchronized(byte[] packet) {
    byte[] b = packet.clone();
    b[0] = (byte) (b[0] | 0xc0);
    return b;
  }

  /**
   * The first byte set to {@code first}, e.g. 0x23 to make the reply look like a client request.
   */
  public static byte[] withFirstByte(byte[] packet, int first) {
    byte[] b = packet.clone();
    b[0] = (byte) first;
    return b;
  }

  private static byte[] putLong(byte[] packet, int at, long value) {
    byte[] b = packet.clone();
    ByteBuffer.wrap(b).putLong(at, value);
    return b;
  }
}
