package org.ntplab.sync;

import java.time.Duration;
import org.ntplab.auth.MacCheck;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.NtpTimestamp;

/** A reason the time in a reply is not fit to set a clock by (see {@link Fitness}). */
public sealed interface Problem {

  /** One line for a person. */
  String describe();

  /**
   * The request was signed and the reply does not prove it came from a holder of the key: its time
   * may be anyone's. Never {@link MacCheck#VERIFIED}.
   */
  record AuthenticationFailed(MacCheck reason) implements Problem {
    public AuthenticationFailed {
      if (reason.verified()) {
        throw new IllegalArgumentException("a verified MAC is not a problem");
      }
    }

    @Override
    public String describe() {
      return "not authenticated: " + reason.meaning();
    }
  }

  /** Stratum 0: the server sent a kiss code instead of time (RFC 5905 §7.4). */
  record KissOfDeath(KissCode code) implements Problem {
    @Override
    public String describe() {
      return "kiss-o'-death "
          + code
          + code.meaning().map(m -> ": " + m).orElse("")
          + switch (code.action()) {
            case STOP_USING_SERVER -> " (stop querying this server)";
            case REDUCE_RATE -> " (query less often)";
            case RENEW_NTS_KEYS -> " (renew NTS keys)";
            case NONE -> "";
          };
    }
  }

  /** Stratum 0 without an ASCII kiss code: the server did not say what it is. */
  record UnspecifiedStratum() implements Problem {
    @Override
    public String describe() {
      return "stratum 0 (unspecified) without a kiss code";
    }
  }

  /** Leap indicator 3: the server's clock is not synchronized. */
  record LeapAlarm() implements Problem {
    @Override
    public String describe() {
      return "leap indicator 3: the server's clock is unsynchronized";
    }
  }

  /** Stratum 16 or more: unsynchronized (16) or reserved (17–255). */
  record StratumUnsynchronized(int stratum) implements Problem {
    @Override
    public String describe() {
      return "stratum " + stratum + ": the server is unsynchronized";
    }
  }

  /** The server has never set its clock: its reference time is zero. */
  record NeverSynchronized() implements Problem {
    @Override
    public String describe() {
      return "reference time is zero: the server's clock has never been set";
    }
  }

  /** The server says its clock was last set after it sent this packet. */
  record ReferenceTimeAfterTransmit(NtpTimestamp reference, NtpTimestamp transmit)
      implements Problem {
    @Override
    public String describe() {
      return "reference time " + reference + " is after transmit time " + transmit;
    }
  }

  /** T2 is zero: the server did not say when the request arrived. */
  record ZeroReceiveTime() implements Problem {
    @Override
    public String describe() {
      return "receive timestamp is zero";
    }
  }

  /** The round trip is shorter than the server's own processing time: a clock stepped, or a lie. */
  record NegativeDelay(Duration delay) implements Problem {
    @Override
    public String describe() {
      return "delay "
          + delay.toNanos()
          + " ns is negative: a clock stepped during the exchange, or a timestamp is wrong";
    }
  }

  /** Root distance, the bound on the error to the reference clock, is over the limit. */
  record RootDistanceTooLarge(Duration distance, Duration limit) implements Problem {
    @Override
    public String describe() {
      return "root distance " + distance.toMillis() + " ms exceeds " + limit.toMillis() + " ms";
    }
  }
}
