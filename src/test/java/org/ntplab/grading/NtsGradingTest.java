package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.lost;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.lab.KeOutcome;
import org.ntplab.lab.NtsLab;
import org.ntplab.lab.NtsRefusal;
import org.ntplab.lab.NtsReply;
import org.ntplab.nts.NtsField;

/** Lab 10's cases stand on the captures: the reference gives back what ntpd-rs put on the wire. */
class NtsGradingTest {

  private static Corpus corpus;

  @BeforeAll
  static void load() throws Exception {
    corpus = Corpus.load();
  }

  @Test
  void aCorrectStudentWinsEveryPoint() {
    List<Exercise<NtsLab>> exercises = NtsExercises.of(corpus);
    assertEquals(20, exercises.stream().mapToInt(Exercise::points).sum());
    assertEquals(0, lost(grade(exercises, new NtsStudents.Nts())));
  }

  @Test
  void theNtpdRsRequestsOwnAuthenticatorAndFieldsComeBackFromItsKeys() {
    NtsExercises.Captured ntpdRs = ntpdRs();
    byte[] request = ntpdRs.request();
    int at = ntpdRs.authenticatorAt();
    byte[] packet = Arrays.copyOf(request, at);
    assertArrayEquals(
        Arrays.copyOfRange(request, at, request.length),
        NtsReference.authenticator(packet, ntpdRs.keys().orElseThrow().c2s(), ntpdRs.nonce()));
    assertArrayEquals(
        Arrays.copyOfRange(request, 48, at),
        NtsReference.requestFields(
            ntpdRs.field(NtsField.UNIQUE_IDENTIFIER), ntpdRs.field(NtsField.COOKIE), 0));
  }

  @Test
  void theNtpdRsReplyVerifiesWithItsKeysAndFailsWhenAltered() {
    NtsExercises.Captured ntpdRs = ntpdRs();
    byte[] uid = ntpdRs.field(NtsField.UNIQUE_IDENTIFIER);
    byte[] s2c = ntpdRs.keys().orElseThrow().s2c();
    NtsReply verified = NtsReference.checkReply(ntpdRs.reply(), uid, s2c);
    assertInstanceOf(NtsReply.Verified.class, verified);
    assertFalse(((NtsReply.Verified) verified).cookies().isEmpty());
    byte[] altered = ntpdRs.reply().clone();
    altered[47] ^= 1;
    assertInstanceOf(NtsReply.Refused.class, NtsReference.checkReply(altered, uid, s2c));
  }

  @Test
  void everyMadeUpKeResponseIsReadAsTheCodecWroteIt() {
    List<byte[]> cookies = List.of(ntpdRs().field(NtsField.COOKIE));
    long agreed =
        NtsKeCases.of(List.of(ntpdRs()), cookies, false).stream()
            .filter(c -> c.expected() instanceof KeOutcome.Agreed)
            .count();
    assertEquals(3, agreed);
  }

  @Test
  void chronydsAndNtpsecsCapturesAreWhatTheReferenceMakesOfThem() {
    List<NtsExercises.Captured> chrony =
        NtsExercises.captured(corpus).stream()
            .filter(c -> c.id().startsWith("nts-chrony-") || c.id().startsWith("nts-ntpsec-"))
            .toList();
    assertEquals(5, chrony.size(), "fixtures/capture-nts.sh's five exchanges");
    for (NtsExercises.Captured c : chrony) {
      byte[] request = c.request();
      int at = c.authenticatorAt();
      byte[] c2s = c.keys().orElseThrow().c2s();
      assertArrayEquals(
          Arrays.copyOfRange(request, at, request.length),
          NtsReference.authenticator(Arrays.copyOf(request, at), c2s, c.nonce()),
          c.id());
      KeOutcome.Agreed ke =
          assertInstanceOf(
              KeOutcome.Agreed.class,
              NtsReference.keOutcome(c.nts().orElseThrow().keBytes().orElseThrow()));
      assertEquals(15, ke.aead(), c.id());
      assertEquals(8, ke.cookies().size(), "chrony and NTPsec give 8 cookies");
      NtsReply reply =
          NtsReference.checkReply(
              c.reply(), c.field(NtsField.UNIQUE_IDENTIFIER), c.keys().orElseThrow().s2c());
      if (c.id().contains("nak")) {
        assertEquals(new NtsReply.Refused(NtsRefusal.NAK), reply);
      } else {
        // Its first cookie went out in the request; the reply carries one per cookie and
        // placeholder sent.
        assertArrayEquals(ke.cookies().get(0), c.field(NtsField.COOKIE), c.id());
        assertEquals(1 + c.placeholders(), ((NtsReply.Verified) reply).cookies().size(), c.id());
      }
    }
  }

  @Test
  void aHiddenCaptureLendsNoCookieToTheCasesShownInTheClear() {
    List<NtsExercises.Captured> captured = NtsExercises.captured(corpus);
    Corpus hidden =
        corpus.withHidden(
            captured.stream().map(NtsExercises.Captured::id).collect(Collectors.toSet()));
    int shown = 0;
    for (Exercise<NtsLab> exercise : NtsExercises.of(hidden)) {
      for (Case<NtsLab> c : exercise.cases()) {
        if (hidden.isHidden(c.fixture())) {
          continue;
        }
        shown++;
        for (NtsExercises.Captured x : captured) {
          String cookie = HexFormat.of().formatHex(x.field(NtsField.COOKIE), 0, 8);
          assertFalse(c.call().contains(cookie), c.fixture() + " shows " + x.id() + "'s cookie");
          assertFalse(
              String.valueOf(c.expected()).contains(cookie),
              c.fixture() + " expects " + x.id() + "'s cookie");
        }
      }
    }
    assertTrue(shown > 10, shown + " cases in the clear");
  }

  private static NtsExercises.Captured ntpdRs() {
    return NtsExercises.captured(corpus).stream()
        .filter(c -> c.id().equals("literal-ntpd-rs-nts-1-2"))
        .findFirst()
        .orElseThrow();
  }
}
