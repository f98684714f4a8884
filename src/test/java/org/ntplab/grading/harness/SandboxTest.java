package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.harness.Sandbox.Walls;
import org.ntplab.testing.SystemProperty;

/**
 * The walls, tested by attacking them: a small program (Attack) tries what a hostile student's code
 * would, behind {@link Sandbox#wrap}, and the test checks what it printed and what happened on the
 * host.
 */
class SandboxTest {

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /**
   * Each argument is one attack, {@code name} or {@code name=a,b,...}; each prints what it got, one
   * line per try. It never throws: a failed attack is a line saying so.
   */
  private static final String ATTACK =
      """
      import java.io.*;
      import java.net.*;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.*;
      import java.security.SecureRandom;
      import java.util.*;

      public class Attack {
        public static void main(String[] args) throws Exception {
          for (String arg : args) {
            String[] a = arg.contains("=") ? arg.split("=", 2)[1].split(",") : new String[0];
            switch (arg.split("=", 2)[0]) {
              case "read" -> { for (String p : a) read(p); }
              case "write" -> { for (String p : a) write(p); }
              case "tcp" -> { for (int i = 1; i < a.length; i++) tcp(a[i], Integer.parseInt(a[0])); }
              case "udp" -> { for (int i = 1; i < a.length; i++) udp(a[i], Integer.parseInt(a[0])); }
              case "proc" -> {
                for (Path p : processes()) say("PID " + p.getFileName() + " " + text(p.resolve("cmdline")));
              }
              case "environ" -> {
                say("ENV " + System.getenv());
                for (Path p : processes()) say("ENVIRON " + p.getFileName() + " " + text(p.resolve("environ")));
              }
              case "status" -> {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                  if (line.matches("(Uid|Gid|Groups|Cap...|NoNewPrivs):.*")) say(line.replaceAll("\\\\s+", " "));
                }
              }
              case "signal" -> {
                for (String pid : a) say("KILL " + pid + " exit " + run("/bin/kill", "-9", pid));
              }
              case "kill" -> {
                for (String pid : a) {
                  Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid));
                  say("HANDLE " + pid + " " + process.map(h -> h.destroyForcibly()).orElse(null));
                  say("KILL " + pid + " exit " + run("/bin/kill", "-9", pid));
                }
                // Every process it may signal: last, as that may include the sandbox's own bwrap.
                say("KILL -1");
                run("/bin/kill", "-9", "--", "-1");
              }
              case "spawn" -> {
                start("/bin/sleep", a[0]);
                start("/usr/bin/setsid", "/bin/sleep", a[0]);
                start("/bin/sh", "-c", "/bin/sleep " + a[0] + " &");
                Thread.sleep(300);
                say("SPAWNED");
              }
              case "hang" -> { say("HANGING"); Thread.sleep(Long.MAX_VALUE); }
              case "userns" -> say("UNSHARE exit " + run("/usr/bin/unshare", "-U", "-r", "/bin/true"));
              case "threads" -> threads();
              case "devices" -> devices();
              case "echo" -> {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null; ) say("echo: " + line);
              }
              case "exit" -> {
                System.err.println("bye on stderr");
                Runtime.getRuntime().halt(Integer.parseInt(a[0]));
              }
              default -> say("UNKNOWN " + arg);
            }
          }
          Runtime.getRuntime().halt(0);
        }

        static void read(String path) {
          try { Files.readAllBytes(Path.of(path)); say("READ " + path); }
          catch (Exception e) { say("DENIED " + path + " " + e); }
        }

        static void write(String path) {
          try { Files.writeString(Path.of(path), "owned"); say("WROTE " + path); }
          catch (Exception e) { say("DENIED " + path + " " + e); }
        }

        static void tcp(String host, int port) {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.getOutputStream().write("ESCAPED".getBytes());
            say("CONNECTED " + host);
          } catch (Exception e) { say("NO TCP " + host + " " + e); }
        }

        static void udp(String host, int port) {
          try (DatagramSocket s = new DatagramSocket()) {
            byte[] b = "ESCAPED".getBytes();
            s.send(new DatagramPacket(b, b.length, new InetSocketAddress(host, port)));
            say("SENT " + host);
          } catch (Exception e) { say("NO UDP " + host + " " + e); }
        }

        static List<Path> processes() throws IOException {
          try (var all = Files.list(Path.of("/proc"))) {
            return all.filter(p -> p.getFileName().toString().matches("\\\\d+")).toList();
          }
        }

        static void threads() {
          int n = 0;
          try {
            for (; n < 4000; n++) {
              Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } });
              t.setDaemon(true);
              t.start();
            }
          } catch (Throwable e) { say("THREAD LIMIT " + e); }
          say("THREADS " + n);
        }

        static void devices() {
          for (String p : List.of("/dev/null", "/dev/zero", "/dev/urandom")) {
            try (var in = new FileInputStream(p)) { in.read(); say("OPENED " + p); }
            catch (Exception e) { say("NO " + p + " " + e); }
          }
          try { say("RANDOM " + SecureRandom.getInstanceStrong().nextInt(1)); }
          catch (Exception e) { say("NO RANDOM " + e); }
        }

        static void say(String line) { System.out.println(line); System.out.flush(); }

        static String text(Path p) {
          try { return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace('\\0', ' '); }
          catch (Exception e) { return "DENIED " + e; }
        }

        static int run(String... command) {
          try { return quiet(command).start().waitFor(); }
          catch (Exception e) { return -1; }
        }

        static void start(String... command) {
          try { quiet(command).start(); }
          catch (Exception e) { say("COULD NOT START " + Arrays.toString(command) + " " + e); }
        }

        static ProcessBuilder quiet(String... command) {
          return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
      }
      """;

