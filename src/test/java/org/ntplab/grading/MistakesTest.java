package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.failed;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.lost;
import static org.ntplab.grading.GraderTest.message;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.lab.ClientResult;
import org.ntplab.lab.FilterSample;
import org.ntplab.lab.HeaderFields;
import org.ntplab.lab.MacKey;
import org.ntplab.lab.MacVerdict;
import org.ntplab.lab.ReplyVerdict;
import org.ntplab.lab.ServerState;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpTimestamp;

/**
 * The grader's sensitivity, one table: classic mistakes, each written as a student would, each
 * naming the README rule it breaks, and each asserted to lose its exercise with a message that
 * names the field and shows what was expected and what came. Every rule a lab states is broken by
 * some row, or said here to have none yet.
 */
class MistakesTest {

  /**
   * Rules no row breaks yet, each with why: a rule missing from the table and from here fails the
   * test.
   */
  private static final Map<String, String> NO_ROW =
      Map.of(
          "lab5 no-kiss-code", "a wrong kiss code on a packet that carries none: no row yet",
          "lab6 offset-delay", "lab 4's rows break the formulas; the client only calls them",
          "lab7 reply-from-state", "the state's fields each: no row yet",
          "lab9 bad-digest", "the rows that break VERIFIED break BAD_DIGEST too; named by verified",
          "lab8 encode-modulo", "Java's (int) cast wraps by itself: no natural way to miss it");

  private static Corpus corpus;
  private static final Map<Lab, List<? extends Exercise<?>>> EXERCISES = new TreeMap<>();

  @BeforeAll
  static void load() throws Exception {
    corpus = Corpus.load();
  }

  /**
   * A mistake: what it is, the rule it breaks, the student who makes it, the exercise it loses,
   * what the message names.
   */
  record Mistake<S>(String what, Lab lab, String rule, S student, String loses, String names) {
    @Override
    public String toString() {
      return lab.id() + " " + rule + ": " + what;
    }
  }

  static <S> Mistake<S> row(
      String what, Lab lab, String rule, S student, String loses, String names) {
    return new Mistake<>(
        what, lab, rule, student, lab.id() + " " + lab.title() + ": " + loses, names);
  }

  @SuppressWarnings("unchecked")
  private static <S> List<Exercise<S>> exercises(Lab lab) {
    return (List<Exercise<S>>) EXERCISES.computeIfAbsent(lab, l -> Grading.exercises(l, corpus));
  }

