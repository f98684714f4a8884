package org.ntplab.labs.checks;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.ntplab.lab.ChecksLab;
import org.ntplab.lab.FitnessProblem;
import org.ntplab.lab.ReplyVerdict;

/** Lab 5, solved: first "is it our reply", then "is its time fit to use", never mixed. */
public class Checks implements ChecksLab {

  private static final int HEADER = 48;
  private static final int MAX_MAC = 24;
  private static final long MAX_ROOT_DISTANCE_NANOS = 1_500_000_000L;

  @Override
  public ReplyVerdict check(byte[] request, byte[] datagram) {
    if (!wellFormed(datagram)) {
      return ReplyVerdict.MALFORMED;
    }
    int mode = datagram[0] & 7;
    if (mode == 6 || mode == 7) {
      return ReplyVerdict.NOT_A_TIME_PACKET;
    }
    if (mode != 4) {
      return ReplyVerdict.WRONG_MODE;
    }
    // The origin must be our transmit timestamp to the bit: that is what a spoofer cannot see.
    if (u64(datagram, 24) != u64(request, 40)) {
      return ReplyVerdict.ORIGIN_MISMATCH;
    }
    if (u64(datagram, 40) == 0) {
      return ReplyVerdict.ZERO_TRANSMIT;
    }
    return ReplyVerdict.ACCEPTED;
  }

  @Override
  public Optional<String> kissCode(byte[] packet) {
    // A client may send stratum 0 with INIT in its request; that says nothing about time.
    if ((packet[1] & 0xff) != 0 || (packet[0] & 7) == 3) {
      return Optional.empty();
    }
    StringBuilder code = new StringBuilder(4);
    boolean ended = false;
    for (int i = 12; i < 16; i++) {
      int c = packet[i] & 0xff;
      if (c == 0) {
        ended = true;
      } else if (ended || c < 0x20 || c > 0x7e) {
        return Optional.empty(); // a NUL in the middle, or not text: not a code
      } else {
        code.append((char) c);
      }
    }
    return code.length() == 0 ? Optional.empty() : Optional.of(code.toString());
  }

  @Override
  public Set<FitnessProblem> problems(byte[] reply, long t1, long t4) {
    Set<FitnessProblem> problems = EnumSet.noneOf(FitnessProblem.class);
    int leap = (reply[0] & 0xff) >>> 6;
    int stratum = reply[1] & 0xff;
    if (stratum == 0) {
      problems.add(kissCode(reply).isPresent() ? FitnessProblem.KISS_OF_DEATH : FitnessProblem.UNSPECIFIED_STRATUM);
    }
    if (leap == 3) {
      problems.add(FitnessProblem.LEAP_ALARM);
    }
    if (stratum >= 16) {
      problems.add(FitnessProblem.STRATUM_UNSYNCHRONIZED);
    }
    long reference = u64(reply, 16);
    long t2 = u64(reply, 32);
    long t3 = u64(reply, 40);
    if (reference == 0) {
      problems.add(FitnessProblem.NEVER_SYNCHRONIZED);
    } else if (nanos(t3 - reference) < 0) {
      problems.add(FitnessProblem.REFERENCE_TIME_AFTER_TRANSMIT);
    }
    if (t2 == 0) {
      problems.add(FitnessProblem.ZERO_RECEIVE_TIME);
    }
    long delay = nanos(t4 - t1) - nanos(t3 - t2);
    if (delay < 0) {
      problems.add(FitnessProblem.NEGATIVE_DELAY);
    }
    long distance = (Math.max(0, delay) + shortNanos(u32(reply, 4))) / 2 + shortNanos(u32(reply, 8));
    if (distance > MAX_ROOT_DISTANCE_NANOS) {
      problems.add(FitnessProblem.ROOT_DISTANCE_TOO_LARGE);
    }
    return problems;
  }

  /** What a decoder accepts: see ReplyVerdict.MALFORMED. */
  static boolean wellFormed(byte[] b) {
    if (b.length == 0) {
      return false;
    }
    int version = b[0] >>> 3 & 7;
    if (version < 1 || version > 4) {
      return false;
    }
    int mode = b[0] & 7;
    if (mode == 6) {
      return b.length >= 12 && u16(b, 10) <= b.length - 12;
    }
    if (mode == 7) {
      return b.length >= 8;
    }
    if (b.length < HEADER) {
      return false;
    }
    int at = HEADER;
    while (b.length - at > MAX_MAC) {
      int length = u16(b, at + 2);
      if (version < 4 || length < 16 || length % 4 != 0 || length > b.length - at) {
        return false;
      }
      at += length;
    }
    int mac = b.length - at;
    return mac == 0 || mac == 4 || mac == 20 || mac == 24 || mac == 12 && version <= 3;
  }

  /** A signed 32.32 difference in nanoseconds, rounded to nearest (lab 4). */
  static long nanos(long fixed) {
    return (fixed >> 32) * 1_000_000_000L + ((fixed & 0xffff_ffffL) * 1_000_000_000L + (1L << 31) >>> 32);
  }

  /** An unsigned 16.16 value in nanoseconds, rounded to nearest (lab 1). */
  static long shortNanos(long bits) {
    return bits * 1_000_000_000L + (1 << 15) >>> 16;
  }

  static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
  }

  static long u32(byte[] b, int at) {
    return (long) u16(b, at) << 16 | u16(b, at + 2);
  }

  static long u64(byte[] b, int at) {
    return u32(b, at) << 32 | u32(b, at + 4);
  }
}
