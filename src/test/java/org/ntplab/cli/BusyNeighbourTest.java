package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.harness.Sandbox;

/**
 * One hand-in against another in a batch through the machine they share, not through files: a
 * call's limit counts processor time, but the deadline of each hand-in and a call that waits count
 * the wall clock, so a hand-in whose code keeps the CPU busy could make another's run out. A
 * hand-in that a limit on the wall clock cut short while others were graded at once is graded
 * again, alone.
 */
class BusyNeighbourTest {

  private static final Path SOLUTIONS = Path.of("solutions");
  private static final String TIMESTAMPS = "01-timestamps/Timestamps.java";
  private static final String TIMESTAMPS_CLASS =
      "public class Timestamps implements TimestampLab {";
  private static final String DECODER = "02-decode/Decoder.java";
  private static final String POLL = "return packet[2]; // a Java byte is already signed";

  @TempDir Path dir;

  /**
   * A solved lab 1 whose class, once loaded, starts {@code spinners} processes that spin until they
   * are killed, each in a session of its own: where the kernel groups processes by session for
   * fairness (autogroup), each gets as much CPU as another student's whole process.
   */
  private static List<String> spinning(int spinners, String mark) {
    String start =
        "for i in $(seq "
            + spinners
            + "); do /usr/bin/setsid /bin/sh -c 'while :; do :; done' "
            + mark
            + " & done";
    return List.of(
        TIMESTAMPS_CLASS,
        TIMESTAMPS_CLASS
            + "\n  static { try { new ProcessBuilder(\"/bin/sh\", \"-c\", \""
            + start
            + "\").start(); } catch (Throwable e) { } }");
  }

  /**
   * A correct hand-in graded beside one that spins keeps its full marks. With a 20 s limit for each
   * hand-in (an honest one needs a few), alice ran out of it while mallory's 50 processes spun, and
   * lost every point (in each of three runs here); graded again alone, she has them all. The
   * spinners die with mallory's grading (its PID namespace), so they slow no one after it.
   */
  @Test
  void aHandInSpinningInSessionsOfItsOwnCostsAnotherNoPoint() throws Exception {
    Assumptions.assumeTrue(
        Sandbox.detect().walls() == Sandbox.Walls.FULL,
        "needs root and bubblewrap: without the walls the spinners would outlive the test ("
            + Sandbox.detect().describe()
            + ")");
    String mark = "spin-" + ProcessHandle.current().pid();
    // Enough to leave each process a few percent of the CPU, whatever the number of cores.
    int spinners = Math.min(900, 25 * Runtime.getRuntime().availableProcessors());
    Path handins = Files.createDirectories(dir.resolve("handins"));
    LabsCopy.of(SOLUTIONS, handins.resolve("alice"), Map.of());
    LabsCopy.of(
        SOLUTIONS, handins.resolve("mallory"), Map.of(TIMESTAMPS, spinning(spinners, mark)));
    Path hidden = Files.createDirectories(dir.resolve("hidden"));
    Files.writeString(
        hidden.resolve("instructor-1.json"),
        Files.readString(Path.of("fixtures/replies/chrony-client-1-2.json"))
            .replace("chrony-client-1-2", "instructor-1"));
    Path out = dir.resolve("grades");

    CliRun run =
        batch(
            handins,
            out,
            "--lab",
            "1,2,3,4",
            "--fixtures",
            hidden.toString(),
            "--time-limit",
            "20s",
            "--jobs",
            "2");

    assertEquals(0, run.exitCode(), run.out() + run.err());
    Map<String, String> alice = csv(out.resolve("grades.csv")).get("alice");
    assertEquals(alice.get("max"), alice.get("total"), run.out() + run.err());
    assertEquals(List.of(), HostProcesses.left(mark), "spinners outlived mallory's grading");
    JsonNode graded = new ObjectMapper().readTree(out.resolve("grades.json").toFile());
    if (alice.get("note").startsWith("graded again alone")) {
      assertTrue(graded.get("submissions").get("alice").get("graded_again_alone").asBoolean());
      assertTrue(run.out().matches("(?s).*graded again alone.*: .*alice.*"), run.out());
    }
  }

  /**
   * Which hand-ins are graded again: one whose call was given up on the wall clock (it waited)
   * while another was graded, and its grade is the second; not one whose call ran over computing
   * (its processor time is its own, whatever the machine did), nor one that kept to its time, nor
   * any when one is graded at a time.
   */
  @Test
  void aHandInThatRanOutOfWallClockTimeAmongOthersIsGradedAgainAlone() throws Exception {
    Path handins = Files.createDirectories(dir.resolve("handins"));
    LabsCopy.of(SOLUTIONS, handins.resolve("good"), Map.of());
    LabsCopy.of(
        SOLUTIONS, handins.resolve("loops"), Map.of(DECODER, List.of(POLL, "for (;;) { }")));
    LabsCopy.of(
        SOLUTIONS,
        handins.resolve("waits"),
        Map.of(
            DECODER,
            List.of(
                POLL,
                "while (packet.length > 0) java.util.concurrent.locks.LockSupport.park(); "
                    + POLL)));
    Path out = dir.resolve("grades");

    CliRun run = batch(handins, out, "--lab", "2", "--jobs", "2");

    assertEquals(0, run.exitCode(), run.out() + run.err());
    Map<String, Map<String, String>> rows = csv(out.resolve("grades.csv"));
    assertEquals("", rows.get("good").get("note"));
    assertEquals("", rows.get("loops").get("note"));
    assertEquals("28", rows.get("loops").get("total"));
    assertEquals(
        "graded again alone: a limit on the wall clock ran out while other hand-ins were graded at"
            + " once",
        rows.get("waits").get("note"));
    assertEquals("28", rows.get("waits").get("total"));
    assertTrue(run.err().contains("grading waits again, alone"), run.err());
    assertFalse(run.err().contains("grading good again"), run.err());
    assertFalse(run.err().contains("grading loops again"), run.err());
    assertTrue(run.out().contains("(the grade above is the second): waits\n"), run.out());
    JsonNode graded =
        new ObjectMapper().readTree(out.resolve("grades.json").toFile()).get("submissions");
    assertTrue(graded.get("waits").get("graded_again_alone").asBoolean(), graded.toString());
    assertFalse(graded.get("loops").has("graded_again_alone"), graded.toString());
    assertFalse(graded.get("good").has("graded_again_alone"), graded.toString());

    CliRun oneAtATime = batch(handins, out, "--lab", "2", "--jobs", "1", "--force");
    assertEquals(0, oneAtATime.exitCode(), oneAtATime.out() + oneAtATime.err());
    assertEquals("", csv(out.resolve("grades.csv")).get("waits").get("note"));
    assertFalse(oneAtATime.err().contains("again"), oneAtATime.err());
  }

  /** {@code ntplab grade --submissions handins --out out} and {@code options}. */
  private static CliRun batch(Path handins, Path out, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of("grade", "--submissions", handins.toString(), "--out", out.toString()));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** grades.csv's rows by student, each cell by its column's name (no cell here is quoted). */
  private static Map<String, Map<String, String>> csv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",", -1);
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.put(cells[0], row);
    }
    return rows;
  }
}
