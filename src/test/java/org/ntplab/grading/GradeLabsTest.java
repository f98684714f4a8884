package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.ntplab.grading.harness.Harness;
import org.ntplab.grading.report.GradeTable;
import org.ntplab.grading.report.GradescopeJson;
import org.ntplab.grading.report.HtmlReport;
import org.opentest4j.TestAbortedException;

/**
 * The grader's JUnit front end: grades the labs compiled from {@code labs/} (or {@code solutions/}
 * with {@code -Psolutions}), one dynamic test per exercise, writes {@code
 * target/grade/results.json} and {@code report.html}, and fails last with the grade table unless
 * every point is won, so {@code mvn test} exits non-zero until the labs are solved. {@code -Dlab=N}
 * grades lab N alone. The harness grades as {@code ntplab grade} does ({@link Harness}): it
 * compiles the labs folder itself and runs the students' code in a student process, never in this
 * JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GradeLabsTest {

  private GradeReport report;

  @BeforeAll
  void grade() throws Exception {
    Path dir = Path.of(System.getProperty("ntplab.grade.dir", "target/grade"));
    Path labs = Path.of(System.getProperty("ntplab.labs.dir", "labs"));
    report =
        Harness.grade(
            Harness.Options.of(selectedLabs(), labs, dir.resolve("harness"))
                .withCallLimit(timeLimit())
                .withPrinted(System.out::print),
            Corpus.load());
    GradescopeJson.write(report, dir.resolve("results.json"));
    HtmlReport.write(report, dir.resolve("report.html"), labs);
  }

  @TestFactory
  @Order(1)
  Stream<DynamicTest> exercises() {
    return report.results().stream()
        .map(
            r ->
                DynamicTest.dynamicTest(
                    r.name(),
                    () -> {
                      if (r.outcome() instanceof Outcome.NotStarted n) {
                        // Skipped, not failed: a lab not begun is not a bug, and it keeps the log
                        // short.
                        throw new TestAbortedException("not started: " + n.message());
                      }
                      if (!r.outcome().passed()) {
                        fail(GradeReport.summary(r.outcome()));
                      }
                    }));
  }

  /** Last, so that the table is the last thing the build prints before Maven's own summary. */
  @Test
  @Order(2)
  void fullMarks() {
    // Printed once, here: in the failure's message Surefire would print it twice, and -q hides
    // neither.
    System.out.print(GradeTable.render(report));
    System.out.flush();
    if (!report.fullMarks()) {
      fail("score " + report.score() + "/" + report.maxScore() + ": the grade table is above");
    }
  }

  static Set<Lab> selectedLabs() {
    String lab = System.getProperty("lab", "").strip();
    return lab.isEmpty() ? new TreeSet<>(Lab.all()) : Set.of(Lab.of(Integer.parseInt(lab)));
  }

  private static Duration timeLimit() {
    String millis = System.getProperty("ntplab.grade.timeout.ms", "").strip();
    return millis.isEmpty() ? Grader.DEFAULT_TIME_LIMIT : Duration.ofMillis(Long.parseLong(millis));
  }
}
