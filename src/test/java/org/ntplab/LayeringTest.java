package org.ntplab;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages' floors, checked over {@code src/main}. {@link LayeringRulesTest} shows that the
 * rules see what they must and catch what they must. A lab's own rules (its contracts and the JDK
 * only) are checked on its class files when it is graded ({@code grading.harness.LabClassRules}).
 */
@AnalyzeClasses(packages = "org.ntplab", importOptions = ImportOption.DoNotIncludeTests.class)
public class LayeringTest {

  // The student process's class path is these packages and the students' classes: nothing they
  // use may be missing there, and nothing of the reference or the grader may be put there.
  @ArchTest
  public static final ArchRule theStudentRuntimeStandsAlone =
      classes()
          .that()
          .resideInAnyPackage(
              "org.ntplab.lab", "org.ntplab.grading.channel", "org.ntplab.grading.student")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "org.ntplab.lab",
              "org.ntplab.grading.channel",
              "org.ntplab.grading.student",
              "java..",
              "jdk.jshell..")
          .because(
              "the student runtime jar holds these packages and the JDK's, and nothing else of ntplab's");

  @ArchTest
  public static final ArchRule wireImportsNothingElseOfOurs =
      noClasses()
          .that()
          .resideInAPackage("org.ntplab.wire..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.ntplab..").and(not(resideInAPackage("org.ntplab.wire.."))))
          .because(
              "the wire package is the ground floor: everything may import it, it imports nothing of ours");

  @ArchTest
  public static final ArchRule nothingImportsTheCli =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.ntplab.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.ntplab.cli..")
          .because("cli is the top floor");

  @ArchTest
  public static final ArchRule gradingNeverImportsTheCli =
      noClasses()
          .that()
          .resideInAPackage("org.ntplab.grading..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.ntplab.cli..")
          .because("the grader runs from mvn test, without the command line");

  @ArchTest
  public static final ArchRule gradingNeverImportsTheHarnessOrTheReports =
      noClasses()
          .that()
          .resideInAPackage("org.ntplab.grading..")
          .and()
          .resideOutsideOfPackages("org.ntplab.grading.harness..", "org.ntplab.grading.report..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.ntplab.grading.harness..", "org.ntplab.grading.report..")
          .because(
              "the grade model and the exercises are what the harness and the reports build on, not the other"
                  + " way round");

  // Also implied by theStudentRuntimeStandsAlone; said on its own so that a break names the grader.
  @ArchTest
  public static final ArchRule theChannelAndTheStudentSideImportNothingOfTheGrader =
      noClasses()
          .that()
          .resideInAnyPackage("org.ntplab.grading.channel..", "org.ntplab.grading.student..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.ntplab.grading", "org.ntplab.grading.harness..", "org.ntplab.grading.report..")
          .because(
              "the student process holds the channel and its own side only: the grade model, the harness and"
                  + " the reports stay in the harness's JVM");
}
