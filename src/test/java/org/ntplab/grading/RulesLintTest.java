package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureStore;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.NtpCodec;
import org.ntplab.wire.NtpPacket;

/**
 * Every rule a lab README states has a case on the built-in fixtures, and the lint sees when one
 * does not.
 */
class RulesLintTest {

  private static final Path LABS = Path.of("labs");
  private static final Set<Lab> ALL = new TreeSet<>(Lab.all());

  @TempDir Path dir;

  @Test
  void theBuiltInFixturesLeaveNoStatedRuleWithoutACase() throws Exception {
    List<RulesLint.Finding> findings = RulesLint.lint(LABS, Corpus.load(Path.of("fixtures")), ALL);
    assertEquals(List.of(), findings.stream().map(RulesLint.Finding::describe).toList());
  }

  @Test
  void everyLabStatesItsRules() throws IOException {
    for (Lab lab : Lab.all()) {
      List<Rules.Rule> rules = Rules.stated(LABS, lab);
      assertTrue(rules.size() >= 4, lab + " states " + rules.size() + " rules");
    }
  }

  @Test
  void withoutACapturedKissOfDeathTheKissCodeRulesHaveNoCase() throws Exception {
    List<Fixture> noKiss =
        FixtureStore.load(Path.of("fixtures")).stream()
            .map(FixtureStore.FixtureFile::fixture)
            .filter(f -> f.replyBytes().map(RulesLintTest::kiss).orElse(false) == Boolean.FALSE)
            .toList();
    List<RulesLint.Finding> findings = RulesLint.lint(LABS, Corpus.of(noKiss), ALL);
    List<String> uncovered =
        findings.stream()
            .map(f -> ((RulesLint.Finding.Uncovered) f).rule())
            .map(r -> r.lab().id() + " " + r.id())
            .toList();
    // Lab 6's kiss-o'-death is also made from a real reply (stratum 0 and RATE put in): still
    // covered.
    assertEquals(List.of("lab0 kiss-code", "lab5 kiss-code"), uncovered);
    String shown = findings.get(0).describe();
    assertTrue(shown.startsWith("lab0 `kiss-code`: no case (labs/00-warmup/README.md:"), shown);
    assertTrue(
        shown.endsWith("a stratum 0 reply's reference ID is its kiss code (question 7))"), shown);
  }

  @Test
  void aCaseNamingARuleItsReadmeDoesNotStateIsAFinding() throws Exception {
    Path labs = dir.resolve("labs");
    Path readme = Rules.readme(labs, Lab.of(2));
    Files.createDirectories(readme.getParent());
    String text = Files.readString(Rules.readme(LABS, Lab.of(2)));
    Files.writeString(readme, text.replace("- `poll-signed`: poll is signed\n", ""));
    List<RulesLint.Finding> findings =
        RulesLint.lint(labs, Corpus.load(Path.of("fixtures")), Set.of(Lab.of(2)));
    assertEquals(1, findings.size(), findings.toString());
    String shown = findings.get(0).describe();
    assertTrue(shown.startsWith("lab2 `poll-signed`: named by lab2 decode: poll on "), shown);
    assertTrue(shown.endsWith(" (synthetic), but " + readme + " does not state it"), shown);
  }

  @Test
  void aBulletWrappedOntoTheNextLineIsOneRuleAtItsFirstLine() throws IOException {
    Path readme = Rules.readme(dir, Lab.of(1));
    Files.createDirectories(readme.getParent());
    Files.writeString(
        readme,
        "# Lab 1\n\n- `not-a-rule`: above the list\n\n"
            + Rules.HEADING
            + "\n\nWhy.\n\n"
            + "- `era-rule`: top bit set,\n  clear otherwise\n- `epoch-1900`: from 1900\n\n## After\n\n- `nor-this`: x\n");
    List<Rules.Rule> rules = Rules.stated(dir, Lab.of(1));
    assertEquals(
        List.of(
            new Rules.Rule(Lab.of(1), "era-rule", "top bit set, clear otherwise", readme, 9),
            new Rules.Rule(Lab.of(1), "epoch-1900", "from 1900", readme, 11)),
        rules);
  }

  private static boolean kiss(byte[] reply) {
    try {
      return NtpCodec.decode(reply) instanceof NtpPacket p && p.kissCode().isPresent();
    } catch (MalformedPacketException e) {
      return false;
    }
  }
}
