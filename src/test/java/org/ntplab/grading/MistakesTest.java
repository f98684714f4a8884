package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.failed;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.message;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ntplab.lab.ServerState;

/**
 * More classic mistakes, each written as a student would and each asserted to lose its exercise
 * with a message that names the field: the grader's sensitivity, one row a mistake.
 */
class MistakesTest {

  private static Corpus corpus;

  @BeforeAll
  static void load() throws Exception {
    corpus = Corpus.load();
  }

  /** A mistake: the lab's exercises, the student who makes it, the exercise it must lose, what the message names. */
  record Mistake<S>(String what, Function<Corpus, List<Exercise<S>>> exercises, S student, String loses,
      String names) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        new Mistake<>("offset without the / 2", OffsetDelayExercises::of, new Students.OffsetDelay() {
          @Override
          public long offsetNanos(long t1, long t2, long t3, long t4) {
            return 2 * super.offsetNanos(t1, t2, t3, t4);
          }
        }, "lab4 offset-delay: offset", "field offset: offsetNanos("),
        new Mistake<>("offset with its sign flipped", OffsetDelayExercises::of, new Students.OffsetDelay() {
          @Override
          public long offsetNanos(long t1, long t2, long t3, long t4) {
            return -super.offsetNanos(t1, t2, t3, t4);
          }
        }, "lab4 offset-delay: offset", "field offset: offsetNanos("),
        new Mistake<>("delay with + where - belongs", OffsetDelayExercises::of, new Students.OffsetDelay() {
          @Override
          public long delayNanos(long t1, long t2, long t3, long t4) {
            long serverNanos = new org.ntplab.wire.NtpTimestamp(t3).nanosSince(new org.ntplab.wire.NtpTimestamp(t2));
            return Math.max(0, s(t1, t2, t3, t4).rawDelayNanos() + 2 * serverNanos); // (T4-T1) + (T3-T2)
          }
        }, "lab4 offset-delay: delay", "field delay: delayNanos("),
        new Mistake<>("offset through double seconds since 1900", OffsetDelayExercises::of, new Students.OffsetDelay() {
          @Override
          public long offsetNanos(long t1, long t2, long t3, long t4) {
            double a = seconds(t2) - seconds(t1);
            double b = seconds(t3) - seconds(t4);
            return (long) ((a + b) / 2 * 1e9);
          }

          private double seconds(long t) {
            return (t >>> 32) + (t & 0xffff_ffffL) / 4294967296.0;
          }
        }, "lab4 offset-delay: offset", "field offset: offsetNanos("),
        new Mistake<>("transmit timestamp read at offset 36", DecodeExercises::of, new Students.Decoder() {
          @Override
          public long transmitTime(byte[] b) {
            return ByteBuffer.wrap(b, 36, 8).getLong();
          }
        }, "lab2 decode: transmitTime", "field transmitTime: transmitTime(packet): expected 0x"),
        new Mistake<>("reference ID always as ASCII", DecodeExercises::of, new Students.Decoder() {
          @Override
          public String referenceId(byte[] b) {
            return new String(b, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\0", "");
          }
        }, "lab2 decode: referenceId", "field referenceId: referenceId(packet): expected \""),
        new Mistake<>("reference ID text with its NULs kept", DecodeExercises::of, new Students.Decoder() {
          @Override
          public String referenceId(byte[] b) {
            String text = super.referenceId(b);
            return (b[1] & 0xff) <= 1 && text.length() < 4 && !text.startsWith("0x") ? text + "\0".repeat(4 - text.length())
                : text;
          }
        }, "lab2 decode: referenceId", "\\0"),
        new Mistake<>("server: receive time copied into transmit (T2 == T3)", ServerExercises::of,
            new ServerStudents.Server() {
              @Override
              public Optional<byte[]> reply(byte[] request, ServerState state, long receiveTime, long transmitTime) {
                return super.reply(request, state, receiveTime, receiveTime);
              }
            }, "lab7 server: reply to NTPv4 client requests", "transmit timestamp"),
        new Mistake<>("MAC over the 48-byte header only, not what comes before the key ID", MacExercises::of,
            new MacStudents.MacChecker() {
              @Override
              public org.ntplab.lab.MacVerdict check(byte[] reply, org.ntplab.lab.MacKey key) {
                org.ntplab.lab.MacVerdict verdict = super.check(reply, key);
                if (verdict != org.ntplab.lab.MacVerdict.VERIFIED && verdict != org.ntplab.lab.MacVerdict.BAD_DIGEST) {
                  return verdict;
                }
                var mac = org.ntplab.wire.NtpCodec.decodePacket(reply).mac().orElseThrow();
                try {
                  var digest = java.security.MessageDigest.getInstance(key.algorithm().equals("SHA1") ? "SHA-1" : "MD5");
                  digest.update(key.secret());
                  digest.update(reply, 0, 48);
                  return java.security.MessageDigest.isEqual(digest.digest(), mac.digest())
                      ? org.ntplab.lab.MacVerdict.VERIFIED : org.ntplab.lab.MacVerdict.BAD_DIGEST;
                } catch (java.security.NoSuchAlgorithmException e) {
                  throw new IllegalStateException(e);
                }
              }
            }, "lab9 mac: signed with MD5", "field MAC: check(reply,"))
        .map(m -> Arguments.of(m));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  <S> void losesItsExerciseAndSaysWhere(Mistake<S> mistake) {
    var results = grade(mistake.exercises().apply(corpus), mistake.student());
    assertTrue(failed(results).contains(mistake.loses()), mistake + " lost " + failed(results));
    String message = message(results.get(mistake.loses()));
    assertTrue(message.contains(mistake.names()), message);
    assertFalse(message.isBlank());
  }
}
