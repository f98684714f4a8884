package org.ntplab.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpPacket;

/**
 * The second client check: is the time in an accepted reply fit to use (RFC 5905 §8 packet tests 3,
 * 6, 7 and §7.4)? The answer is the list of every problem found, empty when fit: a tool shows them
 * all, a client decides which ones it can live with.
 *
 * @param maxRootDistance the root distance beyond which a server is too far from a reference clock
 *     to trust; RFC 5905's MAXDIST is 1.5 s
 */
public record Fitness(Duration maxRootDistance) {

  public static final Fitness RFC_5905 = new Fitness(Duration.ofMillis(1500));

  public List<Problem> problems(NtpPacket reply, Sample sample) {
    List<Problem> problems = new ArrayList<>(headerProblems(reply));
    if (reply.referenceTime().isZero()) {
      problems.add(new Problem.NeverSynchronized());
    } else if (reply.transmitTime().nanosSince(reply.referenceTime()) < 0) {
      problems.add(
          new Problem.ReferenceTimeAfterTransmit(reply.referenceTime(), reply.transmitTime()));
    }
    if (reply.receiveTime().isZero()) {
      problems.add(new Problem.ZeroReceiveTime());
    }
    if (sample.rawDelayNanos() < 0) {
      problems.add(new Problem.NegativeDelay(Duration.ofNanos(sample.rawDelayNanos())));
    }
    Duration distance = rootDistance(reply, sample);
    if (distance.compareTo(maxRootDistance) > 0) {
      problems.add(new Problem.RootDistanceTooLarge(distance, maxRootDistance));
    }
    return problems;
  }

  /**
   * What a packet's first word says against its own time: stratum 0 (a kiss, or unspecified), LI 3,
   * stratum 16 and up. None in a packet that hands out no time (see {@link #carriesTime}), so the
   * inspector can ask this of every packet it shows.
   */
  public static List<Problem> headerProblems(NtpPacket packet) {
    List<Problem> problems = new ArrayList<>();
    if (!carriesTime(packet.mode())) {
      return problems;
    }
    if (packet.stratum() == 0) {
      problems.add(
          packet
              .kissCode()
              .<Problem>map(Problem.KissOfDeath::new)
              .orElseGet(Problem.UnspecifiedStratum::new));
    }
    if (packet.leap() == LeapIndicator.UNSYNCHRONIZED) {
      problems.add(new Problem.LeapAlarm());
    }
    if (packet.stratum() >= NtpPacket.MAX_STRATUM) {
      problems.add(new Problem.StratumUnsynchronized(packet.stratum()));
    }
    return problems;
  }

  /**
   * Whether the mode hands out time (server, broadcast, symmetric): only those packets go through
   * RFC 5905's packet tests (§9.2 answers a client's request, it never tests it). A request with LI
   * 3 and stratum 0 only says the client is not synchronized yet, which is no problem.
   */
  public static boolean carriesTime(Mode mode) {
    return mode == Mode.SERVER
        || mode == Mode.BROADCAST
        || mode == Mode.SYMMETRIC_ACTIVE
        || mode == Mode.SYMMETRIC_PASSIVE;
  }

  /** λ = (δ + root delay) / 2 + root dispersion: the most our clock can be off the reference. */
  public static Duration rootDistance(NtpPacket reply, Sample sample) {
    return sample
        .delay()
        .plus(reply.rootDelay().toDuration())
        .dividedBy(2)
        .plus(reply.rootDispersion().toDuration());
  }
}
