package org.ntplab.grading;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.ntplab.lab.ChecksLab;
import org.ntplab.lab.FitnessProblem;
import org.ntplab.lab.ReplyVerdict;
import org.ntplab.sync.Fitness;
import org.ntplab.sync.Problem;
import org.ntplab.sync.ReplyCheck;
import org.ntplab.sync.Sample;
import org.ntplab.text.Durations;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpHeader;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpTimestamp;

/**
 * Lab 5: the reply check on every captured pair, on every reply against another fixture's request,
 * and on damaged copies of a real reply; the kiss code of every time packet; the fitness of every
 * exchange with T1 and T4, graded one family of problems at a time.
 */
final class ChecksExercises {

  /** The lab these exercises grade: declared here, found by {@link Labs}. */
  static final Lab LAB =
      new Lab(5, "checks", "Checks", Lab.Exercises.of(ChecksLab.class, ChecksExercises::of));

  /** The address checks are about bytes only: every datagram "comes from" the server queried. */
  private static final InetSocketAddress SERVER = InetSocketAddress.createUnresolved("server", 123);

  private ChecksExercises() {}

  static List<Exercise<ChecksLab>> of(Corpus corpus) {
    List<Corpus.Capture> pairs = new ArrayList<>();
    List<Corpus.Capture> replies = new ArrayList<>();
    for (Corpus.Capture c : corpus.captures()) {
      if (c.reply() != null) {
        replies.add(c);
        if (c.request() != null && timePacket(c.request()) != null) {
          pairs.add(c);
        }
      }
    }
    List<Case<ChecksLab>> own = new ArrayList<>();
    List<Case<ChecksLab>> others = new ArrayList<>();
    for (Corpus.Capture c : pairs) {
      own.add(check(c.id(), c.request(), c.reply()));
    }
    for (int i = 0; i < replies.size() && !pairs.isEmpty(); i++) {
      // Another fixture's request: the next pair's, so each reply meets a different request.
      Corpus.Capture reply = replies.get(i);
      Corpus.Capture other = pairs.get((i + 1) % pairs.size());
      if (other.id().equals(reply.id())) {
        other = pairs.get((i + 2) % pairs.size());
      }
      if (!other.id().equals(reply.id())) {
        others.add(
            check(
                reply.id() + " (reply) against " + other.id() + " (request)",
                other.request(),
                reply.reply()));
      }
    }
    List<Case<ChecksLab>> damaged = damaged(pairs);

    List<Case<ChecksLab>> kiss = new ArrayList<>();
    for (Corpus.TimePacket p : corpus.packets()) {
      byte[] bytes = p.bytes();
      Optional<String> code = p.packet().kissCode().map(KissCode::code);
      boolean stratum0Time = p.packet().stratum() == 0 && p.packet().mode() != Mode.CLIENT;
      kiss.add(
          new Case<>(
              p.label(),
              "kiss code",
              "kissCode(packet)",
              code,
              lab -> lab.kissCode(bytes.clone()),
              Comparison.exact(),
              code.isPresent() ? Set.of("kiss-code") : Rules.when(stratum0Time, "no-kiss-code")));
    }
    return List.of(
        new Exercise<>(LAB, "reply check: the reply to our request", 4, own),
        new Exercise<>(LAB, "reply check: a reply to another request", 4, others),
        new Exercise<>(LAB, "reply check: damaged replies", 2, damaged),
        new Exercise<>(LAB, "kiss code", 2, kiss),
        fitness(
            corpus,
            "fitness: stratum (kiss-o'-death, unspecified, 16 and up)",
            3,
            EnumSet.of(
                FitnessProblem.KISS_OF_DEATH,
                FitnessProblem.UNSPECIFIED_STRATUM,
                FitnessProblem.STRATUM_UNSYNCHRONIZED)),
        fitness(corpus, "fitness: leap indicator 3", 2, EnumSet.of(FitnessProblem.LEAP_ALARM)),
        fitness(
            corpus,
            "fitness: timestamps (reference, receive, delay)",
            2,
            EnumSet.of(
                FitnessProblem.NEVER_SYNCHRONIZED, FitnessProblem.REFERENCE_TIME_AFTER_TRANSMIT,
                FitnessProblem.ZERO_RECEIVE_TIME, FitnessProblem.NEGATIVE_DELAY)),
        fitness(
            corpus,
            "fitness: root distance",
            1,
            EnumSet.of(FitnessProblem.ROOT_DISTANCE_TOO_LARGE)));
  }

