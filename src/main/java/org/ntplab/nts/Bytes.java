package org.ntplab.nts;

import java.util.Arrays;

/** Word padding as NTS fields use it. */
final class Bytes {

  private Bytes() {}

  /** {@code length} rounded up to a multiple of 4. */
  static int word(int length) {
    return length + 3 & ~3;
  }

  /** {@code bytes} with zeros appended to a word boundary and to at least 12 bytes. */
  static byte[] padded(byte[] bytes) {
    return Arrays.copyOf(bytes, Math.max(12, word(bytes.length)));
  }
}
