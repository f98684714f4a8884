package org.ntplab.text;

/** Counts written for people: {@code 1 datagram}, {@code 3 datagrams}. */
public final class Counts {

  private Counts() {}

  /** {@code count} and {@code noun}, with an s unless there is exactly one. */
  public static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
