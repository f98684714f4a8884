package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.Lab;

/**
 * The lab rules hold on what javac wrote, whatever the source text says: the solved labs keep them,
 * and each way of breaking them is one line that says what was found and what is allowed.
 */
class LabClassRulesTest {

  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
  private static final Pattern TYPE =
      Pattern.compile("\\b(?:class|interface|record|enum)\\s+(\\w+)");

  private static final String ONLY =
      "a lab may use its contracts (org.ntplab.lab) and the JDK only";

  @TempDir Path dir;

  @Test
  void theSolvedLabsKeepTheRules() throws IOException {
    Path solutions = Path.of("solutions");
    assertTrue(Files.isDirectory(solutions), "run from the project folder, with solutions/");
    for (Lab lab : Lab.all()) {
      if (lab.isScript()) {
        continue; // a JShell script
      }
      Path classes = compile(javaFiles(solutions.resolve(lab.folder())));
      Path implementation = classes.resolve(lab.implementation().replace('.', '/') + ".class");
      assertTrue(
          Files.isRegularFile(implementation),
          implementation + ": the check would have seen nothing");
      assertEquals(
          List.of(),
          LabClassRules.problems(lab, classes, "solutions/" + lab.folder()),
          lab.folder());
    }
  }

  @Test
  void aClassIsJudgedByItsCompiledNameNotByAPackageLineInAComment() throws IOException {
    Path classes =
        compile(
            """
        /*
        package org.ntplab.labs.timestamps;
        */
        package org.ntplab.grading;

        public class Grader {
          public static String stand() { return "in"; }
        }
        """);
    String rule =
        " is not in lab 1's package org.ntplab.labs.timestamps: a lab's classes are in its own package,"
            + " as the stub's are";
    assertEquals(
        List.of(
            "labs/01-timestamps/org/ntplab/grading/Grader.class: class org.ntplab.grading.Grader"
                + " (from Grader.java)"
                + rule),
        LabClassRules.problems(Lab.of(1), classes, "labs/01-timestamps"));

    // Nor by where the file lies: moved to the stub's place, it is still the grader's class.
    Path stub =
        Files.createDirectories(classes.resolve("org/ntplab/labs/timestamps"))
            .resolve("Timestamps.class");
    Files.move(classes.resolve("org/ntplab/grading/Grader.class"), stub);
    assertEquals(
        List.of(
            "labs/01-timestamps/org/ntplab/labs/timestamps/Timestamps.class: class"
                + " org.ntplab.grading.Grader (from Grader.java)"
                + rule),
        LabClassRules.problems(Lab.of(1), classes, "labs/01-timestamps"));
  }

  @Test
  void usingTheReferenceInAMethodBodyIsReported() throws IOException {
    Path classes =
        compile(
            """
        package org.ntplab.labs.offsetdelay;

        public class OffsetDelay implements org.ntplab.lab.OffsetDelayLab {
          public long offsetNanos(long t1, long t2, long t3, long t4) {
            return new org.ntplab.wire.NtpTimestamp(t2).nanosSince(new org.ntplab.wire.NtpTimestamp(t1));
          }

          public long delayNanos(long t1, long t2, long t3, long t4) {
            return 0;
          }
        }
        """);
    assertEquals(
        List.of(
            "labs/04-offset-delay/org/ntplab/labs/offsetdelay/OffsetDelay.class:"
                + " class org.ntplab.labs.offsetdelay.OffsetDelay (from OffsetDelay.java) uses org.ntplab.wire.NtpTimestamp: "
                + ONLY
                + ", never ntplab's own implementation"),
        LabClassRules.problems(Lab.of(4), classes, "labs/04-offset-delay"));
  }

  @Test
  void aReferenceOnlyInDescriptorsOrSignaturesIsReportedOnce() throws IOException {
    Path classes =
        compile(
            """
        package org.ntplab.labs.offsetdelay;

        public class Fields {
          private org.ntplab.wire.NtpTimestamp unused;
          private org.ntplab.wire.NtpTimestamp[] alsoUnused;

          void take(org.ntplab.wire.NtpTimestamp t) {}
        }
        """,
            """
        package org.ntplab.labs.offsetdelay;

        public class Generic {
          java.util.List<org.ntplab.wire.NtpShort> shorts;
          <T extends java.util.Map<String, ? super org.ntplab.wire.Mode>> void modes(java.util.List<T> maps) {}
        }
        """);
    assertEquals(
        List.of(
            "labs/04-offset-delay/org/ntplab/labs/offsetdelay/Fields.class: class org.ntplab.labs.offsetdelay.Fields"
                + " (from Fields.java) uses org.ntplab.wire.NtpTimestamp: "
                + ONLY
                + ", never ntplab's own implementation",
            "labs/04-offset-delay/org/ntplab/labs/offsetdelay/Generic.class: class org.ntplab.labs.offsetdelay.Generic"
                + " (from Generic.java) uses org.ntplab.wire.Mode: "
                + ONLY
                + ", never ntplab's own implementation",
            "labs/04-offset-delay/org/ntplab/labs/offsetdelay/Generic.class: class org.ntplab.labs.offsetdelay.Generic"
                + " (from Generic.java) uses org.ntplab.wire.NtpShort: "
                + ONLY
                + ", never ntplab's own implementation"),
        LabClassRules.problems(Lab.of(4), classes, "labs/04-offset-delay"));
  }