  /** The reference's verdict on {@code datagram} as the reply to {@code request}. */
  static ReplyVerdict verdict(byte[] request, byte[] datagram) {
    NtpTimestamp sent = timePacket(request).transmitTime();
    ReplyCheck.Admission verdict = ReplyCheck.forClient(SERVER, sent).check(SERVER, datagram);
    return verdict instanceof ReplyCheck.Rejected r
        ? ReplyVerdict.valueOf(r.reason().name())
        : ReplyVerdict.ACCEPTED;
  }

  /** The reference's problems with {@code reply}, as the lab's names. */
  static Set<FitnessProblem> problems(NtpPacket reply, NtpTimestamp t1, NtpTimestamp t4) {
    Set<FitnessProblem> names = EnumSet.noneOf(FitnessProblem.class);
    for (Problem p : Fitness.RFC_5905.problems(reply, Sample.of(t1, reply, t4))) {
      names.add(name(p));
    }
    return names;
  }

  private static FitnessProblem name(Problem p) {
    if (p instanceof Problem.KissOfDeath) {
      return FitnessProblem.KISS_OF_DEATH;
    } else if (p instanceof Problem.UnspecifiedStratum) {
      return FitnessProblem.UNSPECIFIED_STRATUM;
    } else if (p instanceof Problem.LeapAlarm) {
      return FitnessProblem.LEAP_ALARM;
    } else if (p instanceof Problem.StratumUnsynchronized) {
      return FitnessProblem.STRATUM_UNSYNCHRONIZED;
    } else if (p instanceof Problem.NeverSynchronized) {
      return FitnessProblem.NEVER_SYNCHRONIZED;
    } else if (p instanceof Problem.ReferenceTimeAfterTransmit) {
      return FitnessProblem.REFERENCE_TIME_AFTER_TRANSMIT;
    } else if (p instanceof Problem.ZeroReceiveTime) {
      return FitnessProblem.ZERO_RECEIVE_TIME;
    } else if (p instanceof Problem.NegativeDelay) {
      return FitnessProblem.NEGATIVE_DELAY;
    } else if (p instanceof Problem.RootDistanceTooLarge) {
      return FitnessProblem.ROOT_DISTANCE_TOO_LARGE;
    }
    throw new IllegalStateException("fitness does not check MACs: " + p.describe());
  }

  private static Case<ChecksLab> check(String label, byte[] request, byte[] datagram) {
    ReplyVerdict verdict = verdict(request, datagram);
    return new Case<>(
        label,
        "verdict",
        "check(request, reply)",
        verdict,
        lab -> lab.check(request.clone(), datagram.clone()),
        Comparison.exact(),
        rules(verdict, request, datagram));
  }

  /** The verdict's own rule, and the order's when a later test would fail too. */
  private static Set<String> rules(ReplyVerdict verdict, byte[] request, byte[] datagram) {
    Set<String> rules = new LinkedHashSet<>(Set.of(Rules.id(verdict)));
    if (datagram.length >= NtpPacket.HEADER_LENGTH) {
      boolean originWrong =
          ByteBuffer.wrap(datagram).getLong(NtpHeader.ORIGIN_TIME)
              != ByteBuffer.wrap(request).getLong(NtpHeader.TRANSMIT_TIME);
      boolean transmitZero = ByteBuffer.wrap(datagram).getLong(NtpHeader.TRANSMIT_TIME) == 0;
      boolean beforeTheOrigin =
          verdict == ReplyVerdict.NOT_A_TIME_PACKET || verdict == ReplyVerdict.WRONG_MODE;
      rules.addAll(
          Rules.when(
              beforeTheOrigin && (originWrong || transmitZero)
                  || verdict == ReplyVerdict.ORIGIN_MISMATCH && transmitZero,
              "first-failing-test"));
    }
    return rules;
  }

