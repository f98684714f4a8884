package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.grading.harness.Harness;
import org.ntplab.grading.report.GradeTable;

/**
 * Adding a lab is its folder and its exercises class: lab 99 ({@link EchoExercises}, contract
 * {@code EchoLab}) is in no list, yet the registry finds it and the real harness grades it, in a
 * student process, from a folder written here. Its classes are the tests', so {@link Labs} is
 * pointed at them beside ntplab's own; nothing else is told of it.
 */
class ThrowawayLabTest {

  private static Lab echo;

  @TempDir Path dir;

  @BeforeAll
  static void find() throws Exception {
    Labs found =
        Labs.in(
            List.of(ClassFiles.sourceOf(Lab.class), ClassFiles.sourceOf(EchoExercises.class)),
            ThrowawayLabTest.class.getClassLoader());
    echo = found.of(99);
    assertEquals(EchoExercises.LAB, echo);
    assertEquals(Lab.all(), found.all().headSet(echo), "the built-in labs are found beside it");
  }

  @Test
  void theRestOfALabFollowsFromWhatItsExercisesDeclare() {
    assertEquals("99-echo", echo.folder());
    assertEquals("lab99", echo.id());
    assertEquals("org.ntplab.labs.echo.Echo", echo.implementation());
    assertEquals("org.ntplab.lab.EchoLab", echo.contract().getName());
    assertFalse(Lab.all().contains(echo), "a test's lab is not one of ntplab's");
  }

  @Test
  void theSolvedLabGetsItsPointsInTheTable() throws Exception {
    GradeReport report = grade("return said;");
    String table = GradeTable.render(report);
    assertTrue(table.contains("lab99 echo (labs/99-echo)"), table);
    assertTrue(table.contains("✓ lab99 echo: says it back"), table);
    assertEquals(EchoExercises.POINTS, report.score(), table);
    assertTrue(report.fullMarks(), table);
  }

  @Test
  void aWrongAnswerLosesThem() throws Exception {
    GradeReport report = grade("return said.toUpperCase();");
    ExerciseResult result = report.results().get(0);
    assertEquals(0, report.score(), GradeTable.render(report));
    Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, result.outcome());
    assertTrue(
        GradeReport.summary(failed).contains("echo(\"hello\")"), GradeReport.summary(failed));
  }

  @Test
  void theStubIsNotStarted() throws Exception {
    GradeReport report =
        grade("throw new UnsupportedOperationException(\"Lab 99: implement echo(said)\");");
    assertInstanceOf(Outcome.NotStarted.class, report.results().get(0).outcome());
    assertTrue(GradeTable.render(report).contains("not started"));
  }

  /** Lab 99's folder as a student hands it in: README, HINTS and {@code Echo} with {@code body}. */
  private GradeReport grade(String body) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("labs").resolve(echo.folder()));
    Files.writeString(
        folder.resolve("README.md"),
        "# Lab 99: echo\n\nImplement `Echo`: say back what was said.\n\n"
            + "## Rules the grader checks\n\n- `echo-same`: the same text, unchanged\n");
    Files.writeString(folder.resolve("HINTS.md"), "# Hints\n\nReturn the argument.\n");
    Files.writeString(
        folder.resolve("Echo.java"),
        """
        package org.ntplab.labs.echo;

        import org.ntplab.lab.EchoLab;

        public class Echo implements EchoLab {
          @Override
          public String echo(String said) {
            %s
          }
        }
        """
            .formatted(body));
    return Harness.grade(
        Harness.Options.of(Set.of(echo), dir.resolve("labs"), dir.resolve("work")), Corpus.load());
  }
}