  @Test
  void usingAnotherLabsClassesIsReported() throws IOException {
    Path classes =
        compile(
            """
        package org.ntplab.labs.decode;

        public class Decoder {
          public int version(byte[] p) { return p[0] >> 3 & 7; }
        }
        """,
            """
        package org.ntplab.labs.client;

        public class Client {
          int version(byte[] reply) { return new org.ntplab.labs.decode.Decoder().version(reply); }
        }
        """);
    assertEquals(
        List.of(
            "labs/06-client/org/ntplab/labs/client/Client.class: class org.ntplab.labs.client.Client (from Client.java)"
                + " uses org.ntplab.labs.decode.Decoder, lab 2's class: each lab is graded on its own, so a lab may not"
                + " use another lab's classes (copy what you need)",
            "labs/06-client/org/ntplab/labs/decode/Decoder.class: class org.ntplab.labs.decode.Decoder"
                + " (from Decoder.java) is not in lab 6's package org.ntplab.labs.client: a lab's classes are in its own"
                + " package, as the stub's are"),
        LabClassRules.problems(Lab.of(6), classes, "labs/06-client"));
  }

  @Test
  void usingALibraryIsReported() throws IOException {
    Path classes =
        compile(
            """
        package org.ntplab.labs.server;

        public class Server {
          static String json(Object o) throws Exception {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
          }
        }
        """);
    assertEquals(
        List.of(
            "labs/07-server/org/ntplab/labs/server/Server.class: class org.ntplab.labs.server.Server"
                + " (from Server.java) uses com.fasterxml.jackson.databind.ObjectMapper, which is not in the JDK: "
                + ONLY),
        LabClassRules.problems(Lab.of(7), classes, "labs/07-server"));
  }

  @Test
  void aClassNamedInAStringIsNotAReference() throws IOException {
    // Reflection is stopped when it runs, by the lab class loader; a text is only a text.
    Path classes =
        compile(
            """
        package org.ntplab.labs.decode;

        public class Decoder {
          static final String DESCRIPTOR = "Lorg/ntplab/wire/NtpCodec;";

          Object codec() throws ClassNotFoundException {
            return Class.forName("org.ntplab.wire.NtpCodec");
          }
        }
        """);
    assertEquals(List.of(), LabClassRules.problems(Lab.of(2), classes, "labs/02-decode"));
  }