  /**
   * Copies of the first accepted pair's reply, each damaged one way, against their own request:
   * what a capture rarely holds but a client must turn away.
   */
  private static List<Case<ChecksLab>> damaged(List<Corpus.Capture> pairs) {
    List<Case<ChecksLab>> cases = new ArrayList<>();
    Corpus.Capture first =
        pairs.stream()
            .filter(
                c ->
                    verdict(c.request(), c.reply()) == ReplyVerdict.ACCEPTED
                        && c.reply().length == NtpPacket.HEADER_LENGTH)
            .findFirst()
            .orElse(null);
    if (first == null) {
      return cases;
    }
    damage(cases, first, "empty", b -> new byte[0]);
    damage(cases, first, "cut to 47 bytes", b -> Arrays.copyOf(b, 47));
    damage(cases, first, "version 0", b -> firstByte(b, b[0] & 0xc7));
    damage(cases, first, "version 5", b -> firstByte(b, b[0] & 0xc7 | 5 << 3));
    damage(cases, first, "mode 3, our request come back", b -> firstByte(b, b[0] & 0xf8 | 3));
    damage(cases, first, "mode 5", b -> firstByte(b, b[0] & 0xf8 | 5));
    damage(cases, first, "mode 6", b -> firstByte(b, b[0] & 0xf8 | 6));
    damage(cases, first, "mode 7", b -> firstByte(b, b[0] & 0xf8 | 7));
    damage(
        cases,
        first,
        "transmit zeroed",
        b -> {
          byte[] out = b.clone();
          ByteBuffer.wrap(out).putLong(NtpHeader.TRANSMIT_TIME, 0);
          return out;
        });
    damage(
        cases,
        first,
        "origin's last bit flipped",
        b -> {
          byte[] out = b.clone();
          out[NtpHeader.ORIGIN_TIME + NtpHeader.TIMESTAMP_LENGTH - 1] ^= 1;
          return out;
        });
    damage(cases, first, "1 byte after the header", b -> Arrays.copyOf(b, 49));
    damage(cases, first, "crypto-NAK after the header", b -> Arrays.copyOf(b, 52));
    damage(cases, first, "10 bytes after the header", b -> Arrays.copyOf(b, 58));
    return cases;
  }

  private static void damage(
      List<Case<ChecksLab>> into, Corpus.Capture c, String how, UnaryOperator<byte[]> change) {
    into.add(check(c.id() + " (reply, " + how + ")", c.request(), change.apply(c.reply())));
  }

  private static byte[] firstByte(byte[] b, int value) {
    byte[] out = b.clone();
    out[0] = (byte) value;
    return out;
  }

  private static Exercise<ChecksLab> fitness(
      Corpus corpus, String title, int points, Set<FitnessProblem> family) {
    List<Case<ChecksLab>> cases = new ArrayList<>();
    List<Corpus.Exchange> exchanges = new ArrayList<>(corpus.exchanges());
    exchanges.addAll(unfit(corpus.exchanges()));
    for (Corpus.Exchange x : exchanges) {
      byte[] reply = NtpCodec.encode(x.reply()); // decode then encode gives the captured bytes back
      long t1 = x.t1().bits();
      long t4 = x.t4().bits();
      Set<FitnessProblem> expected = only(problems(x.reply(), x.t1(), x.t4()), family);
      Comparison comparison =
          family.contains(FitnessProblem.ROOT_DISTANCE_TOO_LARGE)
              ? withRootDistance(x)
              : Comparison.exact();
      Set<String> rules = new LinkedHashSet<>();
      expected.forEach(p -> rules.add(Rules.id(p)));
      cases.add(
          new Case<>(
              x.label(),
              "problems " + family,
              String.format("problems(reply, 0x%016xL, 0x%016xL)", t1, t4),
              expected,
              lab -> only(lab.problems(reply.clone(), t1, t4), family),
              comparison,
              rules));
    }
    return new Exercise<>(LAB, title, points, cases);
  }

  /** A wrong verdict on the root distance shows the distance and its parts, against the limit. */
  private static Comparison withRootDistance(Corpus.Exchange x) {
    Sample sample = Sample.of(x.t1(), x.reply(), x.t4());
    Duration distance = Fitness.rootDistance(x.reply(), sample);
    String parts =
        String.format(
            "; root distance λ = (δ %s + root delay %s) / 2 + root dispersion %s = %s, against"
                + " a limit of %s",
            Durations.text(sample.delay()),
            Durations.text(x.reply().rootDelay().toDuration()),
            Durations.text(x.reply().rootDispersion().toDuration()),
            Durations.text(distance),
            Durations.text(Fitness.RFC_5905.maxRootDistance()));
    return (expected, actual) -> Comparison.exact().mismatch(expected, actual).map(m -> m + parts);
  }

