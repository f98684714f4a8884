package org.ntplab.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.ReferenceId;

class FitnessTest {

  static final NtpTimestamp T1 = NtpTimestamp.from(Instant.parse("2026-11-22T01:00:00Z"));
  static final NtpTimestamp T2 = NtpTimestamp.from(Instant.parse("2026-11-22T01:00:00.010Z"));
  static final NtpTimestamp T3 = NtpTimestamp.from(Instant.parse("2026-11-22T01:00:00.011Z"));
  static final NtpTimestamp T4 = NtpTimestamp.from(Instant.parse("2026-11-22T01:00:00.021Z"));
  static final NtpTimestamp SET = NtpTimestamp.from(Instant.parse("2026-11-22T00:59:00Z"));

  static NtpPacket reply(
      LeapIndicator leap,
      int stratum,
      ReferenceId refid,
      NtpTimestamp reference,
      NtpTimestamp receive,
      NtpShort rootDelay,
      NtpShort rootDispersion) {
    return new NtpPacket(
        leap,
        4,
        Mode.SERVER,
        stratum,
        6,
        -20,
        rootDelay,
        rootDispersion,
        refid,
        reference,
        T1,
        receive,
        T3,
        List.of(),
        Optional.empty());
  }

  static NtpPacket good() {
    return reply(
        LeapIndicator.NO_WARNING,
        2,
        new ReferenceId(0x7f7f0101),
        SET,
        T2,
        new NtpShort(0x20),
        new NtpShort(0x20));
  }

  static List<Problem> problems(NtpPacket reply) {
    return Fitness.RFC_5905.problems(reply, Sample.of(T1, reply, T4));
  }

  @Test
  void aSynchronizedServerIsFit() {
    assertEquals(List.of(), problems(good()));
  }

  @Test
  void aKissOfDeathIsAProblemThatSaysWhatToDo() {
    NtpPacket kod =
        reply(
            LeapIndicator.UNSYNCHRONIZED,
            0,
            KissCode.RATE.toReferenceId(),
            NtpTimestamp.ZERO,
            T2,
            NtpShort.ZERO,
            NtpShort.ZERO);
    List<Problem> found = problems(kod);
    assertEquals(new Problem.KissOfDeath(KissCode.RATE), found.get(0));
    assertEquals(
        "kiss-o'-death RATE: rate exceeded: the server has temporarily denied access (query less often)",
        found.get(0).describe());
    assertEquals(
        List.of(
            new Problem.KissOfDeath(KissCode.RATE),
            new Problem.LeapAlarm(),
            new Problem.NeverSynchronized()),
        found);
  }

  @Test
  void denyAndRestrictSayStop() {
    NtpPacket deny =
        reply(
            LeapIndicator.NO_WARNING,
            0,
            KissCode.DENY.toReferenceId(),
            SET,
            T2,
            NtpShort.ZERO,
            NtpShort.ZERO);
    assertEquals(
        "kiss-o'-death DENY: access denied by remote server (stop querying this server)",
        problems(deny).get(0).describe());
  }

  @Test
  void stratumZeroWithoutTextIsUnspecified() {
    NtpPacket p =
        reply(
            LeapIndicator.NO_WARNING,
            0,
            new ReferenceId(0x01020304),
            SET,
            T2,
            NtpShort.ZERO,
            NtpShort.ZERO);
    assertEquals(List.of(new Problem.UnspecifiedStratum()), problems(p));
  }

  @Test
  void leapIndicator3AndStratum16AreUnsynchronized() {
    NtpPacket p =
        reply(
            LeapIndicator.UNSYNCHRONIZED,
            16,
            ReferenceId.ZERO,
            SET,
            T2,
            NtpShort.ZERO,
            NtpShort.ZERO);
    assertEquals(
        List.of(new Problem.LeapAlarm(), new Problem.StratumUnsynchronized(16)), problems(p));
  }

  @Test
  void aLeapSecondWarningIsNotAProblem() {
    NtpPacket p =
        reply(
            LeapIndicator.LAST_MINUTE_HAS_61_SECONDS,
            2,
            ReferenceId.ZERO,
            SET,
            T2,
            NtpShort.ZERO,
            NtpShort.ZERO);
    assertEquals(List.of(), problems(p));
  }

  @Test
  void timestampsThatCannotBeRightAreProblems() {
    NtpTimestamp future = NtpTimestamp.from(Instant.parse("2026-11-22T02:00:00Z"));
    NtpPacket p =
        reply(
            LeapIndicator.NO_WARNING,
            2,
            ReferenceId.ZERO,
            future,
            NtpTimestamp.ZERO,
            NtpShort.ZERO,
            NtpShort.ZERO);
    List<Problem> found = problems(p);
    assertEquals(new Problem.ReferenceTimeAfterTransmit(future, T3), found.get(0));
    assertEquals(new Problem.ZeroReceiveTime(), found.get(1));
    // T2 = 0 reads as 2036: a round trip of decades, so a root distance far over the limit.
    assertEquals(Problem.RootDistanceTooLarge.class, found.get(2).getClass());
  }

  @Test
  void aServerThatAnsweredBeforeItWasAskedGivesANegativeDelay() {
    NtpTimestamp early = NtpTimestamp.from(Instant.parse("2026-11-22T00:59:59.950Z"));
    NtpPacket p =
        reply(
            LeapIndicator.NO_WARNING,
            2,
            ReferenceId.ZERO,
            SET,
            early,
            NtpShort.ZERO,
            NtpShort.ZERO);
    // (T4 - T1) - (T3 - T2) = 21 ms - 61 ms
    assertEquals(List.of(new Problem.NegativeDelay(Duration.ofMillis(-40))), problems(p));
  }

  @Test
  void aServerFarFromItsReferenceIsNotFit() {
    NtpPacket far =
        reply(
            LeapIndicator.NO_WARNING,
            2,
            ReferenceId.ZERO,
            SET,
            T2,
            NtpShort.from(Duration.ofSeconds(2)),
            NtpShort.from(Duration.ofMillis(500)));
    // λ = (20 ms + 2 s) / 2 + 0.5 s = 1.51 s > 1.5 s
    assertEquals(Duration.ofMillis(1510), Fitness.rootDistance(far, Sample.of(T1, far, T4)));
    assertEquals(
        List.of(new Problem.RootDistanceTooLarge(Duration.ofMillis(1510), Duration.ofMillis(1500))),
        problems(far));
  }

  @Test
  void theHeaderTestsApplyOnlyToPacketsThatHandOutTime() {
    NtpPacket unsynchronized =
        reply(
            LeapIndicator.UNSYNCHRONIZED,
            0,
            ReferenceId.ZERO,
            SET,
            T2,
            NtpShort.ZERO,
            NtpShort.ZERO);
    NtpPacket request =
        new NtpPacket(
            LeapIndicator.UNSYNCHRONIZED,
            4,
            Mode.CLIENT,
            0,
            6,
            -20,
            NtpShort.ZERO,
            NtpShort.ZERO,
            ReferenceId.ZERO,
            NtpTimestamp.ZERO,
            NtpTimestamp.ZERO,
            NtpTimestamp.ZERO,
            T1,
            List.of(),
            Optional.empty());
    // A client starting up sends LI 3 and stratum 0: it is not synchronized yet, which is why it
    // asks.
    assertEquals(List.of(), Fitness.headerProblems(request));
    assertEquals(
        List.of(new Problem.UnspecifiedStratum(), new Problem.LeapAlarm()),
        Fitness.headerProblems(unsynchronized));
  }
}