  static Stream<Mistake<?>> mistakes() {
    List<Mistake<?>> rows = new ArrayList<>();
    rows.addAll(warmup());
    rows.addAll(timestamps());
    rows.addAll(decode());
    rows.addAll(encodeAndOffsetDelay());
    rows.addAll(checks());
    rows.addAll(client());
    rows.addAll(server());
    rows.addAll(timeProtocolAndMac());
    rows.addAll(MitigationMistakes.rows());
    rows.addAll(NtsMistakes.rows());
    rows.addAll(clockFilter());
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  <S> void losesItsExerciseAndSaysWhere(Mistake<S> mistake) {
    var results = grade(MistakesTest.<S>exercises(mistake.lab()), mistake.student());
    assertTrue(failed(results).contains(mistake.loses()), mistake + " lost " + failed(results));
    String message = message(results.get(mistake.loses()));
    assertTrue(message.contains(mistake.names()), message);
    assertTrue(
        message.contains("expected") && (message.contains("got") || message.contains("actual")),
        message);
  }

  @Test
  void theCorrectStudentsTheRowsAreMadeFromLoseNothing() {
    assertEquals(0, lost(grade(exercises(Lab.of(0)), new Students.Warmup())));
    assertEquals(0, lost(grade(exercises(Lab.of(5)), new CheckStudents.Checks())));
    assertEquals(0, lost(grade(exercises(Lab.of(7)), new ServerStudents.Server())));
    assertEquals(0, lost(grade(exercises(Lab.of(9)), new MacStudents.MacChecker())));
    assertEquals(0, lost(grade(exercises(Lab.of(11)), new ClockFilterStudents.Filter())));
  }

  @Test
  void everyRuleALabStatesIsBrokenByARowOrSaidNotToBe() throws IOException {
    Set<String> broken =
        mistakes().map(m -> m.lab().id() + " " + m.rule()).collect(Collectors.toSet());
    Set<String> stated = new TreeSet<>();
    for (Lab lab : Lab.all()) {
      Rules.stated(Path.of("labs"), lab).forEach(r -> stated.add(lab.id() + " " + r.id()));
    }
    Set<String> unstated = new TreeSet<>(broken);
    unstated.removeAll(stated);
    assertEquals(Set.of(), unstated, "rows naming a rule no README states");
    Set<String> without = new TreeSet<>(stated);
    without.removeAll(broken);
    without.removeAll(NO_ROW.keySet());
    without.removeAll(NtsMistakes.NO_ROW.keySet());
    assertEquals(Set.of(), without, "rules no row breaks, and not said in NO_ROW");
    Set<String> stale = new TreeSet<>(NO_ROW.keySet());
    stale.addAll(NtsMistakes.NO_ROW.keySet());
    stale.retainAll(broken);
    assertEquals(Set.of(), stale, "rules in NO_ROW that a row does break now");
    assertTrue(
        broken.size() >= 30 && mistakes().count() >= 30,
        mistakes().count() + " rows, " + broken.size() + " rules");
  }

  private static List<Mistake<?>> warmup() {
    Lab lab = Lab.of(0);
    return List.of(
        row(
            "1900 to 1970 as 70 years of 365 days",
            lab,
            "epoch-offset",
            new Students.Warmup() {
              @Override
              public long epochOffset() {
                return 70L * 365 * 86_400;
              }
            },
            "1. seconds from 1900 to 1970",
            "question 1: epochOffset(): expected 2208988800"),
        row(
            "era 0 ending with Unix's 2^31 s, in 2038",
            lab,
            "era-zero-ends",
            new Students.Warmup() {
              @Override
              public Instant eraZeroEnds() {
                return Instant.parse("2038-01-19T03:14:08Z");
              }
            },
            "2. when era 0 ends",
            "question 2: eraZeroEnds()"),
        row(
            "a request with room for a MAC: 68 bytes",
            lab,
            "request-length",
            new Students.Warmup() {
              @Override
              public int requestLength() {
                return 68;
              }
            },
            "3. bytes in an SNTP request",
            "question 3: requestLength()"),
        row(
            "the receive timestamp where the origin is, at 24",
            lab,
            "receive-offset",
            new Students.Warmup() {
              @Override
              public int receiveTimestampOffset() {
                return 24;
              }
            },
            "4. receive timestamp offset",
            "question 4: receiveTimestampOffset()"),
        row(
            "version as b >> 3, the leap indicator left on",
            lab,
            "version-bits",
            new Students.Warmup() {
              @Override
              public int version(int b) {
                return b >> 3;
              }
            },
            "5. version and mode of 0x1b",
            "field version: version(0x"),
        row(
            "mode as b & 3",
            lab,
            "mode-bits",
            new Students.Warmup() {
              @Override
              public int mode(int b) {
                return b & 3;
              }
            },
            "5. version and mode of 0x1b",
            "field mode: mode(0x"),
        row(
            "seconds read into an int",
            lab,
            "receive-seconds-unsigned",
            new Students.Warmup() {
              @Override
              public double receiveSeconds(byte[] r) {
                return ByteBuffer.wrap(r).getInt(32) + fraction(r);
              }
            },
            "6. receive time in seconds",
            "receiveSeconds(reply): expected"),
        row(
            "fraction read into an int",
            lab,
            "receive-fraction-unsigned",
            new Students.Warmup() {
              @Override
              public double receiveSeconds(byte[] r) {
                return super.receiveSeconds(r)
                    - fraction(r)
                    + ByteBuffer.wrap(r).getInt(36) / 4294967296.0;
              }
            },
            "6. receive time in seconds",
            "receiveSeconds(reply): expected"),
        row(
            "no kiss code ever",
            lab,
            "kiss-code",
            new Students.Warmup() {
              @Override
              public String kissCode(byte[] r) {
                return null;
              }
            },
            "7. kiss code of a reply",
            "kissCode(reply): expected \""),
        row(
            "the reference ID's text whatever the stratum",
            lab,
            "kiss-code-else-null",
            new Students.Warmup() {
              @Override
              public String kissCode(byte[] r) {
                return new String(r, 12, 4, StandardCharsets.ISO_8859_1).replace("\0", "");
              }
            },
            "7. kiss code of a reply",
            "kissCode(reply): expected null"));
  }

  private static double fraction(byte[] reply) {
    return Integer.toUnsignedLong(ByteBuffer.wrap(reply).getInt(36)) / 4294967296.0;
  }

  private static List<Mistake<?>> timestamps() {
    Lab lab = Lab.of(1);
    String instant = "toInstant (era rule)";
    return List.of(
        row(
            "2208988801 for 1900 to 1970",
            lab,
            "epoch-1900",
            new Students.WrongEpoch(),
            instant,
            "toInstant(0x"),
        row("the era ignored", lab, "era-rule", new Students.EraIgnored(), instant, "toInstant(0x"),
        row(
            "fraction / 10^9",
            lab,
            "fraction-rounded",
            new Students.FractionOverBillion(),
            "fraction to nanoseconds",
            "fractionToNanos(0x"),
        row(
            "fraction truncated (>>> 32)",
            lab,
            "fraction-rounded",
            new Students.TruncatingFraction(),
            "fraction to nanoseconds",
            "fractionToNanos(0x"),
        row(
            "nanos × 10^9 / 2^32, the wrong way round",
            lab,
            "nanos-to-fraction",
            new Students.Timestamps() {
              @Override
              public long nanosToFraction(long nanos) {
                return nanos * 1_000_000_000L >>> 32;
              }
            },
            "nanoseconds to fraction",
            "nanosToFraction("),
        row(
            "16.16 read into an int",
            lab,
            "short-unsigned",
            new Students.Timestamps() {
              @Override
              public Duration shortToDuration(long bits) {
                return Duration.ofNanos(Math.round((int) bits / 65536.0 * 1e9));
              }
            },
            "16.16 to Duration",
            "shortToDuration(0x"),
        row(
            "2^exponent as 1L << exponent",
            lab,
            "log2-negative",
            new Students.Timestamps() {
              @Override
              public Duration log2ToDuration(int e) {
                return Duration.ofSeconds(1L << e);
              }
            },
            "log2 seconds to Duration",
            "log2ToDuration(-"));
  }

  private static List<Mistake<?>> decode() {
    Lab lab = Lab.of(2);
    return List.of(
        row(
            "poll unsigned (b[2] & 0xff)",
            lab,
            "poll-signed",
            new Students.UnsignedPoll(),
            "poll",
            "field poll: poll(packet): expected -"),
        row(
            "stratum signed (b[1])",
            lab,
            "stratum-unsigned",
            new Students.SignedStratum(),
            "stratum",
            "field stratum: stratum(packet): expected 128, got -128"),
        row(
            "precision unsigned",
            lab,
            "precision-signed",
            new Students.UnsignedPrecision(),
            "precision",
            "field precision: precision(packet): expected -"),
        row(
            "little-endian",
            lab,
            "big-endian",
            new Students.LittleEndian(),
            "transmitTime",
            "field transmitTime: transmitTime(packet): expected 0x"),
        row(
            "origin read four bytes late",
            lab,
            "layout",
            new Students.OriginTimeOffByFour(),
            "originTime",
            "field originTime: originTime(packet): expected 0x"),
        row(
            "transmit read at offset 36",
            lab,
            "layout",
            new Students.Decoder() {
              @Override
              public long transmitTime(byte[] b) {
                return ByteBuffer.wrap(b, 36, 8).getLong();
              }
            },
            "transmitTime",
            "field transmitTime: transmitTime(packet): expected 0x"),
        row(
            "root delay read into an int",
            lab,
            "root-unsigned",
            new Students.Decoder() {
              @Override
              public long rootDelay(byte[] b) {
                return ByteBuffer.wrap(b).getInt(4);
              }
            },
            "rootDelay",
            "field rootDelay: rootDelay(packet): expected 0x"),
        row(
            "timestamps as their seconds only",
            lab,
            "timestamps-raw",
            new Students.Decoder() {
              @Override
              public long receiveTime(byte[] b) {
                return super.receiveTime(b) & 0xffff_ffff_0000_0000L;
              }
            },
            "receiveTime",
            "field receiveTime: receiveTime(packet): expected 0x"),
        row(
            "reference ID always a dotted quad",
            lab,
            "refid-clock-name",
            new Students.DottedQuadReferenceId(),
            "referenceId",
            "field referenceId: referenceId(packet): expected \""),
        row(
            "reference ID always ASCII",
            lab,
            "refid-dotted-quad",
            new Students.Decoder() {
              @Override
              public String referenceId(byte[] b) {
                return new String(b, 12, 4, StandardCharsets.ISO_8859_1).replace("\0", "");
              }
            },
            "referenceId",
            "field referenceId: referenceId(packet): expected \""),
        row(
            "reference ID text with its NULs kept",
            lab,
            "refid-no-trailing-nuls",
            new Students.Decoder() {
              @Override
              public String referenceId(byte[] b) {
                String text = super.referenceId(b);
                return (b[1] & 0xff) <= 1 && text.length() < 4 && !text.startsWith("0x")
                    ? text + "\0".repeat(4 - text.length())
                    : text;
              }
            },
            "referenceId",
            "\\0"),
        row(
            "unprintable reference ID bytes kept as text",
            lab,
            "refid-hex",
            new Students.Decoder() {
              @Override
              public String referenceId(byte[] b) {
                String text = super.referenceId(b);
                return text.startsWith("0x")
                    ? new String(b, 12, 4, StandardCharsets.ISO_8859_1)
                    : text;
              }
            },
            "referenceId",
            "field referenceId: referenceId(packet): expected \"0x"),
        row(
            "a stratum 0 reference ID as an address",
            lab,
            "refid-kiss-code",
            new Students.Decoder() {
              @Override
              public String referenceId(byte[] b) {
                return b[1] == 0 && b[12] != 0
                    ? (b[12] & 0xff)
                        + "."
                        + (b[13] & 0xff)
                        + "."
                        + (b[14] & 0xff)
                        + "."
                        + (b[15] & 0xff)
                    : super.referenceId(b);
              }
            },
            "referenceId",
            "field referenceId: referenceId(packet): expected \""),
        row(
            "all-zero reference ID as 0.0.0.0",
            lab,
            "refid-zero-empty",
            new Students.Decoder() {
              @Override
              public String referenceId(byte[] b) {
                String text = super.referenceId(b);
                return text.isEmpty() ? "0.0.0.0" : text;
              }
            },
            "referenceId",
            "field referenceId: referenceId(packet): expected \"\", got \"0.0.0.0\""));
  }

  private static List<Mistake<?>> encodeAndOffsetDelay() {
    Lab encode = Lab.of(3);
    Lab lab4 = Lab.of(4);
    return List.of(
        row(
            "request transmit written little-endian",
            encode,
            "request-transmit",
            new Students.LittleEndianTransmit(),
            "client request",
            "offset 40 (transmit timestamp)"),
        row(
            "the request always 0x1b",
            encode,
            "request-version",
            new Students.Encoder() {
              @Override
              public byte[] clientRequest(int version, long transmit) {
                return super.clientRequest(3, transmit);
              }
            },
            "client request",
            "field request: clientRequest(4"),
        row(
            "the request's leap indicator 3 (unsynchronized)",
            encode,
            "request-layout",
            new Students.Encoder() {
              @Override
              public byte[] clientRequest(int version, long transmit) {
                byte[] b = super.clientRequest(version, transmit);
                b[0] |= (byte) 0xc0;
                return b;
              }
            },
            "client request",
            "field request: clientRequest("),
        row(
            "poll and precision swapped in the reply",
            encode,
            "reply-header",
            new Students.Encoder() {
              @Override
              public byte[] serverReply(HeaderFields f) {
                byte[] b = super.serverReply(f);
                byte poll = b[2];
                b[2] = b[3];
                b[3] = poll;
                return b;
              }
            },
            "server reply",
            "field header: serverReply("),
        row(
            "offset without the / 2",
            lab4,
            "offset-formula",
            new Students.OffsetDelay() {
              @Override
              public long offsetNanos(long t1, long t2, long t3, long t4) {
                return 2 * super.offsetNanos(t1, t2, t3, t4);
              }
            },
            "offset",
            "field offset: offsetNanos("),
        row(
            "offset with its sign flipped",
            lab4,
            "offset-formula",
            new Students.OffsetDelay() {
              @Override
              public long offsetNanos(long t1, long t2, long t3, long t4) {
                return -super.offsetNanos(t1, t2, t3, t4);
              }
            },
            "offset",
            "field offset: offsetNanos("),
        row(
            "delay with + where - belongs",
            lab4,
            "delay-formula",
            new Students.OffsetDelay() {
              @Override
              public long delayNanos(long t1, long t2, long t3, long t4) {
                long server = new NtpTimestamp(t3).nanosSince(new NtpTimestamp(t2));
                return Math.max(
                    0, s(t1, t2, t3, t4).rawDelayNanos() + 2 * server); // (T4-T1) + (T3-T2)
              }
            },
            "delay",
            "field delay: delayNanos("),
        row(
            "T2 and T3 swapped",
            lab4,
            "delay-formula",
            new Students.SwappedT2T3(),
            "delay",
            "field delay: delayNanos("),
        row(
            "delay not clamped at zero",
            lab4,
            "delay-clamped",
            new Students.UnclampedDelay(),
            "delay",
            "field delay: delayNanos("),
        row(
            "no wrapping: each timestamp through an instant",
            lab4,
            "era-wrapping",
            new Students.EraUnsafe(),
            "delay",
            "field delay: delayNanos("),
        row(
            "offset through double seconds since 1900",
            lab4,
            "nanoseconds",
            new Students.OffsetDelay() {
              @Override
              public long offsetNanos(long t1, long t2, long t3, long t4) {
                return (long) ((seconds(t2) - seconds(t1) + seconds(t3) - seconds(t4)) / 2 * 1e9);
              }
            },
            "offset",
            "field offset: offsetNanos("));
  }

  private static double seconds(long t) {
    return (t >>> 32) + (t & 0xffff_ffffL) / 4294967296.0;
  }

  private static List<Mistake<?>> checks() {
    Lab lab = Lab.of(5);
    String verdict = "field verdict: check(request, reply): expected ";
    String problems = "field problems [";
    return List.of(
        row(
            "any server reply taken as ours",
            lab,
            "origin-mismatch",
            new CheckStudents.NoOriginCheck(),
            "reply check: a reply to another request",
            verdict + "ORIGIN_MISMATCH"),
        row(
            "a short datagram read as far as it goes",
            lab,
            "malformed",
            verdicts(ReplyVerdict.MALFORMED, ReplyVerdict.ORIGIN_MISMATCH),
            "reply check: damaged replies",
            verdict + "MALFORMED"),
        row(
            "mode 6 and 7 taken for a wrong mode",
            lab,
            "not-a-time-packet",
            verdicts(ReplyVerdict.NOT_A_TIME_PACKET, ReplyVerdict.WRONG_MODE),
            "reply check: damaged replies",
            verdict + "NOT_A_TIME_PACKET"),
        row(
            "the mode never checked",
            lab,
            "wrong-mode",
            verdicts(ReplyVerdict.WRONG_MODE, ReplyVerdict.ACCEPTED),
            "reply check: damaged replies",
            verdict + "WRONG_MODE"),
        row(
            "a zero transmit let through",
            lab,
            "zero-transmit",
            verdicts(ReplyVerdict.ZERO_TRANSMIT, ReplyVerdict.ACCEPTED),
            "reply check: damaged replies",
            verdict + "ZERO_TRANSMIT"),
        row(
            "nothing is ever accepted",
            lab,
            "accepted",
            verdicts(ReplyVerdict.ACCEPTED, ReplyVerdict.ORIGIN_MISMATCH),
            "reply check: the reply to our request",
            verdict + "ACCEPTED"),
        row(
            "the origin tested before the mode",
            lab,
            "first-failing-test",
            new CheckStudents.Checks() {
              @Override
              public ReplyVerdict check(byte[] request, byte[] datagram) {
                ReplyVerdict v = super.check(request, datagram);
                boolean origin =
                    datagram.length >= 48
                        && !java.util.Arrays.equals(datagram, 24, 32, request, 40, 48);
                return (v == ReplyVerdict.WRONG_MODE || v == ReplyVerdict.NOT_A_TIME_PACKET)
                        && origin
                    ? ReplyVerdict.ORIGIN_MISMATCH
                    : v;
              }
            },
            "reply check: a reply to another request",
            verdict),
        row(
            "no kiss code read",
            lab,
            "kiss-code",
            new CheckStudents.Checks() {
              @Override
              public Optional<String> kissCode(byte[] packet) {
                return Optional.empty();
              }
            },
            "kiss code",
            "field kiss code: kissCode(packet): expected Optional["),
        row(
            "stratum 0 is the best stratum",
            lab,
            "kiss-of-death",
            new CheckStudents.StratumZeroIsFine(),
            "fitness: stratum (kiss-o'-death, unspecified, 16 and up)",
            problems),
        row(
            "stratum 0 without a code taken for a kiss",
            lab,
            "unspecified-stratum",
            new CheckStudents.Checks() {
              @Override
              public Set<org.ntplab.lab.FitnessProblem> problems(byte[] reply, long t1, long t4) {
                Set<org.ntplab.lab.FitnessProblem> p =
                    new java.util.HashSet<>(super.problems(reply, t1, t4));
                if (p.remove(org.ntplab.lab.FitnessProblem.UNSPECIFIED_STRATUM)) {
                  p.add(org.ntplab.lab.FitnessProblem.KISS_OF_DEATH);
                }
                return p;
              }
            },
            "fitness: stratum (kiss-o'-death, unspecified, 16 and up)",
            problems),
        row(
            "stratum 16 and up taken as time",
            lab,
            "stratum-unsynchronized",
            without(org.ntplab.lab.FitnessProblem.STRATUM_UNSYNCHRONIZED),
            "fitness: stratum (kiss-o'-death, unspecified, 16 and up)",
            problems),
        row(
            "the leap indicator read from the mode's bits",
            lab,
            "leap-alarm",
            new CheckStudents.LeapFromWrongBits(),
            "fitness: leap indicator 3",
            problems),
        row(
            "a zero reference time not looked at",
            lab,
            "never-synchronized",
            without(org.ntplab.lab.FitnessProblem.NEVER_SYNCHRONIZED),
            "fitness: timestamps (reference, receive, delay)",
            problems),
        row(
            "reference time after transmit not looked at",
            lab,
            "reference-time-after-transmit",
            without(org.ntplab.lab.FitnessProblem.REFERENCE_TIME_AFTER_TRANSMIT),
            "fitness: timestamps (reference, receive, delay)",
            problems),
        row(
            "a zero receive time not looked at",
            lab,
            "zero-receive-time",
            without(org.ntplab.lab.FitnessProblem.ZERO_RECEIVE_TIME),
            "fitness: timestamps (reference, receive, delay)",
            problems),
        row(
            "a negative delay not looked at",
            lab,
            "negative-delay",
            without(org.ntplab.lab.FitnessProblem.NEGATIVE_DELAY),
            "fitness: timestamps (reference, receive, delay)",
            problems),
        row(
            "root distance without the round trip",
            lab,
            "root-distance-too-large",
            new CheckStudents.DistanceWithoutTheDelay(),
            "fitness: root distance",
            "root distance λ"));
  }

  /** A checker that answers {@code instead} where the reference says {@code verdict}. */
  private static CheckStudents.Checks verdicts(ReplyVerdict verdict, ReplyVerdict instead) {
    return new CheckStudents.Checks() {
      @Override
      public ReplyVerdict check(byte[] request, byte[] datagram) {
        ReplyVerdict v = super.check(request, datagram);
        return v == verdict ? instead : v;
      }
    };
  }

  /** A checker that never finds {@code problem}. */
  private static CheckStudents.Checks without(org.ntplab.lab.FitnessProblem problem) {
    return new CheckStudents.Checks() {
      @Override
      public Set<org.ntplab.lab.FitnessProblem> problems(byte[] reply, long t1, long t4) {
        Set<org.ntplab.lab.FitnessProblem> p =
            new java.util.HashSet<>(super.problems(reply, t1, t4));
        p.remove(problem);
        return p;
      }
    };
  }

  private static List<Mistake<?>> client() {
    Lab lab = Lab.of(6);
    String answer = "field answer: query(";
    String ignoring = "ignores what is not the reply";
    return List.of(
        row(
            "a spoofed reply taken (no origin check)",
            lab,
            "reply-origin",
            new ClientStudents.NoOriginCheck(),
            ignoring,
            answer),
        row(
            "the mode never checked",
            lab,
            "reply-mode",
            new ClientStudents.NoModeCheck(),
            ignoring,
            answer),
        row(
            "a zero transmit taken",
            lab,
            "reply-transmit",
            new ClientStudents.Client() {
              @Override
              boolean accepts(byte[] reply, long t1) {
                return reply.length >= 48 && (reply[0] & 7) == 4 && originOf(reply) == t1;
              }
            },
            ignoring,
            answer),
        row(
            "a short datagram padded to 48 bytes and taken",
            lab,
            "reply-length",
            new ClientStudents.Client() {
              @Override
              boolean accepts(byte[] reply, long t1) {
                return super.accepts(java.util.Arrays.copyOf(reply, 48), t1);
              }

              @Override
              ClientResult result(byte[] reply, long t1, long t4) {
                return super.result(java.util.Arrays.copyOf(reply, 48), t1, t4);
              }
            },
            ignoring,
            answer),
        row(
            "the kiss read before the origin",
            lab,
            "kiss-only-in-the-reply",
            new ClientStudents.KissBeforeOrigin(),
            ignoring,
            answer),
        row("no retry", lab, "retries", new ClientStudents.NoRetry(), "retries", "query("),
        row(
            "a kiss-o'-death read as time",
            lab,
            "kiss-o-death",
            new ClientStudents.KissIgnored(),
            "kiss-o'-death",
            answer),
        row(
            "T4 read before the wait",
            lab,
            "t4-at-once",
            new ClientStudents.EarlyT4(),
            "replayed replies",
            "field answer: query(transport, clock, "),
        row(
            "T2 and T3 swapped",
            lab,
            "t2-t3-from-reply",
            new ClientStudents.Client() {
              @Override
              ClientResult result(byte[] reply, long t1, long t4) {
                ClientResult r = super.result(reply, t1, t4);
                return r instanceof ClientResult.Answered a
                    ? new ClientResult.Answered(
                        a.t1(),
                        a.t3(),
                        a.t2(),
                        a.t4(),
                        a.offsetNanos(),
                        math.delayNanos(a.t1(), a.t3(), a.t2(), a.t4()),
                        a.stratum(),
                        a.referenceId())
                    : r;
              }
            },
            "replayed replies",
            "t2: expected 0x"),
        row(
            "the reference ID read into an int",
            lab,
            "refid-raw",
            new ClientStudents.Client() {
              @Override
              ClientResult result(byte[] reply, long t1, long t4) {
                ClientResult r = super.result(reply, t1, t4);
                return r instanceof ClientResult.Answered a
                    ? new ClientResult.Answered(
                        a.t1(),
                        a.t2(),
                        a.t3(),
                        a.t4(),
                        a.offsetNanos(),
                        a.delayNanos(),
                        a.stratum(),
                        ByteBuffer.wrap(reply).getInt(12))
                    : r;
              }
            },
            "replayed replies",
            "referenceId: expected 0x"),
        row(
            "version 3 whatever was asked",
            lab,
            "request-version",
            new ClientStudents.AlwaysVersion3(),
            "request",
            "field request: query("),
        row(
            "the mode left out of the request's first byte",
            lab,
            "request-bytes",
            new ClientStudents.Client() {
              @Override
              byte[] request(int version, long t1) {
                byte[] b = super.request(version, t1);
                b[0] = (byte) (version << 3);
                return b;
              }
            },
            "request",
            "first at offset 0"));
  }

  private static List<Mistake<?>> server() {
    Lab lab = Lab.of(7);
    String v4 = "reply to NTPv4 client requests";
    return List.of(
        row(
            "the request's transmit copied to transmit, origin left zero",
            lab,
            "reply-origin",
            new ServerStudents.TransmitNotOrigin(),
            v4,
            "field reply: reply("),
        row(
            "receive time copied into transmit (T2 == T3)",
            lab,
            "reply-t2-t3",
            new ServerStudents.Server() {
              @Override
              public Optional<byte[]> reply(
                  byte[] request, ServerState state, long receive, long transmit) {
                return super.reply(request, state, receive, receive);
              }
            },
            v4,
            "transmit timestamp"),
        row(
            "always version 4",
            lab,
            "reply-version",
            new ServerStudents.AlwaysVersion4(),
            "reply to NTPv1-v3 client requests",
            "field reply: reply("),
        row(
            "poll left zero",
            lab,
            "reply-poll",
            new ServerStudents.Server() {
              @Override
              public Optional<byte[]> reply(
                  byte[] request, ServerState state, long receive, long transmit) {
                return super.reply(request, state, receive, transmit)
                    .map(
                        b -> {
                          b[2] = 0;
                          return b;
                        });
              }
            },
            v4,
            "poll"),
        row(
            "mode 6 answered as a client",
            lab,
            "never-mode-6-7",
            new ServerStudents.AnswersMode6(),
            "never answer mode 6 or 7",
            "field reply: reply("),
        row(
            "a symmetric active peer answered as a client",
            lab,
            "symmetric-passive",
            new ServerStudents.Server() {
              @Override
              public Optional<byte[]> reply(
                  byte[] request, ServerState state, long receive, long transmit) {
                return super.reply(request, state, receive, transmit)
                    .map(
                        b -> {
                          b[0] = (byte) (b[0] & 0xf8 | ((request[0] & 7) == 1 ? 4 : b[0] & 7));
                          return b;
                        });
              }
            },
            "symmetric active peers: a passive reply",
            "field reply: reply("),
        row(
            "a signed request answered without the crypto-NAK",
            lab,
            "crypto-nak",
            new ServerStudents.Server() {
              @Override
              public Optional<byte[]> reply(
                  byte[] request, ServerState state, long receive, long transmit) {
                return super.reply(request, state, receive, transmit)
                    .map(b -> java.util.Arrays.copyOf(b, 48));
              }
            },
            "signed requests: a crypto-NAK",
            "expected 52 bytes, got 48"),
        row(
            "NTPv1's mode 0 dropped",
            lab,
            "v1-mode-0",
            new ServerStudents.Server() {
              @Override
              public Optional<byte[]> reply(
                  byte[] request, ServerState state, long receive, long transmit) {
                boolean v1 =
                    request.length > 0 && (request[0] >> 3 & 7) == 1 && (request[0] & 7) == 0;
                return v1 ? Optional.empty() : super.reply(request, state, receive, transmit);
              }
            },
            "reply to NTPv1-v3 client requests",
            "expected "),
        row(
            "a short datagram padded to 48 bytes and answered",
            lab,
            "drop-malformed",
            new ServerStudents.Server() {
              @Override
              public Optional<byte[]> reply(
                  byte[] request, ServerState state, long receive, long transmit) {
                boolean padded = request.length > 0 && request.length < 48;
                return super.reply(
                    padded ? java.util.Arrays.copyOf(request, 48) : request,
                    state,
                    receive,
                    transmit);
              }
            },
            "drop replies, other modes and malformed datagrams",
            "field reply: reply("),
        row(
            "extension fields echoed",
            lab,
            "header-only",
            new ServerStudents.Server() {
              @Override
              public Optional<byte[]> reply(
                  byte[] request, ServerState state, long receive, long transmit) {
                return super.reply(request, state, receive, transmit)
                    .map(
                        b ->
                            b.length == 48 && request.length > 48
                                ? java.nio.ByteBuffer.allocate(request.length)
                                    .put(b)
                                    .put(request, 48, request.length - 48)
                                    .array()
                                : b);
              }
            },
            "reply to NTPv4 client requests",
            "expected 48 bytes, got "),
        row(
            "replies answered as requests",
            lab,
            "drop-non-requests",
            new ServerStudents.Server() {
              @Override
              public Optional<byte[]> reply(
                  byte[] request, ServerState state, long receive, long transmit) {
                if (request.length >= 48 && (request[0] & 7) == 4) {
                  byte[] asClient = request.clone();
                  asClient[0] = (byte) (asClient[0] & 0xf8 | 3);
                  return super.reply(asClient, state, receive, transmit);
                }
                return super.reply(request, state, receive, transmit);
              }
            },
            "drop replies, other modes and malformed datagrams",
            "field reply: reply("));
  }

  private static List<Mistake<?>> timeProtocolAndMac() {
    Lab lab8 = Lab.of(8);
    Lab lab9 = Lab.of(9);
    String mac = "field MAC: check(reply, ";
    return List.of(
        row(
            "seconds since 1970",
            lab8,
            "epoch-1900",
            new TimeProtocolStudents.UnixEpoch(),
            "instant (era rule)",
            "field time: toInstant("),
        row(
            "read into an int",
            lab8,
            "seconds-unsigned",
            new TimeProtocolStudents.SignedRead(),
            "seconds",
            "field seconds: seconds("),
        row(
            "little-endian",
            lab8,
            "big-endian",
            new TimeProtocolStudents.LittleEndian(),
            "encode",
            "field answer bytes: encode("),
        row(
            "the era ignored",
            lab8,
            "era-rule",
            new TimeProtocolStudents.EraIgnored(),
            "instant (era rule)",
            "field time: toInstant("),
        row(
            "the fraction rounded",
            lab8,
            "encode-truncates",
            new TimeProtocolStudents.TimeProtocol() {
              @Override
              public byte[] encode(Instant time) {
                return super.encode(
                    time.plusMillis(500).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
              }
            },
            "encode",
            "field answer bytes: encode("),
        row(
            "an NTP request to the TIME port",
            lab8,
            "query-request",
            new TimeProtocolStudents.NtpRequest(),
            "query over UDP",
            "field request: query("),
        row(
            "any length taken",
            lab8,
            "query-4-bytes",
            new TimeProtocolStudents.AnyLength(),
            "query over UDP",
            "field answer: query("),
        row(
            "no retry",
            lab8,
            "query-retries",
            new TimeProtocolStudents.NoRetry(),
            "query over UDP",
            "query("),
        row(
            "H(packet ‖ secret)",
            lab9,
            "verified",
            new MacStudents.SecretLast(),
            "signed with MD5",
            mac),
        row(
            "the key ID read into an int",
            lab9,
            "key-id-32-bits",
            new MacStudents.SignedKeyId(),
            "signed with MD5",
            mac),
        row(
            "a crypto-NAK read as another key",
            lab9,
            "crypto-nak",
            new MacStudents.NakIsWrongKey(),
            "no MAC, or a crypto-NAK",
            mac),
        row(
            "no MAC read as a crypto-NAK",
            lab9,
            "missing",
            verdicts(MacVerdict.MISSING, MacVerdict.CRYPTO_NAK, null),
            "no MAC, or a crypto-NAK",
            mac),
        row(
            "the key ID never compared",
            lab9,
            "wrong-key-id",
            verdicts(MacVerdict.WRONG_KEY_ID, MacVerdict.BAD_DIGEST, null),
            "captured MACs: another key",
            mac),
        row(
            "a SHA1 digest cut to MD5's 16 bytes: never equal",
            lab9,
            "sha1-20-bytes",
            verdicts(MacVerdict.VERIFIED, MacVerdict.BAD_DIGEST, "SHA1"),
            "signed with SHA1",
            mac),
        row(
            "the MAC over the 48-byte header only",
            lab9,
            "digest-covers-extensions",
            new MacStudents.MacChecker() {
              @Override
              public MacVerdict check(byte[] reply, MacKey key) {
                MacVerdict verdict = super.check(reply, key);
                if (verdict != MacVerdict.VERIFIED && verdict != MacVerdict.BAD_DIGEST) {
                  return verdict;
                }
                var found = NtpCodec.decodePacket(reply).mac().orElseThrow();
                try {
                  var digest =
                      MessageDigest.getInstance(key.algorithm().equals("SHA1") ? "SHA-1" : "MD5");
                  digest.update(key.secret());
                  digest.update(reply, 0, 48);
                  return MessageDigest.isEqual(digest.digest(), found.digest())
                      ? MacVerdict.VERIFIED
                      : MacVerdict.BAD_DIGEST;
                } catch (NoSuchAlgorithmException e) {
                  throw new IllegalStateException(e);
                }
              }
            },
            "signed with MD5",
            mac));
  }

  private static List<Mistake<?>> clockFilter() {
    Lab lab11 = Lab.of(11);
    String outputs = "field outputs: newFilter(";
    String real = "samples from real servers";
    return List.of(
        row(
            "the newest sample instead of the least delay",
            lab11,
            "least-delay",
            new ClockFilterStudents.Filter() {
              @Override
              List<FilterSample> ordered(List<FilterSample> newestFirst) {
                return new ArrayList<>(newestFirst);
              }
            },
            real,
            outputs),
        row(
            "of equal delays, the older first",
            lab11,
            "least-delay",
            new ClockFilterStudents.Filter() {
              @Override
              List<FilterSample> ordered(List<FilterSample> newestFirst) {
                List<FilterSample> oldestFirst = new ArrayList<>(newestFirst);
                java.util.Collections.reverse(oldestFirst);
                return super.ordered(oldestFirst);
              }
            },
            "equal delays, and a least delay that stays",
            outputs),
        row(
            "sixteen stages: samples kept twice as long",
            lab11,
            "shift-register",
            new ClockFilterStudents.Filter() {
              @Override
              int stages() {
                return 16;
              }
            },
            real,
            outputs),
        row(
            "dispersion not grown with age",
            lab11,
            "dispersion-growth",
            new ClockFilterStudents.Filter() {
              @Override
              double grown(FilterSample s, double now) {
                return s.dispersion();
              }
            },
            real,
            outputs),
        row(
            "dispersion weighed 1/2^i, the best sample counted whole",
            lab11,
            "dispersion-sum",
            new ClockFilterStudents.Filter() {
              @Override
              double weight(int i) {
                return Math.scalb(1.0, -i);
              }
            },
            real,
            outputs),
        row(
            "jitter as the mean absolute difference instead of the RMS",
            lab11,
            "jitter-rms",
            new ClockFilterStudents.Filter() {
              @Override
              double jitter(double pick, List<FilterSample> others) {
                return others.stream()
                    .mapToDouble(s -> Math.abs(pick - s.offset()))
                    .average()
                    .orElse(0);
              }
            },
            real,
            outputs),
        row(
            "an older sample used again",
            lab11,
            "not-older",
            new ClockFilterStudents.Filter() {
              @Override
              boolean newEnough(double time, double last) {
                return true;
              }
            },
            "equal delays, and a least delay that stays",
            outputs),
        row(
            "no popcorn spike suppression",
            lab11,
            "popcorn-spike",
            new ClockFilterStudents.Filter() {
              @Override
              boolean spike(double jump, double jitter, boolean settled, boolean soon) {
                return false;
              }
            },
            "a popcorn spike",
            outputs),
        row(
            "a missed poll ignored: no dummy shifted in",
            lab11,
            "empty-stages",
            new ClockFilterStudents.Filter() {
              @Override
              boolean shiftsMisses() {
                return false;
              }
            },
            "missed polls",
            outputs));
  }

  /**
   * A checker that answers {@code instead} where the reference says {@code verdict} (with keys of
   * {@code algorithm} only, if not null).
   */
  private static MacStudents.MacChecker verdicts(
      MacVerdict verdict, MacVerdict instead, String algorithm) {
    return new MacStudents.MacChecker() {
      @Override
      public MacVerdict check(byte[] reply, MacKey key) {
        MacVerdict v = super.check(reply, key);
        return v == verdict && (algorithm == null || key.algorithm().equals(algorithm))
            ? instead
            : v;
      }
    };
  }
}
