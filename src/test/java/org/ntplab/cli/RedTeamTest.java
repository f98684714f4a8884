package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.harness.GraderFingerprint;
import org.ntplab.grading.harness.Sandbox;

/**
 * A dishonest student's attacks on the grade, each written as a submission that touches only its
 * labs folder and graded as an instructor grades: {@code ntplab grade}. Each must gain no point,
 * change no other grade or file, leave no process behind and leak no hidden fixture. The attacks on
 * the walls need root and bubblewrap (CI has both) and say so when skipped; the others hold
 * everywhere.
 */
class RedTeamTest {

  private static final Path SOLUTIONS = Path.of("solutions");
  private static final Path STUBS = Path.of("labs");
  private static final String DECODER = "02-decode/Decoder.java";
  private static final String CLASS_LINE = "public class Decoder implements DecodeLab {";
  private static final String REFERENCE_ID = "public String referenceId(byte[] packet) {";

  @TempDir Path dir;

  private final List<Process> victims = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    victims.forEach(Process::destroyForcibly);
    System.clearProperty("ntplab.sandbox");
  }

  private static void assumeWalls() {
    Assumptions.assumeTrue(
        Sandbox.detect().walls() == Sandbox.Walls.FULL,
        "needs root and bubblewrap: the walls are attacked in CI, which runs as root ("
            + Sandbox.detect().describe()
            + ")");
  }

  /** A copy of {@code from} named {@code name}, with {@code edits} (file to from/to pairs) made. */
  private Path labs(Path from, String name, Map<String, List<String>> edits) throws IOException {
    return LabsCopy.of(from, dir.resolve(name), edits);
  }

  /** {@code ntplab grade} of lab {@code lab} in {@code labs}, its JSON report in report.json. */
  private CliRun gradeJson(Path labs, int lab) {
    return CliRun.of(
        "grade",
        "--labs",
        labs.toString(),
        "--lab",
        Integer.toString(lab),
        "--format",
        "json",
        "--out",
        dir.resolve("report.json").toString());
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  private static JsonNode result(JsonNode report, String name) {
    assertTrue(report.has("results"), "not graded: " + report);
    for (JsonNode r : report.get("results")) {
      if (r.get("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no " + name + " in " + report);
  }

  /**
   * What the attack saw, carried out as its (wrong) answer: the text between {@code <<} and {@code
   * >>}.
   */
  private static String seen(JsonNode report) {
    JsonNode outcome = result(report, "lab2 decode: referenceId").get("outcome");
    assertTrue(outcome.has("first_failure"), "the attack's answer was not shown: " + outcome);
    String message = outcome.get("first_failure").asText();
    int start = message.indexOf("<<");
    int end = message.indexOf(">>", start);
    assertTrue(start >= 0 && end > start, "the attack did not report: " + message);
    return message.substring(start + 2, end);
  }

  /**
   * An instructor's hidden fixture: its folder, id and reply (hex), which students must not see.
   */
  private record Hidden(Path dir, String id, String reply) {

    /** What students must never see of it. */
    List<String> secrets() {
      return List.of(id, "5ec7e75e", reply.substring(0, 40));
    }
  }

  /**
   * A hidden fixture made from a real capture with its transmit time changed (synthetic): its bytes
   * 40 and 41 are 0x5e 0xc7, which no published packet has, so a student's code can tell it apart.
   */
  private Hidden hiddenFixture() throws IOException {
    Path hidden = Files.createDirectories(dir.resolve("hidden"));
    Path real;
    try (Stream<Path> replies = Files.list(Path.of("fixtures/replies"))) {
      real =
          replies
              .filter(p -> p.getFileName().toString().startsWith("chrony"))
              .sorted()
              .findFirst()
              .orElseThrow();
    }
    String fixture = Files.readString(real);
    JsonNode parsed = new ObjectMapper().readTree(fixture);
    String reply = parsed.get("reply").asText().replaceAll("\\s", "");
    String secretReply = reply.substring(0, 80) + "5ec7e75e" + reply.substring(88);
    String secretId = "instructor-secret-1";
    Files.writeString(
        hidden.resolve(secretId + ".json"),
        fixture
            .replace(parsed.get("id").asText(), secretId)
            .replace(parsed.get("reply").asText(), secretReply)
            .replace("\"tags\" : [", "\"tags\" : [ \"synthetic\","));
    return new Hidden(hidden, secretId, secretReply);
  }

  private static String javaString(Path path) {
    return '"' + path.toAbsolutePath().toString().replace("\\", "\\\\") + '"';
  }

  private static String array(List<Path> paths) {
    return paths.stream().map(RedTeamTest::javaString).collect(Collectors.joining(", "));
  }

  private static Path graderCode() {
    try {
      return Path.of(
          GraderFingerprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A host process the attack may try to kill: root's, outside any sandbox. */
  private long victim() throws IOException {
    Process sleep = new ProcessBuilder("sleep", "600").start();
    victims.add(sleep);
    return sleep.pid();
  }

  /**
   * Lab 2's decoder, solved, but carrying an attack that runs once when the class loads: it tries
   * to read {@code read}, write {@code write}, see and kill the victim and the harness, reach the
   * harness's loopback, load the reference by name and from disk, and leave a process running
   * ({@code sleep MARK}). What it managed is its referenceId answer.
   */
  private static List<String> attack(
      List<Path> read, List<Path> write, long victim, int port, String mark) {
    String observe =
        """
          static final String SEEN = observe();

          static String observe() {
            StringBuilder seen = new StringBuilder();
            for (String p : new String[] {READ}) {
              try {
                java.nio.file.Path path = java.nio.file.Path.of(p);
                if (java.nio.file.Files.isDirectory(path)) {
                  try (var list = java.nio.file.Files.list(path)) {
                    seen.append("listed ").append(p).append(list.map(f -> " " + f.getFileName()).toList()).append("; ");
                  }
                } else {
                  java.nio.file.Files.readAllBytes(path);
                  seen.append("read ").append(p).append("; ");
                }
              } catch (Throwable e) { }
            }
            for (String p : new String[] {WRITE}) {
              try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(p), "pwned");
                seen.append("wrote ").append(p).append("; ");
              } catch (Throwable e) { }
            }
            try {
              if (ProcessHandle.of(VICTIML).isPresent()) seen.append("sees the victim; ");
              if (ProcessHandle.of(VICTIML).map(ProcessHandle::destroyForcibly).orElse(false)) seen.append("killed it; ");
              if (ProcessHandle.of(HARNESSL).isPresent()) seen.append("sees the harness; ");
              if (ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine().orElse("").contains("surefire")))
                seen.append("sees the build; ");
            } catch (Throwable e) { }
            try (java.net.Socket s = new java.net.Socket()) {
              s.connect(new java.net.InetSocketAddress("127.0.0.1", PORT), 500);
              seen.append("reached the harness's loopback; ");
            } catch (Throwable e) { }
            try {
              Class.forName("org.ntplab.wire.NtpCodec");
              seen.append("loaded the reference by name; ");
            } catch (Throwable e) { }
            try {
              ClassLoader.getSystemClassLoader().loadClass("org.ntplab.grading.Grader");
              seen.append("loaded the grader; ");
            } catch (Throwable e) { }
            try (var loader = new java.net.URLClassLoader(new java.net.URL[] {java.nio.file.Path.of(CODE).toUri().toURL()})) {
              loader.loadClass("org.ntplab.wire.NtpCodec");
              seen.append("loaded the reference from disk; ");
            } catch (Throwable e) { }
            try {
              new ProcessBuilder("/usr/bin/setsid", "/bin/sleep", "MARK").start();
              new ProcessBuilder("/bin/sh", "-c", "/bin/sleep MARK &").start();
            } catch (Throwable e) { }
            return "<<" + seen + ">>";
          }
        """
            .replace("READ", array(read))
            .replace("WRITE", array(write))
            .replace("VICTIM", Long.toString(victim))
            .replace("HARNESS", Long.toString(ProcessHandle.current().pid()))
            .replace("PORT", Integer.toString(port))
            .replace("CODE", javaString(graderCode()))
            .replace("MARK", mark);
    return List.of(
        CLASS_LINE,
        CLASS_LINE + "\n" + observe,
        REFERENCE_ID,
        REFERENCE_ID + "\n    if (SEEN != null) return SEEN;");
  }

  /** Every host process of {@code sleep MARK}, after a short bounded wait for them to go. */
  private static List<String> survivors(String mark) throws InterruptedException {
    return HostProcesses.left("sleep " + mark);
  }

  // ---- attacks that gain nothing, walls or no walls -------------------------------------

  /**
   * The comment trick: a first "package" line inside a comment, then a class of the grader's
   * package.
   */
  @Test
  void aClassThatWouldStandInForTheGradersGainsNoPoint() throws Exception {
    Path labs = labs(STUBS, "shadow", Map.of());
    Files.writeString(
        labs.resolve("01-timestamps/GradeTable.java"),
        """
        /*
        package org.ntplab.labs.timestamps;
        */
        package org.ntplab.grading.report;

        public final class GradeTable {
          public static String render(Object report) {
            return "total 200/200: full marks\\n";
          }
        }
        """);
    Path results = dir.resolve("results.json");
    CliRun run =
        CliRun.of(
            "grade",
            "--labs",
            labs.toString(),
            "--lab",
            "1",
            "--format",
            "gradescope",
            "--out",
            results.toString());
    assertEquals(1, run.exitCode(), run.err());
    JsonNode root = json(results);
    assertEquals(0, root.get("score").asInt(), root.toString());
    String first = root.get("tests").get(0).get("output").asText();
    assertTrue(
        first.contains("class org.ntplab.grading.report.GradeTable")
            && first.contains("is not in lab 1's package"),
        first);
  }

  /** What a student's code prints is the student's output: it never reaches the grade table. */
  @Test
  void printingAFakeGradeTableChangesNothing() throws Exception {
    Path labs =
        labs(
            STUBS,
            "printer",
            Map.of(
                "01-timestamps/Timestamps.java",
                List.of(
                    "public class Timestamps implements TimestampLab {",
                    "public class Timestamps implements TimestampLab {\n  static { System.out.println(\"total 200/200: full marks\");"
                        + " System.err.println(\"total 200/200: full marks\"); }")));
    CliRun run = CliRun.of("grade", "--labs", labs.toString(), "--lab", "1");
    assertEquals(1, run.exitCode());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(lines.size() - 1).startsWith("total 0/"), run.out());
    assertFalse(run.out().contains("200/200"), run.out());
  }

  /**
   * Bytes written straight onto the channel are not an answer: the exercise is lost, the rest
   * graded.
   */
  @Test
  void writingOnTheChannelGainsNothing() throws Exception {
    Path labs =
        labs(
            SOLUTIONS,
            "forger",
            Map.of(
                DECODER,
                List.of(
                    "return packet[2]; // a Java byte is already signed",
                    "try { var out = new java.io.FileOutputStream(java.io.FileDescriptor.out); out.write(new byte[] {2, 2, 0, 0, 0, 0});"
                        + " out.flush(); } catch (java.io.IOException e) { } return 0;")));
    CliRun run = gradeJson(labs, 2);
    Path report = dir.resolve("report.json");
    assertEquals(1, run.exitCode(), run.err());
    JsonNode root = json(report);
    assertFalse(
        result(root, "lab2 decode: poll").get("outcome").get("status").asText().equals("passed"));
    assertEquals(
        "passed", result(root, "lab2 decode: stratum").get("outcome").get("status").asText());
    assertEquals(
        "passed", result(root, "lab2 decode: precision").get("outcome").get("status").asText());
  }

  /**
   * Lab 10's cipher runs in the harness, reached through the channel by reference. A student that
   * keeps the reference past its call and floods it from a thread of its own, with the largest
   * inputs the channel carries, while the grader goes on calling, must gain nothing and break
   * nothing: the grade ends, and every exercise is decided by the answers, as the solution's are.
   */
  @Test
  void floodingTheHarnessCipherFromAThreadChangesNoGrade() throws Exception {
    String seal = "byte[] ciphertext = aead.seal(c2s, nonce, packet, new byte[0]);";
    Path labs =
        labs(
            SOLUTIONS,
            "flooder",
            Map.of(
                "10-nts/Nts.java",
                List.of(
                    seal,
                    "if (FLOOD.compareAndSet(false, true)) { Thread t = new Thread(() -> { byte[] big ="
                        + " new byte[(1 << 20) - 64]; while (true) { try { aead.seal(c2s, nonce, big,"
                        + " big); } catch (RuntimeException e) { } } }); t.setDaemon(true); t.start(); }"
                        + " "
                        + seal,
                    "public class Nts implements NtsLab {",
                    "public class Nts implements NtsLab {\n  static final"
                        + " java.util.concurrent.atomic.AtomicBoolean FLOOD = new"
                        + " java.util.concurrent.atomic.AtomicBoolean();")));
    CliRun run = gradeJson(labs, 10);
    Path report = dir.resolve("report.json");
    JsonNode root = json(report);
    for (JsonNode r : root.get("results")) {
      assertEquals(
          "passed", r.get("outcome").get("status").asText(), r.get("name") + ": " + run.err());
    }
    assertEquals(0, run.exitCode(), run.err());
  }

  /**
   * The same cipher kept in a field and used again in a later call, after the harness released it:
   * the harness serves no object it no longer lends, and the student's side refuses the use before
   * it is sent, so the call that tried loses its case with a message that says why, the student
   * process goes on, and the other exercises are graded as before.
   */
  @Test
  void aCipherKeptPastItsCallIsNotServedAgain() throws Exception {
    String seal = "byte[] ciphertext = aead.seal(c2s, nonce, packet, new byte[0]);";
    Path labs =
        labs(
            SOLUTIONS,
            "keeper",
            Map.of(
                "10-nts/Nts.java",
                List.of(
                    seal,
                    "if (KEPT != null) { KEPT.seal(c2s, nonce, packet, packet); } KEPT = aead; "
                        + seal,
                    "public class Nts implements NtsLab {",
                    "public class Nts implements NtsLab {\n  static AesSivCmac KEPT;")));
    CliRun run = gradeJson(labs, 10);
    Path report = dir.resolve("report.json");
    assertEquals(1, run.exitCode(), run.err());
    JsonNode root = json(report);
    for (JsonNode r : root.get("results")) {
      String status = r.get("outcome").get("status").asText();
      boolean kept = r.get("name").asText().equals("lab10 nts: the authenticator");
      assertEquals(!kept, status.equals("passed"), r.get("name") + " " + status);
      if (kept) {
        String failure = r.get("outcome").toString();
        assertTrue(failure.contains("was lent for one call, which has returned"), failure);
        assertFalse(failure.contains("stopped answering"), failure);
      }
    }
  }

  /**
   * A hidden fixture's case, failed: what students see names no id, no bytes and no expected value,
   * even when the student's code puts the packet in its exception's message.
   */
  @Test
  void aHiddenFixtureNeverReachesWhatStudentsSee() throws Exception {
    Hidden fixture = hiddenFixture();
    // The student's code fails on that packet alone, quoting it.
    Path labs =
        labs(
            SOLUTIONS,
            "leaky",
            Map.of(
                DECODER,
                List.of(
                    "return packet[2]; // a Java byte is already signed",
                    "if ((packet[40] & 0xff) == 0x5e && (packet[41] & 0xff) == 0xc7) throw new IllegalStateException("
                        + "java.util.HexFormat.of().formatHex(packet)); return packet[2];",
                    "return packet[1] & 0xff;",
                    "return (packet[40] & 0xff) == 0x5e && (packet[41] & 0xff) == 0xc7 ? 99"
                        + " : packet[1] & 0xff;",
                    // Prints the packet and ends its process, so that its last words, or its exit,
                    // might be shown.
                    "return packet[3];",
                    "if ((packet[40] & 0xff) == 0x5e && (packet[41] & 0xff) == 0xc7) {"
                        + " System.out.println(java.util.HexFormat.of().formatHex(packet)); System.out.flush();"
                        + " Runtime.getRuntime().halt(3); } return packet[3];",
                    // Loops on it, saying over the channel that it is stuck in a method named after
                    // the packet.
                    "return packet[0] & 7;",
                    "if ((packet[40] & 0xff) == 0x5e && (packet[41] & 0xff) == 0xc7) { byte[] b ="
                        + " (\"org.ntplab.labs.decode.Decoder.x\" + java.util.HexFormat.of().formatHex(packet) + \"(Decoder.java:1)\")"
                        + ".getBytes(); var out = new java.io.DataOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));"
                        + " for (;;) { try { out.writeByte(5); out.writeInt(b.length); out.write(b); out.flush(); Thread.sleep(20); }"
                        + " catch (Exception e) { } } } return packet[0] & 7;")));
    CliRun run = gradedWithHidden(labs, fixture);
    // What students see: results.json and the table. (The grader's standard error is the
    // instructor's: what the student's code printed goes there, and does hold the packet.)
    String seen = studentsSee(run);
    assertUnseen(fixture.secrets(), seen);
    assertTrue(
        run.err().toLowerCase().contains(fixture.reply().substring(0, 40).toLowerCase()),
        "the attack printed nothing");
    assertTrue(
        seen.contains("a hidden fixture, field precision: the student's process ended"), seen);
    assertTrue(
        seen.contains(
            "a hidden fixture, field poll: your code threw java.lang.IllegalStateException"),
        seen);
    assertTrue(
        seen.contains("a hidden fixture, field stratum: the answer differs from the reference's"),
        seen);
    assertTrue(seen.contains("a hidden fixture, field mode did not return within"), seen);

    // The instructor may look.
    CliRun shown =
        CliRun.of(
            "grade",
            "--labs",
            labs.toString(),
            "--lab",
            "2",
            "--fixtures",
            fixture.dir().toString(),
            "--show-hidden");
    assertTrue(shown.out().contains(fixture.id()), shown.out());
  }

  /** When {@code packet} is the hidden fixture's reply (Java source, in a lab's method). */
  private static final String IS_HIDDEN =
      "(packet[40] & 0xff) == 0x5e && (packet[41] & 0xff) == 0xc7";

  /** Lab 2 of {@code labs} graded for Gradescope over {@code fixture}, into results.json. */
  private CliRun gradedWithHidden(Path labs, Hidden fixture) {
    CliRun run =
        CliRun.of(
            "grade",
            "--labs",
            labs.toString(),
            "--lab",
            "2",
            "--fixtures",
            fixture.dir().toString(),
            "--format",
            "gradescope",
            "--out",
            dir.resolve("results.json").toString());
    assertEquals(1, run.exitCode(), run.err());
    return run;
  }

  private static void assertUnseen(List<String> secrets, String seen) {
    for (String secret : secrets) {
      assertFalse(seen.toLowerCase().contains(secret.toLowerCase()), secret + " leaked:\n" + seen);
    }
  }

  /** What students see of {@code run}: results.json and the table. */
  private String studentsSee(CliRun run) throws IOException {
    return Files.readString(dir.resolve("results.json")) + run.out();
  }

  /** Sixteen JDK exceptions a lab never throws by mistake: one picked tells four bits. */
  private static final List<String> RARE =
      List.of(
          "java.util.ConcurrentModificationException",
          "java.util.EmptyStackException",
          "java.util.IllformedLocaleException",
          "java.util.InputMismatchException",
          "java.util.FormatterClosedException",
          "java.lang.ArrayStoreException",
          "java.lang.NegativeArraySizeException",
          "java.lang.IllegalMonitorStateException",
          "java.lang.IllegalCallerException",
          "java.nio.BufferOverflowException",
          "java.nio.ReadOnlyBufferException",
          "java.nio.InvalidMarkException",
          "java.util.concurrent.RejectedExecutionException",
          "java.util.concurrent.CancellationException",
          "java.lang.IllegalThreadStateException",
          "java.util.MissingResourceException");

  /**
   * Which JDK exception a student's code throws is the code's choice: on a hidden case, picked
   * among sixteen by four bits of the packet, its name would tell them. Only the few a lab's
   * mistakes throw are named there; this one is "another exception".
   */
  @Test
  void anExceptionPickedByAHiddenPacketsBitsIsNotNamed() throws Exception {
    Hidden fixture = hiddenFixture();
    StringBuilder pick = new StringBuilder("RuntimeException[] pick = {");
    for (String type : RARE) {
      pick.append("new ")
          .append(type)
          .append(type.endsWith("MissingResourceException") ? "(\"\", \"\", \"\")" : "()")
          .append(", ");
    }
    pick.append("};");
    Path labs =
        labs(
            SOLUTIONS,
            "picker",
            Map.of(
                DECODER,
                List.of(
                    "return (packet[0] & 0xff) >>> 6;",
                    "if ("
                        + IS_HIDDEN
                        + ") { "
                        + pick
                        + " throw pick[packet[43] & 0x0f]; } return (packet[0] & 0xff) >>> 6;")));
    String seen = studentsSee(gradedWithHidden(labs, fixture));
    assertUnseen(RARE, seen);
    assertTrue(seen.contains("field leap: your code threw another exception"), seen);
  }

  /**
   * The stack of what a student's code throws is the student's to write ({@code setStackTrace}): on
   * a hidden case, a frame whose method, file and line spell the packet shows none of it.
   */
  @Test
  void aThrownFrameThatSpellsAHiddenPacketIsNotShown() throws Exception {
    Hidden fixture = hiddenFixture();
    Path labs =
        labs(
            SOLUTIONS,
            "speller",
            Map.of(
                DECODER,
                List.of(
                    "return (packet[0] & 0xff) >>> 6;",
                    "if ("
                        + IS_HIDDEN
                        + ") { String hex = java.util.HexFormat.of().formatHex(packet);"
                        + " RuntimeException e = new IllegalStateException(); e.setStackTrace(new"
                        + " StackTraceElement[] {new StackTraceElement(\"org.ntplab.labs.decode.Decoder\","
                        + " \"x\" + hex, \"x\" + hex.substring(80) + \".java\", (packet[40] & 0xff) << 24"
                        + " | (packet[41] & 0xff) << 16 | (packet[42] & 0xff) << 8 | packet[43] & 0xff)});"
                        + " throw e; } return (packet[0] & 0xff) >>> 6;")));
    String seen = studentsSee(gradedWithHidden(labs, fixture));
    List<String> secrets = new ArrayList<>(fixture.secrets());
    secrets.add(Long.toString(0x5ec7e75eL)); // the line number it set
    assertUnseen(secrets, seen);
    assertTrue(seen.contains("a hidden fixture, field leap: your code threw"), seen);
  }

  /**
   * A student's code may keep what a hidden case passed it and give it back on a published case,
   * whose answer and exception are shown in full: kept in a field, answered later as a reference id
   * and thrown later as a message. Neither shows it.
   */
  @Test
  void aHiddenPacketKeptForALaterPublishedCaseIsNotShown() throws Exception {
    Hidden fixture = hiddenFixture();
    Path labs =
        labs(
            SOLUTIONS,
            "keeper",
            Map.of(
                DECODER,
                List.of(
                    CLASS_LINE,
                    CLASS_LINE + "\n  static String kept;",
                    "return packet[0] & 7;",
                    "if ("
                        + IS_HIDDEN
                        + ") kept = java.util.HexFormat.of().formatHex(packet); return packet[0] & 7;",
                    "return packet[2]; // a Java byte is already signed",
                    "if (kept != null) throw new IllegalStateException(kept); return packet[2];",
                    REFERENCE_ID,
                    REFERENCE_ID + "\n    if (kept != null) return kept;")));
    String seen = studentsSee(gradedWithHidden(labs, fixture));
    assertUnseen(fixture.secrets(), seen);
    // The fields that answered honestly on every case are not penalised for the attack.
    assertTrue(seen.contains("lab2 decode: stratum"), seen);
  }

  /**
   * Links in a labs folder: to a file of the grader's machine (the harness reads lab 0's script and
   * compiles the sources, as root on Gradescope) and to another student's solved lab. The harness
   * grades a copy that has no links: it reads neither, and the borrowed lab scores 0.
   */
  @Test
  void linksInALabsFolderReadNothingOfAnyoneElses() throws Exception {
    Path secret =
        Files.writeString(
            Files.createDirectories(dir.resolve("secrets")).resolve("shadow"),
            "root:$6$s3cr3t-hash:19000:0:99999:7:::\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Path alice = labs(SOLUTIONS, "alice", Map.of());
    Path labs = labs(STUBS, "linker", Map.of());
    Files.delete(labs.resolve("00-warmup/answers.jsh"));
    Files.createSymbolicLink(labs.resolve("00-warmup/answers.jsh"), secret);
    Files.delete(labs.resolve(DECODER));
    Files.createSymbolicLink(labs.resolve(DECODER), alice.resolve(DECODER).toAbsolutePath());
    try (Stream<Path> files = Files.list(labs.resolve("04-offset-delay"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(labs.resolve("04-offset-delay"));
    Files.createSymbolicLink(
        labs.resolve("04-offset-delay"), alice.resolve("04-offset-delay").toAbsolutePath());
    CliRun run = gradeJson(labs, 0);
    Path report = dir.resolve("report.json");
    assertEquals(1, run.exitCode(), run.err());
    String seen = Files.readString(report) + run.out() + run.err();
    assertFalse(seen.contains("s3cr3t"), seen);
    assertTrue(seen.contains("answers.jsh not found"), seen);
    for (String lab : List.of("2", "4")) {
      Path results = dir.resolve("results-" + lab + ".json");
      CliRun borrowed =
          CliRun.of(
              "grade",
              "--labs",
              labs.toString(),
              "--lab",
              lab,
              "--format",
              "gradescope",
              "--out",
              results.toString());
      assertEquals(1, borrowed.exitCode(), borrowed.err());
      assertEquals(
          0, json(results).get("score").asInt(), "lab " + lab + " was graded through a link");
    }
  }

  @Test
  void withoutTheWallsAGradeOthersRelyOnSaysSo() throws Exception {
    System.setProperty("ntplab.sandbox", "none");
    Path labs = labs(SOLUTIONS, "solved", Map.of());
    CliRun run =
        CliRun.of(
            "grade",
            "--labs",
            labs.toString(),
            "--lab",
            "4",
            "--format",
            "gradescope",
            "--out",
            dir.resolve("results.json").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        1,
        run.err()
            .lines()
            .filter(
                l ->
                    l.contains("warning: untrusted code is being graded without OS" + " isolation"))
            .count(),
        run.err());
  }

  // ---- attacks on the walls: root and bubblewrap ----------------------------------------

  @Test
  void aDishonestLabReachesNothingOutsideItsSandbox() throws Exception {
    assumeWalls();
    Path secret =
        Files.writeString(
            Files.createDirectories(dir.resolve("secrets")).resolve("key.txt"), "s3cr3t");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    Path hidden = Files.createDirectories(dir.resolve("hidden"));
    Files.writeString(
        hidden.resolve("instructor-1.json"),
        Files.readString(Path.of("fixtures/replies/chrony-client-1-2.json"))
            .replace("chrony-client-1-2", "instructor-1"));
    // A folder anyone may write: only the walls keep the attack out of it.
    Path canary = Files.createDirectories(dir.resolve("canary"));
    Files.setPosixFilePermissions(canary, PosixFilePermissions.fromString("rwxrwxrwx"));
    String mark = "313." + ProcessHandle.current().pid();
    try (ServerSocket harnessPort =
        new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<Path> read =
          List.of(
              Path.of("fixtures").toAbsolutePath(),
              Path.of("pom.xml").toAbsolutePath(),
              secret,
              hidden,
              graderCode(),
              Path.of("/etc/passwd"),
              Path.of("/root"),
              dir);
      List<Path> write =
          List.of(
              canary.resolve("pwned"),
              graderCode().resolve("pwned"),
              Path.of("labs/pwned").toAbsolutePath());
      Path labs =
          labs(
              SOLUTIONS,
              "mallory",
              Map.of(DECODER, attack(read, write, victim(), harnessPort.getLocalPort(), mark)));
      Path report = dir.resolve("report.json");
      CliRun run =
          CliRun.of(
              "grade",
              "--labs",
              labs.toString(),
              "--lab",
              "2",
              "--fixtures",
              hidden.toString(),
              "--format",
              "json",
              "--out",
              report.toString());
      assertEquals(1, run.exitCode(), run.err());
      assertEquals("", seen(json(report)), "the attack got through");
      assertEquals(
          "passed",
          result(json(report), "lab2 decode: stratum").get("outcome").get("status").asText());
    }
    try (Stream<Path> inside = Files.list(canary)) {
      assertEquals(List.of(), inside.toList());
    }
    assertFalse(Files.exists(Path.of("labs/pwned")));
    assertTrue(victims.get(0).isAlive(), "the victim was killed");
    assertEquals(List.of(), survivors(mark), "processes the attack started outlived its grading");
  }

  /**
   * In a batch, one submission against the others, the grades and the grader: it rewrites another
   * student's hand-in, the grades files (now, and from a process meant to outlive the batch) and
   * the grader's code. Nothing changes but its own grade.
   */
  @Test
  void aSubmissionCannotReachAnotherTheGradesOrTheGrader() throws Exception {
    assumeWalls();
    Path handins = Files.createDirectories(dir.resolve("handins"));
    Files.move(labs(SOLUTIONS, "alice", Map.of()), handins.resolve("alice"));
    Path out = dir.resolve("grades");
    Path alicesDecoder = handins.resolve("alice").resolve(DECODER);
    String alicesCode = Files.readString(alicesDecoder);
    String mark = "314." + ProcessHandle.current().pid();
    List<Path> write =
        List.of(
            alicesDecoder,
            out.resolve("grades.csv"),
            out.resolve("grades.json"),
            out.resolve("work/alice/output.log"),
            graderCode().resolve("org/ntplab/grading/Grader.class"));
    List<String> edits = new ArrayList<>(attack(List.of(handins), write, victim(), 9, mark));
    // And a process meant to rewrite the grades after the batch.
    edits.set(
        1,
        edits
            .get(1)
            .replace(
                "return \"<<\" + seen + \">>\";",
                "try { new ProcessBuilder(\"/usr/bin/setsid\", \"/bin/sh\", \"-c\", \"sleep 2; echo pwned > "
                    + out.resolve("grades.csv")
                    + "\").start(); } catch (Throwable e) { }\n    return \"<<\" + seen + \">>\";"));
    Files.move(labs(SOLUTIONS, "mallory", Map.of(DECODER, edits)), handins.resolve("mallory"));
    GraderFingerprint before = GraderFingerprint.current();

    CliRun run =
        CliRun.of(
            "grade", "--submissions", handins.toString(), "--lab", "2", "--out", out.toString());
    assertEquals(0, run.exitCode(), run.out() + run.err());
    Thread.sleep(3_000); // past the time the left-behind process meant to write
    String csv = Files.readString(out.resolve("grades.csv"));
    assertFalse(csv.contains("pwned"), csv);
    List<String> rows = csv.lines().toList();
    assertTrue(rows.get(1).startsWith("alice,30,30,30"), csv);
    assertTrue(rows.get(2).startsWith("mallory,25,"), csv);
    assertEquals("", seen(json(out.resolve("grades.json")).get("submissions").get("mallory")));
    assertEquals(alicesCode, Files.readString(alicesDecoder));
    assertEquals(List.of(), GraderFingerprint.current().changedSince(before).stream().toList());
    assertEquals(List.of(), survivors(mark));
    assertTrue(victims.get(0).isAlive());
  }
}
