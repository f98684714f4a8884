package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ntplab shell}, run non-interactively: the helpers work in a real JShell with our class
 * path.
 */
class ShellCommandTest {

  @TempDir Path dir;

  private Path script(String text) throws IOException {
    Path file = dir.resolve("check.jsh");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aScriptUsesTheHelpersAndPrintsOnlyWhatItPrints() throws IOException {
    Path file =
        script(
            """
        var kiss = (NtpPacket) decode(reply("synthetic-kod-rate"));
        System.out.println("kiss code " + kiss.kissCode().orElseThrow());
        System.out.println("request bytes " + fixture("synthetic-kod-rate").requestBytes().orElseThrow().length);
        decode("1b" + "00".repeat(47));
        """);
    CliRun run = CliRun.of("shell", "-f", file.toString());
    assertEquals(Main.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("NTPv4 server packet, 48 bytes"), run.out());
    assertTrue(
        run.out().lines().anyMatch(l -> l.matches("\\s+stratum\\s+0\\s+kiss-o'-death.*")),
        run.out());
    assertTrue(run.out().contains("kiss code RATE\nrequest bytes 48\n"), run.out());
    assertTrue(run.out().contains("NTPv3 client packet, 48 bytes"), run.out());
    // Silent feedback and a loaded file: no prompts, no echo, no "$1 ==>".
    assertTrue(
        run.out()
            .lines()
            .noneMatch(l -> l.contains("jshell>") || l.contains("==>") || l.contains("decode(")),
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void errorsInAScriptGoToStandardErrorAndFail() throws IOException {
    Path file =
        script(
            """
        int broken = 1 +;
        fixture("kod-rat");
        System.out.println("still running");
        """);
    CliRun run = CliRun.of("shell", "-f", file.toString());
    assertEquals(Main.FAILURE, run.exitCode());
    assertTrue(run.err().contains("illegal start of expression"), run.err());
    assertTrue(
        run.err().contains("no fixture \"kod-rat\"") && run.err().contains("synthetic-kod-rate"),
        run.err());
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
    Path answers =
        Files.writeString(dir.resolve("answers.jsh"), "long epoch() { return 2208988800L; }\n");
    CliRun run =
        CliRun.of(
            "shell", answers.toString(), "-f", script("System.out.println(epoch());\n").toString());
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
    assertTrue(
        run.out().contains("Examples:")
            && run.out().contains("decode(reply(\"chrony-v4-1\"))")
            && run.out().contains("ntplab shell labs/00-warmup/answers.jsh"),
        run.out());
  }

  /**
   * A student tries their own lab on a fixture: the solved decoder answers, a lab that does not
   * compile is named.
   */
  @Test
  void theStudentsLabsAreCompiledAndImported() throws IOException {
    Path labs = dir.resolve("labs");
    Path decode = Files.createDirectories(labs.resolve("02-decode"));
    // The solution with a mark of this student's own, so the answer shows whose class was called.
    String solved = Files.readString(Path.of("solutions/02-decode/Decoder.java"));
    assertTrue(solved.contains("return packet[1] & 0xff;"), "the solution changed");
    Files.writeString(
        decode.resolve("Decoder.java"), solved.replace("return packet[1] & 0xff;", "return 42;"));
    Path encode = Files.createDirectories(labs.resolve("03-encode"));
    Files.writeString(
        encode.resolve("Encoder.java"),
        "package org.ntplab.labs.encode;\npublic class Encoder {\n");
    Path file =
        script(
            """
        System.out.println("stratum " + new Decoder().stratum(reply("synthetic-kod-rate")));
        """);
    CliRun run = CliRun.of("shell", "--labs", labs.toString(), "-f", file.toString());
    assertEquals(Main.OK, run.exitCode(), run.err());
    assertEquals("stratum 42\n", run.out());
    assertEquals(
        labs + "/03-encode is not loaded: it does not compile (ntplab grade --lab 3 shows why)\n",
        run.err());
  }

  @Test
  void aLabsFolderThatIsNotThereIsOneLine() {
    CliRun run = CliRun.of("shell", "--labs", dir.resolve("nowhere").toString(), "-f", "-");
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertEquals("ntplab shell: " + dir.resolve("nowhere") + ": not a folder of labs\n", run.err());
  }
}
