package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ntplab.grading.GraderTest.failed;
import static org.ntplab.grading.GraderTest.grade;
import static org.ntplab.grading.GraderTest.lost;
import static org.ntplab.grading.GraderTest.message;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.lab.MacLab;
import org.ntplab.lab.MacVerdict;

/**
 * Lab 9 against hand-written students: each classic mistake loses its exercise, named by fixture
 * and field.
 */
class MacGradingTest {

  private static List<Exercise<MacLab>> exercises;

  @BeforeAll
  static void load() throws Exception {
    exercises = MacExercises.of(Corpus.load());
  }

  @Test
  void aStudentThatAgreesWithTheReferenceWinsEveryPoint() {
    var results = grade(exercises, new MacStudents.MacChecker());
    assertEquals(0, lost(results));
    assertEquals(15, results.values().stream().mapToInt(ExerciseResult::maxPoints).sum());
  }

  @Test
  void everyVerdictIsGraded() {
    var expected =
        exercises.stream().flatMap(e -> e.cases().stream()).map(Case::expected).distinct().toList();
    assertTrue(expected.containsAll(List.of(MacVerdict.values())), expected.toString());
  }

  @Test
  void theSecretAfterThePacketVerifiesNothing() {
    var results = grade(exercises, new MacStudents.SecretLast());
    assertEquals(
        List.of("lab9 mac: signed with MD5", "lab9 mac: signed with SHA1"), failed(results));
    assertEquals(8, lost(results));
    String message = message(results.get("lab9 mac: signed with MD5"));
    assertTrue(
        message.contains("signed with key 1, field MAC: check(reply, new MacKey(1, \"MD5\""),
        message);
    assertTrue(message.contains("expected VERIFIED, got BAD_DIGEST"), message);
    // The quantities that decide it: the MAC as it is in the reply, and the digest the key gives.
    assertTrue(
        message.matches(
            "(?s).*; the MAC at bytes 48\\.\\.67: key ID 1 \\(0x00000001\\), digest \\[([0-9a-f]{2} ){15}"
                + "[0-9a-f]{2}\\]; MD5\\(secret ‖ bytes 0\\.\\.47\\) with key 1 = \\[.*"),
        message);
  }

  @Test
  void aKeyIdReadAsSignedLosesTheHighKeyIds() {
    var results = grade(exercises, new MacStudents.SignedKeyId());
    assertEquals(
        List.of("lab9 mac: signed with MD5", "lab9 mac: signed with SHA1"), failed(results));
    String message = message(results.get("lab9 mac: signed with MD5"));
    assertTrue(
        message.contains("signed with key 2147483649 (synthetic), field MAC")
            && message.contains("expected VERIFIED, got WRONG_KEY_ID"),
        message);
  }

  @Test
  void aCryptoNakIsNotAnotherKey() {
    var results = grade(exercises, new MacStudents.NakIsWrongKey());
    assertEquals(List.of("lab9 mac: no MAC, or a crypto-NAK"), failed(results));
    assertTrue(
        message(results.get("lab9 mac: no MAC, or a crypto-NAK"))
            .contains("expected CRYPTO_NAK, got WRONG_KEY_ID"));
  }
}
