package org.ntplab.labs.encode;

import org.ntplab.lab.EncodeLab;
import org.ntplab.lab.HeaderFields;

/** Lab 3, solved: the header written byte by byte, big-endian. */
public class Encoder implements EncodeLab {

  private static final int HEADER = 48;
  private static final int CLIENT = 3;

  @Override
  public byte[] clientRequest(int version, long transmitTime) {
    byte[] packet = new byte[HEADER];
    packet[0] = (byte) (version << 3 | CLIENT);
    put(packet, 40, transmitTime, 8);
    return packet;
  }

  @Override
  public byte[] serverReply(HeaderFields f) {
    byte[] packet = new byte[HEADER];
    packet[0] = (byte) (f.leap() << 6 | f.version() << 3 | f.mode());
    packet[1] = (byte) f.stratum();
    packet[2] = (byte) f.poll();
    packet[3] = (byte) f.precision();
    put(packet, 4, f.rootDelay(), 4);
    put(packet, 8, f.rootDispersion(), 4);
    put(packet, 12, f.referenceId(), 4);
    put(packet, 16, f.referenceTime(), 8);
    put(packet, 24, f.originTime(), 8);
    put(packet, 32, f.receiveTime(), 8);
    put(packet, 40, f.transmitTime(), 8);
    return packet;
  }

  /** The low {@code length} bytes of {@code value}, most significant first. */
  private static void put(byte[] packet, int offset, long value, int length) {
    for (int i = length - 1; i >= 0; i--) {
      packet[offset + i] = (byte) value;
      value >>>= 8;
    }
  }
}
