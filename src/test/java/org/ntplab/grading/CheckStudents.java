package org.ntplab.grading;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.ntplab.lab.ChecksLab;
import org.ntplab.lab.FitnessProblem;
import org.ntplab.lab.ReplyVerdict;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpTimestamp;

/** Lab 5's hand-written students: a correct one (leaning on the reference) and classic mistakes. */
final class CheckStudents {

  private CheckStudents() {}

  static class Checks implements ChecksLab {
    @Override
    public ReplyVerdict check(byte[] request, byte[] datagram) {
      return ChecksExercises.verdict(request, datagram);
    }

    @Override
    public Optional<String> kissCode(byte[] packet) {
      return NtpCodec.decodePacket(packet).kissCode().map(KissCode::code);
    }

    @Override
    public Set<FitnessProblem> problems(byte[] reply, long t1, long t4) {
      return ChecksExercises.problems(
          NtpCodec.decodePacket(reply), new NtpTimestamp(t1), new NtpTimestamp(t4));
    }
  }

  /**
   * The root distance without the round trip: λ = root delay / 2 + root dispersion, δ forgotten.
   */
  static class DistanceWithoutTheDelay extends Checks {
    @Override
    public Set<FitnessProblem> problems(byte[] reply, long t1, long t4) {
      Set<FitnessProblem> problems = java.util.EnumSet.noneOf(FitnessProblem.class);
      problems.addAll(super.problems(reply, t1, t4));
      problems.remove(FitnessProblem.ROOT_DISTANCE_TOO_LARGE);
      org.ntplab.wire.NtpPacket p = NtpCodec.decodePacket(reply);
      java.time.Duration distance =
          p.rootDelay().toDuration().dividedBy(2).plus(p.rootDispersion().toDuration());
      if (distance.compareTo(java.time.Duration.ofMillis(1500)) > 0) {
        problems.add(FitnessProblem.ROOT_DISTANCE_TOO_LARGE);
      }
      return problems;
    }
  }

  /** Takes any server reply with a transmit timestamp as its own: a spoofer's dream. */
  static class NoOriginCheck extends Checks {
    @Override
    public ReplyVerdict check(byte[] request, byte[] datagram) {
      ReplyVerdict verdict = super.check(request, datagram);
      if (verdict != ReplyVerdict.ORIGIN_MISMATCH) {
        return verdict;
      }
      boolean zeroTransmit = NtpCodec.decodePacket(datagram).transmitTime().isZero();
      return zeroTransmit ? ReplyVerdict.ZERO_TRANSMIT : ReplyVerdict.ACCEPTED;
    }
  }

  /** Stratum 0 is "the best stratum": neither a kiss-o'-death nor a problem. */
  static class StratumZeroIsFine extends Checks {
    @Override
    public Set<FitnessProblem> problems(byte[] reply, long t1, long t4) {
      Set<FitnessProblem> problems = EnumSet.noneOf(FitnessProblem.class);
      problems.addAll(super.problems(reply, t1, t4));
      problems.removeAll(
          EnumSet.of(FitnessProblem.KISS_OF_DEATH, FitnessProblem.UNSPECIFIED_STRATUM));
      return problems;
    }
  }

  /**
   * The leap indicator read from the low two bits of byte 0 (part of the mode) instead of the top
   * two.
   */
  static class LeapFromWrongBits extends Checks {
    @Override
    public Set<FitnessProblem> problems(byte[] reply, long t1, long t4) {
      Set<FitnessProblem> problems = EnumSet.noneOf(FitnessProblem.class);
      problems.addAll(super.problems(reply, t1, t4));
      problems.remove(FitnessProblem.LEAP_ALARM);
      if ((reply[0] & 3) == 3) {
        problems.add(FitnessProblem.LEAP_ALARM);
      }
      return problems;
    }
  }
}
