package org.ntplab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.Lab;
import org.ntplab.lab.OffsetDelayLab;

/** The layering rules see what they must and catch what they must: a rule that sees nothing passes. */
class LayeringRulesTest {

  @TempDir Path dir;

  @Test
  void theLabRuleSeesEveryLabCompiledForGrading() {
    JavaClasses imported = new ClassFileImporter().withImportOption(new LayeringTest.MainAndLabs())
        .importPackages("org.ntplab");
    Set<String> labs = imported.stream().map(JavaClass::getName).filter(n -> n.startsWith("org.ntplab.labs."))
        .collect(Collectors.toSet());
    for (Lab lab : Lab.values()) {
      if (lab.implementation().endsWith(".jsh")) {
        continue; // lab 0 is a JShell script: no class to check, and it runs in a JShell of its own
      }
      assertTrue(labs.contains(lab.implementation()), lab.implementation() + " not among " + labs);
    }
    // ...and not the workbench's own tests, which may use anything.
    assertFalse(imported.contain(LayeringRulesTest.class));
  }

  @Test
  void aLabThatDelegatesToTheReferenceCodecIsCaught() throws IOException {
    JavaClasses cheat = compile("org.ntplab.labs.offsetdelay", "OffsetDelay", """
        package org.ntplab.labs.offsetdelay;

        import org.ntplab.lab.OffsetDelayLab;
        import org.ntplab.wire.NtpCodec;

        public class OffsetDelay implements OffsetDelayLab {
          public long offsetNanos(long t1, long t2, long t3, long t4) {
            return NtpCodec.class.getName().length();
          }

          public long delayNanos(long t1, long t2, long t3, long t4) {
            return 0;
          }
        }
        """);
    String violations = violations(LayeringTest.labsUseOnlyTheirContractsAndTheJdk, cheat);
    assertTrue(violations.contains("org.ntplab.wire.NtpCodec"), violations);
  }

  @Test
  void aLabThatUsesAnotherPartOfTheWorkbenchIsCaught() throws IOException {
    JavaClasses cheat = compile("org.ntplab.labs.offsetdelay", "OffsetDelay", """
        package org.ntplab.labs.offsetdelay;

        public class OffsetDelay implements org.ntplab.lab.OffsetDelayLab {
          public long offsetNanos(long t1, long t2, long t3, long t4) {
            return new org.ntplab.sync.Sample(null, null, null, null).hashCode();
          }

          public long delayNanos(long t1, long t2, long t3, long t4) {
            return 0;
          }
        }
        """);
    String violations = violations(LayeringTest.labsUseOnlyTheirContractsAndTheJdk, cheat);
    assertTrue(violations.contains("org.ntplab.sync.Sample"), violations);
  }

  @Test
  void aLabWithOnlyItsContractAndTheJdkPasses() throws IOException {
    JavaClasses honest = compile("org.ntplab.labs.offsetdelay", "OffsetDelay", """
        package org.ntplab.labs.offsetdelay;

        import java.util.List;
        import org.ntplab.lab.OffsetDelayLab;

        public class OffsetDelay implements OffsetDelayLab {
          public long offsetNanos(long t1, long t2, long t3, long t4) {
            return List.of(t1, t2).stream().mapToLong(t -> t).sum() + "x".length();
          }

          public long delayNanos(long t1, long t2, long t3, long t4) {
            return Math.max(0, t4 - t1);
          }
        }
        """);
    assertEquals("", violations(LayeringTest.labsUseOnlyTheirContractsAndTheJdk, honest));
  }

  @Test
  void wireThatImportsTheRestOfTheWorkbenchIsCaught() throws IOException {
    JavaClasses leak = compile("org.ntplab.wire", "Leak", """
        package org.ntplab.wire;

        public final class Leak {
          public static Object reply() {
            return org.ntplab.grading.Lab.values();
          }
        }
        """);
    String violations = violations(LayeringTest.wireImportsNothingElseOfOurs, leak);
    assertTrue(violations.contains("org.ntplab.grading.Lab"), violations);
  }

  @Test
  void gradingThatImportsTheCliIsCaughtByBothCliRules() throws IOException {
    JavaClasses leak = compile("org.ntplab.grading", "Leak", """
        package org.ntplab.grading;

        final class Leak {
          static RuntimeException failed() {
            return new org.ntplab.cli.Main.FailureException("no");
          }
        }
        """);
    for (ArchRule rule : List.of(LayeringTest.gradingNeverImportsTheCli, LayeringTest.nothingImportsTheCli)) {
      String violations = violations(rule, leak);
      assertTrue(violations.contains("org.ntplab.cli.Main"), rule + ": " + violations);
    }
  }

  private static String violations(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    return result.hasViolation() ? result.getFailureReport().toString() : "";
  }

  /** Compiles one class against the workbench, as a lab is compiled, and imports it alone. */
  private JavaClasses compile(String pkg, String name, String source) throws IOException {
    Path src = dir.resolve("src").resolve(pkg.replace('.', '/')).resolve(name + ".java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    Path out = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    var files = javac.getStandardFileManager(null, null, null);
    boolean ok = javac.getTask(messages, files, null,
        List.of("-d", out.toString(), "-classpath", workbenchClasses().toString()), null,
        files.getJavaFileObjects(src)).call();
    assertTrue(ok, messages.toString());
    try (Stream<Path> compiled = Files.walk(out)) {
      assertFalse(compiled.noneMatch(p -> p.toString().endsWith(".class")));
    }
    return new ClassFileImporter().importPath(out);
  }

  /** target/classes: where the contracts and the reference are, as on a lab's class path. */
  private static Path workbenchClasses() {
    try {
      return Path.of(OffsetDelayLab.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
