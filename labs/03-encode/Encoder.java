package org.ntplab.labs.encode;

import org.ntplab.lab.EncodeLab;
import org.ntplab.lab.HeaderFields;

/** Lab 3: write packets byte for byte. Read README.md beside this file, then replace each throw. */
public class Encoder implements EncodeLab {

  @Override
  public byte[] clientRequest(int version, long transmitTime) {
    throw new UnsupportedOperationException(
        "Lab 3: implement clientRequest(version, transmitTime): 48 bytes, mode 3, only version and transmit set");
  }

  @Override
  public byte[] serverReply(HeaderFields fields) {
    throw new UnsupportedOperationException(
        "Lab 3: implement serverReply(fields): the 48-byte header holding exactly these fields, big-endian");
  }
}