  /**
   * Copies of the first exchange whose reply is fit, each with one problem no capture has: every
   * problem is graded at least once, whatever the fixtures hold.
   */
  private static List<Corpus.Exchange> unfit(List<Corpus.Exchange> exchanges) {
    Corpus.Exchange fit =
        exchanges.stream()
            .filter(
                x ->
                    problems(x.reply(), x.t1(), x.t4()).isEmpty()
                        && x.reply().length() == NtpPacket.HEADER_LENGTH)
            .findFirst()
            .orElse(null);
    List<Corpus.Exchange> unfit = new ArrayList<>();
    if (fit == null) {
      return unfit;
    }
    byte[] reply = NtpCodec.encode(fit.reply());
    long transmit = fit.reply().transmitTime().bits();
    unfit(unfit, fit, "stratum 16", reply, b -> b[NtpHeader.STRATUM] = 16);
    unfit(unfit, fit, "stratum 255", reply, b -> b[NtpHeader.STRATUM] = (byte) 255);
    unfit(
        unfit,
        fit,
        "stratum 0, reference ID zero",
        reply,
        b -> {
          b[NtpHeader.STRATUM] = 0;
          ByteBuffer.wrap(b).putInt(NtpHeader.REFERENCE_ID, 0);
        });
    unfit(
        unfit,
        fit,
        "stratum 0, reference ID RSTR",
        reply,
        b -> {
          b[NtpHeader.STRATUM] = 0;
          ByteBuffer.wrap(b).putInt(NtpHeader.REFERENCE_ID, KissCode.RSTR.toReferenceId().bits());
        });
    unfit(unfit, fit, "leap indicator 3", reply, b -> b[0] |= (byte) 0xc0);
    unfit(unfit, fit, "leap indicator 2", reply, b -> b[0] = (byte) (b[0] & 0x3f | 0x80));
    unfit(
        unfit,
        fit,
        "reference time a second after transmit",
        reply,
        b -> ByteBuffer.wrap(b).putLong(NtpHeader.REFERENCE_TIME, transmit + (1L << 32)));
    unfit(
        unfit,
        fit,
        "receive time zero",
        reply,
        b -> ByteBuffer.wrap(b).putLong(NtpHeader.RECEIVE_TIME, 0));
    unfit(
        unfit,
        fit,
        "root delay 3 s",
        reply,
        b -> ByteBuffer.wrap(b).putInt(NtpHeader.ROOT_DELAY, 0x0003_0000));
    unfit(
        unfit,
        fit,
        "root dispersion 1.5 s",
        reply,
        b -> ByteBuffer.wrap(b).putInt(NtpHeader.ROOT_DISPERSION, 0x0001_8000));
    unfit.add(
        new Corpus.Exchange(
            fit.label() + " (T4 = T1: negative delay)", fit.t1(), fit.reply(), fit.t1()));
    return unfit;
  }

  private static void unfit(
      List<Corpus.Exchange> into,
      Corpus.Exchange x,
      String how,
      byte[] reply,
      Consumer<byte[]> change) {
    byte[] b = reply.clone();
    change.accept(b);
    into.add(
        new Corpus.Exchange(
            x.label() + " (" + how + ")", x.t1(), NtpCodec.decodePacket(b), x.t4()));
  }

  /** The problems of {@code family} in {@code all}: the one thing an exercise grades. */
  private static Set<FitnessProblem> only(Set<FitnessProblem> all, Set<FitnessProblem> family) {
    if (all == null) {
      return null; // shown as "got null"
    }
    Set<FitnessProblem> some = EnumSet.noneOf(FitnessProblem.class);
    for (FitnessProblem p : all) {
      if (family.contains(p)) {
        some.add(p);
      }
    }
    return some;
  }

  private static NtpPacket timePacket(byte[] bytes) {
    try {
      return NtpCodec.decode(bytes) instanceof NtpPacket p ? p : null;
    } catch (MalformedPacketException e) {
      return null;
    }
  }
}
