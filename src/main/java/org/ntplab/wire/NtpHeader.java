package org.ntplab.wire;

/**
 * Where each field of a time packet's 48-byte header starts (RFC 5905 Figure 8), for code that
 * reads or patches bytes without decoding them: the codec, the server's late transmit timestamp,
 * the load generator's reply matching, the grader's damaged copies.
 */
public final class NtpHeader {

  /** LI (2 bits), version (3), mode (3). */
  public static final int FIRST_BYTE = 0;

  public static final int STRATUM = 1;
  public static final int POLL = 2;
  public static final int PRECISION = 3;
  public static final int ROOT_DELAY = 4;
  public static final int ROOT_DISPERSION = 8;
  public static final int REFERENCE_ID = 12;
  public static final int REFERENCE_TIME = 16;
  public static final int ORIGIN_TIME = 24;
  public static final int RECEIVE_TIME = 32;
  public static final int TRANSMIT_TIME = 40;

  /** Bytes of a 32-bit field: root delay, root dispersion, reference ID. */
  public static final int WORD_LENGTH = 4;

  /** Bytes of a 64-bit timestamp. */
  public static final int TIMESTAMP_LENGTH = 8;

  private NtpHeader() {}
}
