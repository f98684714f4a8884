package org.ntplab.lab;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** Lists of byte arrays compared and shown by content, for the records that carry cookies. */
final class ByteLists {

  private ByteLists() {}

  /** A copy, each array copied too: records stay values. */
  static List<byte[]> copy(List<byte[]> list) {
    return list.stream().map(byte[]::clone).toList();
  }

  static boolean equal(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Each array's length and first bytes: enough to see which cookie differs. */
  static String show(List<byte[]> list) {
    return list.stream()
        .map(
            b ->
                b.length
                    + " bytes "
                    + HexFormat.of().formatHex(b, 0, Math.min(b.length, 8))
                    + (b.length > 8 ? "…" : ""))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