  @Test
  void nestedAnonymousAndLambdaClassesInTheLabsPackageAndItsSubpackagesPass() throws IOException {
    Path classes =
        compile(
            """
        package org.ntplab.labs.checks;

        import java.util.List;
        import java.util.function.Supplier;
        import org.ntplab.lab.ReplyVerdict;

        public class Checks {
          record Pair<L, T extends Comparable<T>>(L left, T right) {}

          enum Step { SEND, WAIT }

          class Inner {}

          static <L extends List<? super Integer>> L fill(L list) {
            list.add(1);
            return list;
          }

          int run(ReplyVerdict verdict, Step step, String name) throws Exception {
            Runnable anonymous = new Runnable() {
              public void run() {}
            };
            anonymous.run();
            Supplier<String> lambda = () -> name + verdict + new Inner();
            int[][] grid = new int[2][2];
            Pair<String, Integer>[] pairs = new Pair[] {new Pair<>("a", 1)};
            try (java.io.StringReader reader = new java.io.StringReader(lambda.get())) {
              reader.read();
            }
            int s = switch (step) { case SEND -> 1; case WAIT -> 2; };
            int v = switch (verdict) { case MALFORMED -> 5; default -> 6; };
            int n = switch (name) { case "x" -> 3; default -> 4; };
            return s + v + n + grid.length + pairs.length + new org.ntplab.labs.checks.util.Help().hashCode();
          }
        }
        """,
            """
        package org.ntplab.labs.checks.util;

        public class Help {}
        """);
    assertEquals(List.of(), LabClassRules.problems(Lab.of(5), classes, "labs/05-checks"));
    try (Stream<Path> files = Files.walk(classes)) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertTrue(
          names.containsAll(
              List.of("Checks$1.class", "Checks$Inner.class", "Checks$Pair.class", "Help.class")),
          names.toString());
    }
  }

  @Test
  void aFileThatIsNotAClassFileIsOneLine() throws IOException {
    Path classes =
        compile(
            """
        package org.ntplab.labs.timestamps;

        public class Timestamps {
          long now() { return System.nanoTime(); }
        }
        """);
    Path real = classes.resolve("org/ntplab/labs/timestamps/Timestamps.class");
    byte[] bytes = Files.readAllBytes(real);
    Files.write(real, Arrays.copyOf(bytes, bytes.length / 2));
    Files.write(classes.resolve("X.class"), "not a class at all".getBytes(StandardCharsets.UTF_8));
    String cannot = "a lab's class folder holds only what javac compiles from its sources";
    assertEquals(
        List.of(
            "labs/01-timestamps/X.class: not a valid class file (it does not start with CAFEBABE, as class files do): "
                + cannot,
            "labs/01-timestamps/org/ntplab/labs/timestamps/Timestamps.class: not a valid class file (it ends early): "
                + cannot),
        LabClassRules.problems(Lab.of(1), classes, "labs/01-timestamps"));
  }

  @Test
  void noDamageToAClassFileMakesMoreThanALineOrAnException() throws IOException {
    Path classes =
        compile(
            """
        package org.ntplab.labs.mac;

        public class MacChecker {
          java.util.List<String> names = new java.util.ArrayList<>();
          String name(int i) { return names.get(i); }
        }
        """);
    Path file = classes.resolve("org/ntplab/labs/mac/MacChecker.class");
    byte[] good = Files.readAllBytes(file);
    // The class's one attribute, last in the file, is SourceFile (length 2): a length of 4 GiB less
    // a
    // few bytes must not be believed.
    assertEquals(
        List.of(0, 0, 0, 2),
        List.of(
            (int) good[good.length - 6],
            (int) good[good.length - 5],
            (int) good[good.length - 4],
            (int) good[good.length - 3]),
        "SourceFile's length");
    byte[] huge = good.clone();
    Arrays.fill(huge, huge.length - 6, huge.length - 3, (byte) 0xff);
    Files.write(file, huge);
    assertEquals(
        List.of(
            "labs/09-mac/org/ntplab/labs/mac/MacChecker.class: not a valid class file (it ends early):"
                + " a lab's class folder holds only what javac compiles from its sources"),
        LabClassRules.problems(Lab.of(9), classes, "labs/09-mac"));
    for (int i = 0; i < good.length; i++) {
      int at = i;
      byte[] cut = Arrays.copyOf(good, i);
      Files.write(file, cut);
      List<String> problems = LabClassRules.problems(Lab.of(9), classes, "labs/09-mac");
      assertEquals(1, problems.size(), () -> "cut at " + cut.length + ": " + problems);
      assertTrue(problems.get(0).contains("not a valid class file"), problems::toString);
      for (int value : new int[] {0x00, 0x07, 0xff}) {
        byte[] bad = good.clone();
        bad[i] = (byte) value;
        Files.write(file, bad);
        List<String> lines = LabClassRules.problems(Lab.of(9), classes, "labs/09-mac");
        assertTrue(
            lines.size() <= 21 && lines.stream().allMatch(l -> !l.isBlank() && l.indexOf('\n') < 0),
            () -> "byte " + at + " made " + value + ": " + lines);
      }
    }
  }

  @Test
  void theLinesAreCapped() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    for (int i = 0; i < 25; i++) {
      Files.write(
          classes.resolve(String.format("X%02d.class", i)), new byte[] {(byte) 0xca, (byte) 0xfe});
    }
    List<String> problems = LabClassRules.problems(Lab.of(3), classes, "labs/03-encode");
    assertEquals(21, problems.size(), problems::toString);
    assertTrue(
        problems
            .get(0)
            .startsWith("labs/03-encode/X00.class: not a valid class file (it ends early)"),
        problems.get(0));
    assertTrue(problems.get(19).startsWith("labs/03-encode/X19.class: "), problems.get(19));
    assertEquals("... and 5 more", problems.get(20));
  }

  @Test
  void aClassInLabZerosFolderIsReported() throws IOException {
    Path classes = compile("package org.ntplab.labs.warmup;\n\npublic class Answers {}\n");
    List<String> problems = LabClassRules.problems(Lab.of(0), classes, "labs/00-warmup");
    assertEquals(
        List.of(
            "labs/00-warmup/org/ntplab/labs/warmup/Answers.class: class org.ntplab.labs.warmup.Answers"
                + " (from Answers.java) is not allowed: lab 0 is answered in answers.jsh, not in classes"),
        problems);
    assertFalse(problems.get(0).contains("uses"));
  }

  /**
   * Compiles {@code sources}, each in a file named for its first type, into a class folder of its
   * own.
   */
  private Path compile(String... sources) throws IOException {
    Path folder = Files.createTempDirectory(dir, "src");
    Path[] files = new Path[sources.length];
    for (int i = 0; i < sources.length; i++) {
      Matcher type = TYPE.matcher(sources[i]);
      assertTrue(type.find(), sources[i]);
      files[i] = Files.writeString(folder.resolve(type.group(1) + ".java"), sources[i]);
    }
    return compile(List.of(files));
  }

  private Path compile(List<Path> sources) throws IOException {
    Path classes = Files.createTempDirectory(dir, "classes");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        JAVAC.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-d",
              classes.toString(),
              "-classpath",
              System.getProperty("java.class.path"),
              "--release",
              "17",
              "-encoding",
              "UTF-8",
              "-proc:none",
              "-implicit:none",
              "-nowarn",
              "-g",
              "-parameters"); // every table javac can write, so that each is read
      boolean ok =
          JAVAC
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      assertTrue(ok, diagnostics.getDiagnostics().toString());
    }
    return classes;
  }

  private static List<Path> javaFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }
}