  /**
   * An ordinary user's harness, to try the NAMESPACES walls from a root test: it wraps Attack with
   * what {@link Sandbox#detect} found for it, prints the walls, then passes Attack's output and
   * exit status on.
   */
  private static final String HARNESS =
      """
      import java.nio.file.Path;
      import java.util.*;
      import org.ntplab.grading.harness.Sandbox;

      public class Harness {
        public static void main(String[] args) throws Exception {
          Sandbox sandbox = Sandbox.detect();
          System.out.println("WALLS " + sandbox.walls());
          List<String> command = new ArrayList<>(List.of(args[0], "-cp", args[1], "Attack"));
          command.addAll(List.of(args).subList(2, args.length));
          Process attack = new ProcessBuilder(sandbox.wrap(command, List.of(Path.of(args[1]))))
              .redirectErrorStream(true).start();
          attack.getInputStream().transferTo(System.out);
          System.exit(attack.waitFor());
        }
      }
      """;

  /** The compiled Attack, and a copy of Sandbox for the Harness: shown to the code read-only. */
  @TempDir static Path classes;

  @TempDir static Path sources;

  /** Where the test keeps things the code must not see. */
  @TempDir Path host;

  @BeforeAll
  static void compileTheAttack() throws Exception {
    Files.writeString(sources.resolve("Attack.java"), ATTACK);
    Files.writeString(sources.resolve("Harness.java"), HARNESS);
    Path sandboxClasses =
        Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                sandboxClasses.toString(),
                sources.resolve("Attack.java").toString(),
                sources.resolve("Harness.java").toString());
    assertEquals(0, status, "Attack and Harness compile");
    Path harness = Files.createDirectories(classes.resolve("org/ntplab/grading/harness"));
    try (Stream<Path> files = Files.list(sandboxClasses.resolve("org/ntplab/grading/harness"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("Sandbox")).toList()) {
        Files.copy(file, harness.resolve(file.getFileName()));
      }
    }
    // JUnit makes its folders 0700; under FULL the code runs as nobody, who must read its classes.
    openToOthers(classes);
  }

  private static void openToOthers(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.toList()) {
        Files.setPosixFilePermissions(
            path,
            PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
  }

  private static void assumeWalls() {
    assumeTrue(
        Sandbox.detect().walls() == Walls.FULL,
        "needs root and bubblewrap: the walls are tested in CI, which runs as root (here: "
            + Sandbox.detect().describe()
            + ")");
  }

  private record Ran(int status, String output) {
    List<String> lines(String prefix) {
      return output.lines().filter(line -> line.startsWith(prefix)).toList();
    }
  }

  private static Ran attack(String... attacks) {
    return attack(Map.of(), "", attacks);
  }

  /**
   * Runs Attack behind the walls, with {@code environment} added to the harness's and {@code input}
   * on stdin.
   */
  private static Ran attack(Map<String, String> environment, String input, String... attacks) {
    return attack(List.of(classes), environment, input, attacks);
  }

  private static Ran attack(
      List<Path> readOnly, Map<String, String> environment, String input, String... attacks) {
    return attackBehind(Sandbox.detect(), readOnly, environment, input, attacks);
  }

  private static Ran attackBehind(
      Sandbox walls,
      List<Path> readOnly,
      Map<String, String> environment,
      String input,
      String... attacks) {
    List<String> command = new ArrayList<>(List.of(JAVA, "-cp", classes.toString(), "Attack"));
    command.addAll(List.of(attacks));
    return run(walls.wrap(command, readOnly), environment, input);
  }

  /** The USER walls, where this machine has them: root, setpriv and prlimit. */
  private static Sandbox userWalls() {
    Optional<Sandbox> user = Sandbox.userOnly("a test of the walls without bubblewrap");
    assumeTrue(user.isPresent(), "needs root, setpriv and prlimit: CI runs as root");
    return user.get();
  }

  private static Ran run(List<String> command, Map<String, String> environment, String input) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
          builder.environment().putAll(environment);
          Process process = builder.start();
          try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
          }
          String output =
              new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          return new Ran(process.waitFor(), output);
        });
  }

  // Everywhere

  @Test
  void noneLeavesTheCommandAloneAndSaysSo() {
    List<String> command = List.of(JAVA, "-cp", "/somewhere", "Main", "an argument");
    Sandbox none = Sandbox.none();
    assertEquals(Walls.NONE, none.walls());
    assertEquals(command, none.wrap(command, List.of(Path.of("/somewhere"))));
    assertTrue(
        none.describe().startsWith("untrusted code is being graded without OS isolation: "),
        none.describe());
    assertOneLine(none.describe());
  }

  @Test
  void thePropertyTurnsTheWallsOff() throws Throwable {
    SystemProperty.with(
        "ntplab.sandbox",
        "none",
        () -> {
          Sandbox sandbox = Sandbox.detect();
          assertEquals(Walls.NONE, sandbox.walls());
          assertTrue(sandbox.describe().contains("ntplab.sandbox=none"), sandbox.describe());
          assertEquals(List.of(JAVA, "Main"), sandbox.wrap(List.of(JAVA, "Main"), List.of()));
        });
    SystemProperty.with(
        "ntplab.sandbox",
        "off",
        () -> {
          IllegalArgumentException wrong =
              assertThrows(IllegalArgumentException.class, Sandbox::detect);
          assertTrue(
              wrong.getMessage().contains("the values are none and user"), wrong.getMessage());
        });
  }

  @Test
  void describesItselfInOneLineWhateverItFound() {
    Sandbox sandbox = Sandbox.detect();
    assertOneLine(sandbox.describe());
    assertEquals(
        sandbox.walls() == Walls.NONE,
        sandbox.describe().startsWith("untrusted code is being graded without OS isolation: "),
        sandbox.describe());
    assertTrue(Sandbox.detect() == Sandbox.detect(), "found once");
  }

  private static void assertOneLine(String text) {
    assertFalse(text.isBlank());
    assertFalse(text.contains("\n") || text.contains("\r"), text);
  }

  // As nobody, without namespaces (USER: root where bubblewrap cannot run, as in a container)

  @Test
  void withoutBubblewrapTheCodeStillRunsAsNobodyWithNoCapabilities() {
    Ran ran = attackBehind(userWalls(), List.of(classes), Map.of(), "", "status", "exit=0");
    assertTrue(ran.output().contains("Uid: 65534 65534 65534 65534"), ran.output());
    assertTrue(
        ran.output().contains("Groups: \n") || ran.output().contains("Groups:\n"), ran.output());
    assertTrue(ran.output().contains("CapEff: 0000000000000000"), ran.output());
    assertTrue(ran.output().contains("CapBnd: 0000000000000000"), ran.output());
    assertTrue(ran.output().contains("NoNewPrivs: 1"), ran.output());
  }

  /**
   * Without namespaces the code sees the host's files and processes: what keeps the grader's is
   * that they are root's. It reads no file closed to others (the hidden fixtures, once closed),
   * writes none of root's, signals none of root's processes, reads no environment but its own.
   */
  @Test
  void withoutBubblewrapTheCodeReachesNoneOfRootsFilesProcessesOrEnvironment() throws Exception {
    Sandbox walls = userWalls();
    Path open = Files.createDirectories(host.resolve("open"));
    Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwx--x--x"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path closed = Files.writeString(open.resolve("hidden.json"), "a hidden fixture");
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
    Path graders = Files.writeString(open.resolve("ntplab.jar"), "the grader");
    String token = "token-" + UUID.randomUUID();
    long harness = ProcessHandle.current().pid();
    Ran ran =
        attackBehind(
            walls,
            List.of(classes),
            Map.of("NTPLAB_TEST_SECRET", token),
            "",
            "read=" + closed,
            "write=" + graders + "," + open.resolve("results.json"),
            "environ",
            "signal=" + harness,
            "exit=0");
    assertEquals(List.of(), ran.lines("READ "), ran.output());
    assertEquals(List.of(), ran.lines("WROTE "), ran.output());
    assertEquals("the grader", Files.readString(graders));
    assertFalse(Files.exists(open.resolve("results.json")), ran.output());
    assertFalse(ran.output().contains(token), ran.output());
    assertTrue(ProcessHandle.current().isAlive());
    assertTrue(ran.output().contains("KILL " + harness + " exit 1"), ran.output());
  }

  @Test
  void withoutBubblewrapAForkBombMeetsALimit() {
    Ran ran = attackBehind(userWalls(), List.of(classes), Map.of(), "", "threads", "exit=0");
    int threads = Integer.parseInt(ran.lines("THREADS ").get(0).substring("THREADS ".length()));
    assertTrue(threads < 1024, ran.output());
  }

  @Test
  void withoutBubblewrapAClassFolderNobodyCannotReachIsRefusedInWords() throws IOException {
    Path shut = Files.createDirectories(host.resolve("shut").resolve("classes"));
    Files.setPosixFilePermissions(
        host.resolve("shut"), PosixFilePermissions.fromString("rwx------"));
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> userWalls().wrap(List.of(JAVA, "-version"), List.of(shut)));
    assertTrue(
        refused.getMessage().endsWith("who runs the student's code: chmod o+x"),
        refused.getMessage());
  }

  // Behind the walls (FULL: root and bubblewrap)

  @Test
  void aNormalProgramRunsTalksOverItsPipesAndItsExitStatusPassesThrough() {
    assumeWalls();
    Ran ran = attack(Map.of(), "first line\nsecond, with ünïcode\n", "echo", "devices", "exit=42");
    assertEquals(42, ran.status(), ran.output());
    assertEquals(
        "echo: first line\necho: second, with ünïcode\nOPENED /dev/null\nOPENED /dev/zero\n"
            + "OPENED /dev/urandom\nRANDOM 0\nbye on stderr\n",
        ran.output());
    assertEquals(0, attack().status());
  }

  @Test
  void aHarnessCanHoldAConversationWithIt() throws Exception {
    assumeWalls();
    List<String> command = List.of(JAVA, "-cp", classes.toString(), "Attack", "echo", "exit=7");
    Process process = new ProcessBuilder(Sandbox.detect().wrap(command, List.of(classes))).start();
    try (var to = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        var from =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            for (int i = 0; i < 5; i++) {
              to.println("request " + i);
              assertEquals(
                  "echo: request " + i, from.readLine(), "each answer before the next question");
            }
          });
    }
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "exits once its input ends");
    assertEquals(7, process.exitValue());
  }

  @Test
  void theCommandHasEveryWall() throws IOException {
    assumeWalls();
    List<String> command =
        Sandbox.detect()
            .wrap(List.of(JAVA, "-cp", classes.toString(), "Attack", "x y"), List.of(classes));
    assertEquals(List.of("/usr/bin/env", "-i"), command.subList(0, 2));
    assertTrue(command.get(2).endsWith("/bwrap"), command.toString());
    assertTrue(
        command.containsAll(
            List.of(
                "--unshare-pid",
                "--unshare-net",
                "--unshare-ipc",
                "--die-with-parent",
                "--new-session",
                "--clearenv",
                "--reuid=65534",
                "--no-new-privs",
                "--nproc=1024")),
        command.toString());
    assertFalse(command.contains("--share-net"), command.toString());
    String joined = String.join(" ", command);
    assertTrue(joined.contains("--ro-bind " + classes + " " + classes), joined);
    assertTrue(joined.contains("--perms 1777 --size 67108864 --tmpfs /tmp"), joined);
    assertTrue(
        joined.endsWith(" -- " + Path.of(JAVA).toRealPath() + " -cp " + classes + " Attack x y"),
        joined);
    assertEquals("x y", command.get(command.size() - 1));
  }

  @Test
  void secretsOutsideTheReadOnlyListCannotBeRead() throws IOException {
    assumeWalls();
    Path secret = Files.writeString(host.resolve("secret.txt"), "the answers");
    openToOthers(host); // so that only the walls stand in the way, not the file's mode
    Path pom = Path.of("pom.xml").toAbsolutePath();
    Path fixture;
    try (Stream<Path> fixtures = Files.walk(Path.of("fixtures"))) {
      fixture = fixtures.filter(Files::isRegularFile).findFirst().orElseThrow().toAbsolutePath();
    }
    List<String> targets =
        List.of(
            secret.toString(),
            pom.toString(),
            fixture.toString(),
            "/etc/passwd",
            "/etc/hostname",
            "/root/.bash_history",
            System.getProperty("user.home") + "/.m2/settings.xml",
            "/proc/1/environ");
    Ran ran = attack("read=" + String.join(",", targets) + "," + classes.resolve("Attack.class"));
    assertEquals(
        List.of("READ " + classes.resolve("Attack.class")), ran.lines("READ "), ran.output());
    assertEquals(targets.size(), ran.lines("DENIED ").size(), ran.output());
    for (String target :
        List.of(secret.toString(), pom.toString(), fixture.toString(), "/etc/passwd")) {
      assertTrue(
          ran.output().contains("DENIED " + target + " java.nio.file.NoSuchFileException"),
          "not even visible: " + target + "\n" + ran.output());
    }
  }

  @Test
  void onlyTheScratchTmpIsWritableAndItStaysInside() throws IOException {
    assumeWalls();
    String name = "sandbox-scratch-" + UUID.randomUUID();
    Path intoClasses = classes.resolve("Planted.class");
    Path intoProject = Path.of("planted-by-a-student.txt").toAbsolutePath();
    Path intoHostFolder = host.resolve("planted.txt");
    // Open to all on the host, shown read-only: only the mount stands in the way, not the folder's
    // mode.
    Path open = Files.createDirectories(host.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path intoOpen = open.resolve("planted.txt");
    List<String> refused =
        List.of(
            intoClasses.toString(),
            intoOpen.toString(),
            "/usr/planted",
            "/usr/lib/planted",
            intoProject.toString(),
            intoHostFolder.toString(),
            "/etc/planted",
            "/planted",
            "/proc/sys/kernel/hostname",
            "/dev/planted");
    Ran ran =
        attack(
            List.of(classes, open),
            Map.of(),
            "",
            "write=" + String.join(",", refused) + ",/tmp/" + name);
    assertTrue(
        ran.output()
            .contains(
                "DENIED "
                    + intoOpen
                    + " java.nio.file.FileSystemException: "
                    + intoOpen
                    + ": Read-only file system"),
        ran.output());
    assertEquals(List.of("WROTE /tmp/" + name), ran.lines("WROTE "), ran.output());
    assertEquals(refused.size(), ran.lines("DENIED ").size(), ran.output());
    for (Path path :
        List.of(
            intoClasses,
            intoOpen,
            Path.of("/usr/planted"),
            intoProject,
            intoHostFolder,
            Path.of("/tmp", name))) {
      assertFalse(Files.exists(path), path + " appeared on the host");
    }
  }

  @Test
  void theScratchTmpIsCapped() {
    assumeWalls();
    Ran filled =
        run(
            Sandbox.detect()
                .wrap(
                    List.of("/usr/bin/dd", "if=/dev/zero", "of=/tmp/fill", "bs=1M", "count=200"),
                    List.of()),
            Map.of(),
            "");
    assertTrue(
        filled.status() != 0 && filled.output().contains("No space left on device"),
        filled.output());
  }

  @Test
  void theHostsLoopbackAndNetworkAreOutOfReach() throws IOException {
    assumeWalls();
    try (ServerSocket tcp = new ServerSocket(0, 50, null);
        DatagramSocket udp = new DatagramSocket(0)) {
      List<String> addresses = new ArrayList<>(List.of("127.0.0.1", "1.1.1.1"));
      for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
        nic.inetAddresses()
            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .map(InetAddress::getHostAddress)
            .forEach(addresses::add);
      }
      String targets = String.join(",", addresses);
      Ran ran =
          attack(
              "tcp=" + tcp.getLocalPort() + "," + targets,
              "udp=" + udp.getLocalPort() + "," + targets);
      assertEquals(List.of(), ran.lines("CONNECTED "), ran.output());
      assertEquals(addresses.size(), ran.lines("NO TCP ").size(), ran.output());
      // A datagram to its own loopback leaves; to anywhere else there is no route.
      assertEquals(List.of("SENT 127.0.0.1"), ran.lines("SENT "), ran.output());
      tcp.setSoTimeout(500);
      assertThrows(SocketTimeoutException.class, tcp::accept, "a connection reached the host");
      udp.setSoTimeout(500);
      assertThrows(
          SocketTimeoutException.class,
          () -> udp.receive(new DatagramPacket(new byte[64], 64)),
          "a datagram reached the host");
    }
  }

  @Test
  void seesOnlyItsOwnProcessesAndCanSignalNoneOfTheHosts() throws Exception {
    assumeWalls();
    // A victim of the same uid as the code: only the PID namespace protects it.
    Process victim =
        new ProcessBuilder(
                "/usr/bin/setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "/bin/sleep",
                "300")
            .start();
    try {
      long me = ProcessHandle.current().pid();
      Ran ran = attack("proc", "kill=" + me + "," + victim.pid());
      List<String> seen = ran.lines("PID ");
      assertTrue(!seen.isEmpty() && seen.size() <= 5, ran.output());
      for (String process : seen) {
        assertTrue(
            process.contains("bwrap") || process.contains("Attack") || process.contains("setpriv"),
            "a host process is visible: " + process);
      }
      assertTrue(ran.output().contains("HANDLE " + me + " null"), ran.output());
      assertTrue(ran.output().contains("HANDLE " + victim.pid() + " null"), ran.output());
      Thread.sleep(300);
      assertTrue(victim.isAlive(), "the code killed a host process of its uid");
    } finally {
      victim.destroyForcibly();
    }
  }

  @Test
  void nothingItStartsOutlivesIt() throws Exception {
    assumeWalls();
    String seconds = Integer.toString(300_000 + ThreadLocalRandom.current().nextInt(100_000));
    Ran ran = attack("spawn=" + seconds);
    assertEquals(List.of("SPAWNED"), ran.lines("SPAWNED"), ran.output());
    assertEquals(List.of(), ran.lines("COULD NOT"), ran.output());
    assertGone(seconds);
  }

  @Test
  void killingTheWrappedProcessKillsEverythingItStarted() throws Exception {
    assumeWalls();
    String seconds = Integer.toString(300_000 + ThreadLocalRandom.current().nextInt(100_000));
    List<String> command =
        new ArrayList<>(
            List.of(JAVA, "-cp", classes.toString(), "Attack", "spawn=" + seconds, "hang"));
    Process process =
        new ProcessBuilder(Sandbox.detect().wrap(command, List.of(classes)))
            .redirectErrorStream(true)
            .start();
    try {
      var out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      assertTimeoutPreemptively(
          Duration.ofSeconds(30),
          () -> {
            for (String line; !"HANGING".equals(line = out.readLine()); ) {
              assertTrue(line != null, "ended before hanging");
            }
          });
      assertEquals(3, sleepers(seconds).size(), "the check sees the sleepers while they live");
    } finally {
      process.destroyForcibly(); // what a harness does on timeout
    }
    assertGone(seconds);
  }

  private static List<ProcessHandle> sleepers(String seconds) {
    // Java names a process by the real path of its program: /usr/bin/sleep on merged-/usr.
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info().command().orElse("").endsWith("/sleep")
                    && List.of(seconds).equals(List.of(p.info().arguments().orElse(new String[0]))))
        .toList();
  }

  private static void assertGone(String seconds) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!sleepers(seconds).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    List<ProcessHandle> left = sleepers(seconds);
    left.forEach(ProcessHandle::destroyForcibly);
    assertEquals(
        List.of(),
        left.stream().map(p -> p.info().commandLine().orElse("?")).toList(),
        "left on the host");
  }

  @Test
  void runsAsNobodyWithNoCapabilitiesAndNoWayToGainAny() {
    assumeWalls();
    Ran ran = attack("status", "userns");
    Map<String, String> status =
        ran.output()
            .lines()
            .filter(line -> line.contains(": ") || line.endsWith(":"))
            .collect(
                Collectors.toMap(
                    line -> line.split(":", 2)[0], line -> line.split(":", 2)[1].strip()));
    assertEquals("65534 65534 65534 65534", status.get("Uid"), ran.output());
    assertEquals("65534 65534 65534 65534", status.get("Gid"), ran.output());
    assertEquals("", status.get("Groups"), ran.output());
    for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")) {
      assertEquals("0000000000000000", status.get(set), set + "\n" + ran.output());
    }
    assertEquals("1", status.get("NoNewPrivs"), "setuid programs in /usr give nothing");
    assertFalse(
        ran.output().contains("UNSHARE exit 0"),
        "made a user namespace, where it would be root\n" + ran.output());
  }

  @Test
  void theHarnesssEnvironmentDoesNotLeakIn() {
    assumeWalls();
    String token = "token-" + UUID.randomUUID();
    Ran ran = attack(Map.of("NTPLAB_TEST_SECRET", token), "", "environ");
    assertFalse(ran.output().contains(token), ran.output());
    String env = ran.lines("ENV ").get(0);
    // bwrap adds PWD, for --chdir.
    for (String expected : List.of("PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", "PWD=/tmp")) {
      assertTrue(env.contains(expected), env);
    }
    assertEquals(4, env.split(", ").length, env);
  }

  @Test
  void aForkBombMeetsALimit() {
    assumeWalls();
    Ran ran = attack("threads", "exit=0");
    int threads = Integer.parseInt(ran.lines("THREADS ").get(0).substring("THREADS ".length()));
    assertTrue(threads < 1024, ran.output());
    assertEquals(1, ran.lines("THREAD LIMIT ").size(), ran.output());
  }

  @Test
  void anOrdinaryUsersHarnessGetsTheNamespaceWalls() throws IOException {
    assumeWalls();
    String token = "token-" + UUID.randomUUID();
    Path secret = Files.writeString(host.resolve("secret.txt"), "the answers");
    openToOthers(
        host); // nobody, the ordinary user here, may read it on the host: only the walls stand in
    // the way
    try (ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // -XX:-UsePerfData: this JVM runs on the host, where it would leave /tmp/hsperfdata_nobody
      // behind.
      List<String> command =
          List.of(
              "/usr/bin/setpriv",
              "--reuid=65534",
              "--regid=65534",
              "--clear-groups",
              JAVA,
              "-XX:-UsePerfData",
              "-cp",
              classes.toString(),
              "Harness",
              JAVA,
              classes.toString(),
              "status",
              "userns",
              "environ",
              "proc",
              "read=" + secret + "," + classes.resolve("Attack.class"),
              "tcp=" + tcp.getLocalPort() + ",127.0.0.1");
      Ran ran = run(command, Map.of("NTPLAB_TEST_SECRET", token), "");
      assumeTrue(
          ran.output().startsWith("WALLS NAMESPACES"),
          "user namespaces are not allowed here: " + ran.output());
      assertTrue(ran.output().contains("Uid: 65534 65534 65534 65534"), ran.output());
      assertTrue(ran.output().contains("CapEff: 0000000000000000"), ran.output());
      assertTrue(ran.output().contains("CapBnd: 0000000000000000"), ran.output());
      assertFalse(ran.output().contains("UNSHARE exit 0"), ran.output());
      assertFalse(ran.output().contains(token), ran.output());
      assertTrue(
          ran.output().contains("DENIED " + secret + " java.nio.file.NoSuchFileException"),
          ran.output());
      assertTrue(ran.output().contains("READ " + classes.resolve("Attack.class")), ran.output());
      assertTrue(ran.lines("PID ").size() <= 5, ran.output());
      assertEquals(List.of(), ran.lines("CONNECTED "), ran.output());
      assertEquals(0, ran.status(), ran.output());
    }
  }

  @Test
  void aReadOnlyPathThatIsMissingOrClosedToNobodyIsRefusedInWords() throws IOException {
    assumeWalls();
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> Sandbox.detect().wrap(List.of(JAVA, "Main"), List.of(host.resolve("missing"))));
    assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwx------"));
    IllegalArgumentException closed =
        assertThrows(
            IllegalArgumentException.class,
            () -> Sandbox.detect().wrap(List.of(JAVA, "Main"), List.of(host)));
    assertTrue(closed.getMessage().contains("chmod o+rX"), closed.getMessage());
  }
}
