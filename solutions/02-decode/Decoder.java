package org.ntplab.labs.decode;

import org.ntplab.lab.DecodeLab;

/** Lab 2, solved: the header read byte by byte, big-endian (network order). */
public class Decoder implements DecodeLab {

  @Override
  public int leap(byte[] packet) {
    return (packet[0] & 0xff) >>> 6;
  }

  @Override
  public int version(byte[] packet) {
    return (packet[0] >>> 3) & 7;
  }

  @Override
  public int mode(byte[] packet) {
    return packet[0] & 7;
  }

  @Override
  public int stratum(byte[] packet) {
    return packet[1] & 0xff;
  }

  @Override
  public int poll(byte[] packet) {
    return packet[2]; // a Java byte is already signed
  }

  @Override
  public int precision(byte[] packet) {
    return packet[3];
  }

  @Override
  public long rootDelay(byte[] packet) {
    return word(packet, 4);
  }

  @Override
  public long rootDispersion(byte[] packet) {
    return word(packet, 8);
  }

  @Override
  public String referenceId(byte[] packet) {
    long id = word(packet, 12);
    if (stratum(packet) >= 2) {
      return (id >>> 24) + "." + (id >>> 16 & 0xff) + "." + (id >>> 8 & 0xff) + "." + (id & 0xff);
    }
    StringBuilder text = new StringBuilder();
    boolean ended = false;
    for (int i = 12; i < 16; i++) {
      int b = packet[i] & 0xff;
      if (b == 0) {
        ended = true;
      } else if (ended || b < 0x20 || b >= 0x7f) {
        return String.format("0x%08x", id); // not text: show the bytes
      } else {
        text.append((char) b);
      }
    }
    return text.toString();
  }

  @Override
  public long referenceTime(byte[] packet) {
    return timestamp(packet, 16);
  }

  @Override
  public long originTime(byte[] packet) {
    return timestamp(packet, 24);
  }

  @Override
  public long receiveTime(byte[] packet) {
    return timestamp(packet, 32);
  }

  @Override
  public long transmitTime(byte[] packet) {
    return timestamp(packet, 40);
  }

  /** Four bytes, big-endian, unsigned. */
  private static long word(byte[] packet, int offset) {
    long value = 0;
    for (int i = offset; i < offset + 4; i++) {
      value = value << 8 | (packet[i] & 0xff);
    }
    return value;
  }

  private static long timestamp(byte[] packet, int offset) {
    return word(packet, offset) << 32 | word(packet, offset + 4);
  }
}
