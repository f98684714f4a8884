package org.ntplab.lab;

import java.time.Instant;

/**
 * Lab 0: the warm-up questions, answered not in Java classes but as methods of the JShell script
 * {@code labs/00-warmup/answers.jsh}; the grader evaluates the script and asks it through this
 * interface.
 */
public interface WarmupLab {

  /** Seconds from 1900-01-01T00:00Z, NTP's epoch, to 1970-01-01T00:00Z, Unix's. */
  long epochOffset();

  /** When the 32-bit seconds field of era 0 wraps to zero. */
  Instant eraZeroEnds();

  /** Bytes in the smallest SNTP request: the header and nothing after it. */
  int requestLength();

  /** Offset of the first byte of the receive timestamp (T2) in a packet. */
  int receiveTimestampOffset();

  /** The version number in a packet's first byte, e.g. {@code 0x1b}. */
  int version(int firstByte);

  /** The mode in a packet's first byte. */
  int mode(int firstByte);

  /** The receive timestamp of a reply as seconds since 1900, fraction included. */
  double receiveSeconds(byte[] reply);

  /**
   * The kiss code of a reply, e.g. {@code RATE}: null unless it is a stratum 0 reply with an ASCII
   * reference ID.
   */
  String kissCode(byte[] reply);
}
