package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.testing.Captures;

/**
 * {@code ntplab fixtures lint}: which rule a lab states that a fixture collection gives no case.
 */
class FixturesLintTest {

  @TempDir Path dir;

  @Test
  void theBuiltInFixturesGiveEveryRuleOfALabACase() {
    CliRun run = CliRun.of("fixtures", "lint", "--lab", "2");
    assertEquals(0, run.exitCode(), run.out() + run.err());
    assertEquals("every rule of 1 lab has a case in fixtures\n", run.out());
  }

  @Test
  void fourCapturedExchangesLeaveRulesUncoveredEachWithItsReadmeLine() {
    assertEquals(
        0,
        CliRun.of(
                "import",
                Captures.root().resolve("tcpdump/ntp.pcap").toString(),
                "--out",
                dir.toString())
            .exitCode());
    CliRun run = CliRun.of("fixtures", "lint", "--fixtures", dir.toString(), "--lab", "2");
    assertEquals(1, run.exitCode(), run.out() + run.err());
    // No stratum 1 reply among them: no clock name to read.
    assertTrue(
        run.out().startsWith("lab2 `refid-clock-name`: no case (labs/02-decode/README.md:"),
        run.out());
    assertTrue(run.out().contains(": stratum 1: a clock name, in ASCII)\n"), run.out());
    assertTrue(run.out().endsWith(" findings\n"), run.out());
  }

  @Test
  void aMissingFolderIsBadInput() {
    CliRun run = CliRun.of("fixtures", "lint", "--fixtures", dir.resolve("nope").toString());
    assertEquals(2, run.exitCode());
    assertEquals(
        "ntplab fixtures lint: --fixtures " + dir.resolve("nope") + ": no such folder\n",
        run.err());
  }
}
