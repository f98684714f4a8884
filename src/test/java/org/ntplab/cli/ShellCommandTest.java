package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ntplab shell}, run non-interactively: the helpers work in a real JShell with our class path. */
class ShellCommandTest {

  @TempDir Path dir;

  private Path script(String text) throws IOException {
    Path file = dir.resolve("check.jsh");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aScriptUsesTheHelpersAndPrintsOnlyWhatItPrints() throws IOException {
    Path file = script("""
        var kiss = (NtpPacket) decode(reply("synthetic-kod-rate"));
        System.out.println("kiss code " + kiss.kissCode().orElseThrow());
        System.out.println("request bytes " + fixture("synthetic-kod-rate").requestBytes().orElseThrow().length);
        decode("1b" + "00".repeat(47));
        """);
    CliRun run = CliRun.of("shell", "-f", file.toString());
    assertEquals(Main.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("NTPv4 server packet, 48 bytes"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+stratum\\s+0\\s+kiss-o'-death.*")), run.out());
    assertTrue(run.out().contains("kiss code RATE\nrequest bytes 48\n"), run.out());
    assertTrue(run.out().contains("NTPv3 client packet, 48 bytes"), run.out());
    // Silent feedback and a loaded file: no prompts, no echo, no "$1 ==>".
    assertTrue(run.out().lines().noneMatch(l -> l.contains("jshell>") || l.contains("==>") || l.contains("decode(")), run.out());
    assertEquals("", run.err());
  }

  @Test
  void errorsInAScriptGoToStandardErrorAndFail() throws IOException {
    Path file = script("""
        int broken = 1 +;
        fixture("kod-rat");
        System.out.println("still running");
        """);
    CliRun run = CliRun.of("shell", "-f", file.toString());
    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("illegal start of expression"), run.err());
    assertTrue(run.err().contains("no fixture \"kod-rat\"") && run.err().contains("synthetic-kod-rate"), run.err());
    assertEquals("still running\n", run.out());
  }

  @Test
  void anExceptionAloneFailsTheScript() throws IOException {
    CliRun run = CliRun.of("shell", "-f", script("fixture(\"kod-rat\");\n").toString());
    assertEquals(Main.FAILURE, run.exitCode(), run.err());
    assertTrue(run.err().contains("no fixture \"kod-rat\""), run.err());
  }

  @Test
  void theFilesAreLoadedBeforeTheScriptThatUsesThem() throws IOException {
    Path answers = Files.writeString(dir.resolve("answers.jsh"), "long epoch() { return 2208988800L; }\n");
    CliRun run = CliRun.of("shell", answers.toString(), "-f", script("System.out.println(epoch());\n").toString());
    assertEquals(Main.OK, run.exitCode(), run.err());
    assertEquals("2208988800\n", run.out());
  }

  @Test
  void aMissingFileIsBadInput() {
    CliRun run = CliRun.of("shell", "-f", dir.resolve("none.jsh").toString());
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("none.jsh: not a readable file"), run.err());
  }

  @Test
  void helpTeachesWithExamples() {
    CliRun run = CliRun.of("shell", "--help");
    assertEquals(Main.OK, run.exitCode());
    assertTrue(run.out().contains("Examples:") && run.out().contains("decode(reply(\"chrony-v4-1\"))")
        && run.out().contains("ntplab shell labs/00-warmup/answers.jsh"), run.out());
  }
}
