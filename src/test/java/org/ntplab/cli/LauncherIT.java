package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.testing.TestCertificates;

/**
 * The program as users run it, after {@code mvn package}: {@code ./ntplab}, target/ntplab.jar with
 * ntplab's own classes, and its libraries beside it in target/lib. Runs in every {@code mvn verify}
 * (failsafe), needing only bash and a JDK.
 */
class LauncherIT {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path JAR = ROOT.resolve("target/ntplab.jar");
  private static final String NTS = "lib/ntplab-nts.jar";

  record Run(int exit, String out, String err) {}

  private static Run launcher(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("ntplab").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().putAll(env);
    Path out = Files.createTempFile("launcher", ".out");
    Path err = Files.createTempFile("launcher", ".err");
    Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    int exit = p.waitFor();
    Run run =
        new Run(
            exit,
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    assertFalse(run.err.contains("building"), "the jar was built by mvn package: " + run.err);
    return run;
  }

  @Test
  void theJarHoldsNtplabsOwnClassesAndNamesEveryLibraryItNeeds() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> foreign = new ArrayList<>();
      for (JarEntry e : Collections.list(jar.entries())) {
        if (e.getName().endsWith(".class") && !e.getName().startsWith("org/ntplab/")) {
          foreign.add(e.getName());
        }
      }
      assertEquals(List.of(), foreign, "classes of a library inside target/ntplab.jar");
      String classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      List<String> libraries = List.of(classPath.trim().split("\\s+"));
      // picocli first: a class not in the jar is looked for in each library in turn.
      assertEquals("lib/picocli.jar", libraries.get(0), libraries.toString());
      // The Class-Path is written by hand in pom.xml: it must name every jar the build puts in
      // target/lib, or a new library would be missing when a command needs it.
      List<String> built;
      try (Stream<Path> files = Files.list(JAR.resolveSibling("lib"))) {
        built = files.map(f -> "lib/" + f.getFileName()).sorted().toList();
      }
      assertEquals(built, libraries.stream().sorted().toList(), "Class-Path against target/lib");
      assertTrue(built.containsAll(List.of("lib/jackson-databind.jar", NTS)), built.toString());
    }
  }

  @Test
  void ntsLibrariesAreOneJarWithoutSignatures() throws IOException {
    // The JDK checks a signed jar's signature and every class's digest as it loads them: 130 ms
    // of a cold inspect --nts for Bouncy Castle's jars.
    try (JarFile jar = new JarFile(JAR.resolveSibling(NTS).toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
      assertTrue(names.contains("org/bouncycastle/tls/TlsClientProtocol.class"));
      assertTrue(names.contains("com/google/crypto/tink/subtle/AesSiv.class"));
      assertEquals(
          List.of(),
          names.stream().filter(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")).toList());
      assertEquals(
          List.of(), names.stream().filter(n -> n.startsWith("org/ntplab/")).toList(), "ours");
    }
  }

  @Test
  @Timeout(60) // a server that never says it serves must not hold the build
  void anNtsExchangeBetweenTwoLaunchedProgramsVerifies(@TempDir Path dir) throws Exception {
    TestCertificates.Issued localhost =
        TestCertificates.selfSigned("localhost", "DNS:localhost", "IP:127.0.0.1");
    Path cert = Files.writeString(dir.resolve("server.crt"), localhost.certificatePem());
    Path key = Files.writeString(dir.resolve("server.key"), localhost.privateKeyPem());
    int ke = freeTcpPort();
    Process serve =
        new ProcessBuilder(
                ROOT.resolve("ntplab").toString(),
                "serve",
                "--nts",
                "--cert=" + cert,
                "--key=" + key,
                "--port=" + freeUdpPort(),
                "--time-port=" + freeUdpPort(),
                "--ke-port=" + ke)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String first = lines.readLine();
      assertTrue(first != null && first.contains("NTS-KE on 127.0.0.1:" + ke), first);
      Run run =
          launcher(Map.of(), "inspect", "--nts", "127.0.0.1", "--ke-port=" + ke, "--ca=" + cert);
      assertEquals(0, run.exit, run.out + run.err);
      assertTrue(run.out.contains("authenticator verified with the S2C key"), run.out);
    } finally {
      serve.destroy();
      serve.waitFor();
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * With the launcher's archive, a plain inspect reads no class from a library's jar (what it needs
   * of picocli, and of Jackson for the verifier's checks, the archive holds) and searches no
   * service file: so it opens none of them.
   */
  @Test
  void aPlainInspectReadsNoLibraryJarAndSearchesNoServiceFile() throws Exception {
    Run run = launcher(Map.of("NTPLAB_JAVA_OPTS", "-Xlog:class+load"), "inspect", "--no-color");
    assertEquals(0, run.exit, run.err);
    assertTrue(run.out.contains("NTPv4 server packet"), run.out);
    List<String> loaded = run.out.lines().filter(l -> l.contains("[class,load]")).toList();
    assertTrue(loaded.size() > 500, "-Xlog:class+load lists what inspect loads");
    assertTrue(loaded.stream().anyMatch(l -> l.contains(" picocli.CommandLine ")), run.out);
    assertEquals(
        List.of(),
        loaded.stream().filter(l -> l.contains("/target/lib/")).toList(),
        "classes read from a library's jar");
    // The first socket asks for the platform's selector provider: named by the launcher, it is not
    // searched for in every library's META-INF/services.
    assertEquals(
        List.of(),
        loaded.stream().filter(l -> l.contains(" java.util.ServiceLoader")).toList(),
        "a service search at start");
  }

  /**
   * The class-data archive is a file in target/ that the grader's fingerprint does not cover, and
   * that a student's code run without walls could replace: grade takes none of ntplab's classes, or
   * its libraries', from it.
   */
  @Test
  void gradeLoadsTheGradersClassesFromTheFingerprintedJarOnly() throws Exception {
    launcher(Map.of(), "--version"); // the archive is there, trained
    assertTrue(Files.isRegularFile(ROOT.resolve("target/ntplab.jsa")));
    Run run = launcher(Map.of("NTPLAB_JAVA_OPTS", "-Xlog:class+load"), "grade", "--help");
    assertEquals(0, run.exit, run.err);
    List<String> ours =
        run.out
            .lines()
            .filter(
                l -> l.contains("[class,load] org.ntplab.") || l.contains("[class,load] picocli."))
            .toList();
    assertTrue(ours.size() > 10, run.out);
    assertEquals(
        List.of(),
        ours.stream().filter(l -> l.contains("shared objects file")).toList(),
        "the grader's classes from the archive");
  }

  @Test
  void inspectJsonFindsJacksonBesideTheJar() throws Exception {
    Run run = launcher(Map.of(), "inspect", "--json");
    assertEquals(0, run.exit, run.err);
    assertTrue(run.out.strip().startsWith("{") && run.out.contains("\"offset\""), run.out);
  }
}
