package org.ntplab.grading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ntplab.lab.Interval;
import org.ntplab.lab.Truechimer;
import org.ntplab.mitigation.Candidate;
import org.ntplab.mitigation.Constants;
import org.ntplab.mitigation.CorrectnessInterval;
import org.ntplab.mitigation.PeerEstimate;
import org.ntplab.mitigation.RootDistance;
import org.ntplab.mitigation.Survivor;
import org.ntplab.sync.Sample;
import org.ntplab.wire.NtpPacket;

/**
 * Labs 12 and 13's inputs: sets of servers as one client saw them in one round of polls, built from
 * the captures. A capture (a fixture id less its frame numbers) that holds replies of several
 * servers gives a set per round: its exchanges in time order, a set ending where a server comes
 * round again. A server is told apart by what its replies say of it (stratum and reference ID),
 * since the fixtures' addresses are not in the corpus. Sets of 3 to 7 servers are kept.
 *
 * <p>Each exchange gives θ and δ ({@link Sample}), the dispersion ε = the server's precision + PHI
 * × δ (our client's precision is unknown), the peer jitter ψ as the clock filter computes it, over
 * the same server's up to seven earlier exchanges in the capture (at least its precision), and from
 * them λ ({@link RootDistance}).
 */
final class ServerSets {

  static final int FEWEST = 3;
  static final int MOST = 7;

  private ServerSets() {}

  /** One server of a set, named for its fixture; offset, λ and jitter in seconds. */
  record Server(String name, double offset, double rootDistance, double jitter, int stratum) {

    Interval interval() {
      return new Interval(offset, rootDistance);
    }

    CorrectnessInterval correctnessInterval() {
      return new CorrectnessInterval(name, offset, rootDistance);
    }

    Truechimer truechimer() {
      return new Truechimer(offset, rootDistance, jitter, stratum);
    }

    Survivor survivor() {
      return new Survivor(name, offset, jitter, stratum, rootDistance);
    }

    /**
     * This server as {@code name}, moved to {@code offset} with root distance {@code rootDistance}.
     */
    Server moved(String name, double offset, double rootDistance) {
      return new Server(name, offset, rootDistance, jitter, stratum);
    }
  }

  /** A set of servers and the label its cases show. */
  record ServerSet(String label, List<Server> servers) {
    ServerSet {
      servers = List.copyOf(servers);
    }

    List<Interval> intervals() {
      return servers.stream().map(Server::interval).toList();
    }

    List<CorrectnessInterval> correctnessIntervals() {
      return servers.stream().map(Server::correctnessInterval).toList();
    }

    /** {@code method(List.of(new Interval(θ, λ), ...))}, exact: what a student can paste. */
    String call(String method) {
      List<String> intervals =
          servers.stream()
              .map(s -> "new Interval(" + s.offset() + ", " + s.rootDistance() + ")")
              .toList();
      return method + "(List.of(" + String.join(", ", intervals) + "))";
    }
  }

  /** The sets of the corpus's captured exchanges, never those made by hand. */
  static List<ServerSet> of(Corpus corpus) {
    Map<String, List<Corpus.Exchange>> captures = new LinkedHashMap<>();
    for (Corpus.Exchange x : corpus.exchanges()) {
      if (!x.label().contains("synthetic")) {
        // An instructor's hidden capture may share its name with a published one: a round that
        // mixed them would show hidden θ and λ under a published label, so they never share one.
        String key = capture(x.label()) + (corpus.isHidden(x.label()) ? " (hidden)" : "");
        captures.computeIfAbsent(key, c -> new ArrayList<>()).add(x);
      }
    }
    List<ServerSet> sets = new ArrayList<>();
    for (List<Corpus.Exchange> exchanges : captures.values()) {
      exchanges.sort(Comparator.comparing(Corpus.Exchange::t1));
      sets.addAll(rounds(exchanges));
    }
    return sets;
  }

  private static List<ServerSet> rounds(List<Corpus.Exchange> exchanges) {
    List<ServerSet> sets = new ArrayList<>();
    Map<String, List<Double>> history = new LinkedHashMap<>();
    List<Server> round = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Corpus.Exchange x : exchanges) {
      String who = identity(x.reply());
      Sample sample = Sample.of(x.t1(), x.reply(), x.t4());
      List<Double> earlier = history.computeIfAbsent(who, w -> new ArrayList<>());
      Server server = server(x, sample, earlier);
      earlier.add(server.offset());
      if (!seen.add(who) || round.size() == MOST) {
        keep(round, sets);
        round.clear();
        seen.clear();
        seen.add(who);
      }
      round.add(server);
    }
    keep(round, sets);
    return sets;
  }

  private static void keep(List<Server> round, List<ServerSet> into) {
    if (round.size() >= FEWEST) {
      into.add(new ServerSet(String.join(", ", round.stream().map(Server::name).toList()), round));
    }
  }

  private static Server server(Corpus.Exchange x, Sample sample, List<Double> earlier) {
    NtpPacket reply = x.reply();
    double precision = Math.scalb(1.0, reply.precision());
    double offset = sample.offsetNanos() / 1e9;
    double delay = sample.delayNanos() / 1e9;
    double jitter = Math.max(precision, jitter(offset, earlier));
    PeerEstimate estimate =
        new PeerEstimate(offset, delay, precision + Constants.PHI * delay, jitter, 0);
    Candidate c =
        new Candidate(
            x.label(),
            reply.stratum(),
            false,
            reply.rootDelay().toDuration().toNanos() / 1e9,
            reply.rootDispersion().toDuration().toNanos() / 1e9,
            estimate);
    return new Server(x.label(), offset, RootDistance.of(c, 0), jitter, reply.stratum());
  }

  /** The filter's ψ: the RMS of θ − θ_j over the register's other stages, the last seven. */
  private static double jitter(double offset, List<Double> earlier) {
    List<Double> register =
        earlier.subList(Math.max(0, earlier.size() - (Constants.NSTAGE - 1)), earlier.size());
    if (register.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (double o : register) {
      sum += (offset - o) * (offset - o);
    }
    return Math.sqrt(sum / register.size());
  }

  private static String identity(NtpPacket reply) {
    return reply.stratum() + "/" + reply.referenceId();
  }

  /**
   * {@code leapsecond-ntp-2p} of {@code leapsecond-ntp-2p-13-14}: the fixture id less its frames.
   */
  static String capture(String id) {
    return id.replaceFirst("(-\\d+)+$", "");
  }

  /**
   * {@code x} to the nearest 2^-20 s (about a microsecond): edges made from it then add exactly.
   */
  static double exact(double x) {
    return Math.scalb(Math.rint(Math.scalb(x, 20)), -20);
  }
}
