package org.ntplab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.lab.OffsetDelayLab;

/**
 * The layering rules see what they must and catch what they must: a rule that sees nothing passes.
 */
class LayeringRulesTest {

  @TempDir Path dir;

  @Test
  void theStudentRuntimeRuleSeesItsPackages() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("org.ntplab");
    for (String pkg :
        List.of("org.ntplab.lab", "org.ntplab.grading.channel", "org.ntplab.grading.student")) {
      assertTrue(main.stream().anyMatch(c -> c.getPackageName().equals(pkg)), "no class in " + pkg);
    }
    assertEquals("", violations(LayeringTest.theStudentRuntimeStandsAlone, main));
  }

  @Test
  void aStudentRuntimeClassThatReachesTheReferenceIsCaught() throws IOException {
    JavaClasses leak =
        compile(
            "org.ntplab.grading.student",
            "Leak",
            """
        package org.ntplab.grading.student;

        final class Leak {
          static int length(byte[] packet) {
            return org.ntplab.wire.NtpCodec.decode(packet).length();
          }
        }
        """);
    String violations = violations(LayeringTest.theStudentRuntimeStandsAlone, leak);
    assertTrue(violations.contains("org.ntplab.wire.NtpCodec"), violations);
  }

  @Test
  void wireThatImportsTheRestOfTheWorkbenchIsCaught() throws IOException {
    JavaClasses leak =
        compile(
            "org.ntplab.wire",
            "Leak",
            """
        package org.ntplab.wire;

        public final class Leak {
          public static Object reply() {
            return org.ntplab.grading.Lab.all();
          }
        }
        """);
    String violations = violations(LayeringTest.wireImportsNothingElseOfOurs, leak);
    assertTrue(violations.contains("org.ntplab.grading.Lab"), violations);
  }

  @Test
  void gradingThatImportsTheCliIsCaughtByBothCliRules() throws IOException {
    JavaClasses leak =
        compile(
            "org.ntplab.grading",
            "Leak",
            """
        package org.ntplab.grading;

        final class Leak {
          static RuntimeException failed() {
            return new org.ntplab.cli.Main.FailureException("no");
          }
        }
        """);
    for (ArchRule rule :
        List.of(LayeringTest.gradingNeverImportsTheCli, LayeringTest.nothingImportsTheCli)) {
      String violations = violations(rule, leak);
      assertTrue(violations.contains("org.ntplab.cli.Main"), rule + ": " + violations);
    }
  }

  @Test
  void theGradingRulesSeeTheirPackages() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("org.ntplab");
    for (String pkg :
        List.of(
            "org.ntplab.grading",
            "org.ntplab.grading.harness",
            "org.ntplab.grading.report",
            "org.ntplab.grading.channel",
            "org.ntplab.grading.student")) {
      assertTrue(main.stream().anyMatch(c -> c.getPackageName().equals(pkg)), "no class in " + pkg);
    }
    assertEquals("", violations(LayeringTest.gradingNeverImportsTheHarnessOrTheReports, main));
    assertEquals(
        "", violations(LayeringTest.theChannelAndTheStudentSideImportNothingOfTheGrader, main));
  }

  @Test
  void gradingThatImportsTheHarnessOrTheReportsIsCaught() throws IOException {
    JavaClasses leak =
        compile(
            "org.ntplab.grading",
            "Leak",
            """
        package org.ntplab.grading;

        final class Leak {
          static String walls(GradeReport report) {
            return org.ntplab.grading.harness.Sandbox.none().describe()
                + org.ntplab.grading.report.GradeTable.render(report);
          }
        }
        """);
    String violations = violations(LayeringTest.gradingNeverImportsTheHarnessOrTheReports, leak);
    assertTrue(
        violations.contains("org.ntplab.grading.harness.Sandbox")
            && violations.contains("org.ntplab.grading.report.GradeTable"),
        violations);
  }

  @Test
  void aSubpackageOfGradingThatImportsTheHarnessIsCaught() throws IOException {
    JavaClasses leak =
        compile(
            "org.ntplab.grading.channel",
            "Leak",
            """
        package org.ntplab.grading.channel;

        final class Leak {
          static Object walls() {
            return org.ntplab.grading.harness.Sandbox.none();
          }
        }
        """);
    for (ArchRule rule :
        List.of(
            LayeringTest.gradingNeverImportsTheHarnessOrTheReports,
            LayeringTest.theChannelAndTheStudentSideImportNothingOfTheGrader)) {
      String violations = violations(rule, leak);
      assertTrue(
          violations.contains("org.ntplab.grading.harness.Sandbox"), rule + ": " + violations);
    }
  }

  @Test
  void theHarnessMayUseTheGradeModelAndTheReports() throws IOException {
    JavaClasses harness =
        compile(
            "org.ntplab.grading.harness",
            "Uses",
            """
        package org.ntplab.grading.harness;

        final class Uses {
          static String table(org.ntplab.grading.GradeReport report) {
            return org.ntplab.grading.Lab.of(2).folder() + org.ntplab.grading.report.GradeTable.render(report);
          }
        }
        """);
    // Were the harness not left out of the rule, Uses -> GradeTable would break it; left out, the
    // rule has nothing here to check (which it allows only when told to).
    assertEquals(
        "",
        violations(
            LayeringTest.gradingNeverImportsTheHarnessOrTheReports.allowEmptyShould(true),
            harness));
  }

  @Test
  void theStudentSideThatImportsTheGradeModelIsCaught() throws IOException {
    JavaClasses leak =
        compile(
            "org.ntplab.grading.student",
            "Leak",
            """
        package org.ntplab.grading.student;

        final class Leak {
          static Object lab() {
            return org.ntplab.grading.Lab.of(2);
          }
        }
        """);
    String violations =
        violations(LayeringTest.theChannelAndTheStudentSideImportNothingOfTheGrader, leak);
    assertTrue(violations.contains("org.ntplab.grading.Lab"), violations);
  }

  @Test
  void theChannelThatImportsTheReportsIsCaught() throws IOException {
    JavaClasses leak =
        compile(
            "org.ntplab.grading.channel",
            "Leak",
            """
        package org.ntplab.grading.channel;

        final class Leak {
          static String text(org.ntplab.grading.GradeReport report) {
            return org.ntplab.grading.report.GradeTable.render(report);
          }
        }
        """);
    String violations =
        violations(LayeringTest.theChannelAndTheStudentSideImportNothingOfTheGrader, leak);
    assertTrue(
        violations.contains("org.ntplab.grading.report.GradeTable")
            && violations.contains("org.ntplab.grading.GradeReport"),
        violations);
  }

  private static String violations(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    return result.hasViolation() ? result.getFailureReport().toString() : "";
  }

  /** Compiles one class against the workbench's classes and imports it alone. */
  private JavaClasses compile(String pkg, String name, String source) throws IOException {
    Path src = dir.resolve("src").resolve(pkg.replace('.', '/')).resolve(name + ".java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    Path out = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    var files = javac.getStandardFileManager(null, null, null);
    boolean ok =
        javac
            .getTask(
                messages,
                files,
                null,
                List.of("-d", out.toString(), "-classpath", workbenchClasses().toString()),
                null,
                files.getJavaFileObjects(src))
            .call();
    assertTrue(ok, messages.toString());
    try (Stream<Path> compiled = Files.walk(out)) {
      assertFalse(compiled.noneMatch(p -> p.toString().endsWith(".class")));
    }
    return new ClassFileImporter().importPath(out);
  }

  /** target/classes: the workbench's main classes. */
  private static Path workbenchClasses() {
    try {
      return Path.of(
          OffsetDelayLab.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
