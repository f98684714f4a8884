package org.ntplab.labs.decode;

import org.ntplab.lab.DecodeLab;

/** Lab 2: read the header of a time packet. Read README.md beside this file, then replace each throw. */
public class Decoder implements DecodeLab {

  @Override
  public int leap(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement leap(packet): the top two bits of byte 0");
  }

  @Override
  public int version(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement version(packet): bits 5..3 of byte 0");
  }

  @Override
  public int mode(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement mode(packet): the low three bits of byte 0");
  }

  @Override
  public int stratum(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement stratum(packet): byte 1, unsigned");
  }

  @Override
  public int poll(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement poll(packet): byte 2, signed log2 seconds");
  }

  @Override
  public int precision(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement precision(packet): byte 3, signed log2 seconds");
  }

  @Override
  public long rootDelay(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement rootDelay(packet): bytes 4-7, unsigned, big-endian");
  }

  @Override
  public long rootDispersion(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement rootDispersion(packet): bytes 8-11, unsigned, big-endian");
  }

  @Override
  public String referenceId(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement referenceId(packet): bytes 12-15 as text by stratum (kiss code, clock name or dotted quad)");
  }

  @Override
  public long referenceTime(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement referenceTime(packet): bytes 16-23, raw 64 bits");
  }

  @Override
  public long originTime(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement originTime(packet): bytes 24-31, raw 64 bits");
  }

  @Override
  public long receiveTime(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement receiveTime(packet): bytes 32-39, raw 64 bits");
  }

  @Override
  public long transmitTime(byte[] packet) {
    throw new UnsupportedOperationException(
        "Lab 2: implement transmitTime(packet): bytes 40-47, raw 64 bits");
  }
}
