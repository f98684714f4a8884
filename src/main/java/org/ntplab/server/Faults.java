package org.ntplab.server;

import java.time.Duration;
import java.util.Optional;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;

/**
 * Ways the lab server misbehaves on purpose, so students can watch their client cope.
 *
 * @param offset serve a clock this far ahead (negative: behind) of the real one; receive, transmit
 *     and reference timestamps and the TIME protocol all move together
 * @param leap the leap indicator to announce
 * @param kissOfDeath answer every request with this kiss code instead of time (RATE, DENY, RSTR…)
 * @param loss fraction of valid requests dropped at random, 0 to 1
 * @param delay hold each reply this long: a slow server, not a slow network. The receive timestamp
 *     stays the arrival time and the transmit timestamp is the time of sending, so the client's
 *     delay δ = (T4−T1) − (T3−T2) does not grow and its offset does not change; only its wait does
 * @param asymmetry make the path look longer by this much outbound (negative: inbound), which the
 *     client cannot tell from an offset of asymmetry/2 (see {@link Responder})
 * @param unsynchronized answer as an unsynchronized server does (see {@link Responder})
 * @param ntsForge flip a bit of each NTS reply's ciphertext after it is sealed, as an attacker on
 *     the path would: the reply looks whole, and a client that checks it must throw it away
 */
public record Faults(
    Duration offset,
    LeapIndicator leap,
    Optional<KissCode> kissOfDeath,
    double loss,
    Duration delay,
    Duration asymmetry,
    boolean unsynchronized,
    boolean ntsForge) {

  /** The longest a reply may be held (delay + |asymmetry|): any client has given up long before. */
  public static final Duration MAX_HOLD = Duration.ofHours(1);

  public static final Faults NONE =
      new Faults(
          Duration.ZERO,
          LeapIndicator.NO_WARNING,
          Optional.empty(),
          0,
          Duration.ZERO,
          Duration.ZERO,
          false,
          false);

  public Faults {
    if (!(loss >= 0 && loss <= 1)) { // also rejects NaN
      throw new IllegalArgumentException("loss must be a fraction from 0 to 1: " + loss);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    if (delay.plus(asymmetry.abs()).compareTo(MAX_HOLD) > 0) {
      throw new IllegalArgumentException(
          "delay + |asymmetry| must be at most 1 h: " + delay.plus(asymmetry.abs()));
    }
    if (unsynchronized && kissOfDeath.isPresent()) {
      throw new IllegalArgumentException(
          "choose one of unsynchronized and kiss-o'-death " + kissOfDeath.get());
    }
    if (unsynchronized && leap != LeapIndicator.NO_WARNING) {
      throw new IllegalArgumentException(
          "unsynchronized already sets leap indicator 3: leave the leap indicator alone");
    }
  }

  public Faults withOffset(Duration offset) {
    return new Faults(offset, leap, kissOfDeath, loss, delay, asymmetry, unsynchronized, ntsForge);
  }

  public Faults withLeap(LeapIndicator leap) {
    return new Faults(offset, leap, kissOfDeath, loss, delay, asymmetry, unsynchronized, ntsForge);
  }

  public Faults withKissOfDeath(KissCode code) {
    return new Faults(
        offset, leap, Optional.of(code), loss, delay, asymmetry, unsynchronized, ntsForge);
  }

  public Faults withLoss(double loss) {
    return new Faults(offset, leap, kissOfDeath, loss, delay, asymmetry, unsynchronized, ntsForge);
  }

  public Faults withDelay(Duration delay) {
    return new Faults(offset, leap, kissOfDeath, loss, delay, asymmetry, unsynchronized, ntsForge);
  }

  public Faults withAsymmetry(Duration asymmetry) {
    return new Faults(offset, leap, kissOfDeath, loss, delay, asymmetry, unsynchronized, ntsForge);
  }

  public Faults withUnsynchronized(boolean unsynchronized) {
    return new Faults(offset, leap, kissOfDeath, loss, delay, asymmetry, unsynchronized, ntsForge);
  }

  public Faults withNtsForge(boolean ntsForge) {
    return new Faults(offset, leap, kissOfDeath, loss, delay, asymmetry, unsynchronized, ntsForge);
  }

  /** How long a reply waits before it is sent: the delay plus the asymmetry's extra path. */
  public Duration hold() {
    return delay.plus(asymmetry.abs());
  }

  public boolean isNone() {
    return equals(NONE);
  }
}
