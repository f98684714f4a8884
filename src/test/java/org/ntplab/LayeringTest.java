package org.ntplab;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ntplab.grading.LabSources;

/**
 * DESIGN §1's floors, checked over {@code src/main} and the labs compiled for grading (from
 * {@code labs/}, or {@code solutions/} with {@code -Psolutions}). {@link LayeringRulesTest}
 * shows that the rules see the labs and catch a lab that delegates to the reference.
 */
@AnalyzeClasses(packages = "org.ntplab", importOptions = LayeringTest.MainAndLabs.class)
public class LayeringTest {

  /** Where student code lives: every class compiled from a lab folder. */
  public static final String LABS = "org.ntplab.labs..";

  // A lab is won by writing it: calling the reference codec (or the client, the grader...) would
  // "solve" it without learning anything, so only the contracts and the JDK are allowed.
  @ArchTest
  public static final ArchRule labsUseOnlyTheirContractsAndTheJdk = classes().that().resideInAPackage(LABS)
      .should().onlyDependOnClassesThat().resideInAnyPackage("org.ntplab.lab..", LABS, "java..")
      .because("labs/ and solutions/ may use their contracts (org.ntplab.lab) and the JDK, never the reference");

  // Compiled beside the workbench's classes, a lab file in another package could stand in for one
  // of the grader's (test classes come first on the class path).
  @ArchTest
  static void labFilesAreInTheLabsPackages(JavaClasses classes) throws IOException {
    Path labs = Path.of(System.getProperty("ntplab.labs.dir", "labs"));
    List<String> misplaced = LabSources.misplaced(labs, labs, labs.getFileName().toString());
    if (!misplaced.isEmpty()) {
      throw new AssertionError(String.join("\n", misplaced));
    }
  }

  @ArchTest
  public static final ArchRule wireImportsNothingElseOfOurs = noClasses().that().resideInAPackage("org.ntplab.wire..")
      .should().dependOnClassesThat(resideInAPackage("org.ntplab..").and(not(resideInAPackage("org.ntplab.wire.."))))
      .because("the wire package is the ground floor: everything may import it, it imports nothing of ours");

  @ArchTest
  public static final ArchRule nothingImportsTheCli = noClasses().that().resideOutsideOfPackage("org.ntplab.cli..")
      .should().dependOnClassesThat().resideInAPackage("org.ntplab.cli..")
      .because("cli is the top floor");

  @ArchTest
  public static final ArchRule gradingNeverImportsTheCli = noClasses().that().resideInAPackage("org.ntplab.grading..")
      .should().dependOnClassesThat().resideInAPackage("org.ntplab.cli..")
      .because("the grader runs from mvn test, without the command line");

  /**
   * The main classes and, of the test classes, only the labs: the workbench's own tests may use
   * anything (a cli test imports cli).
   */
  public static final class MainAndLabs implements ImportOption {
    private static final ImportOption MAIN = new DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
      return MAIN.includes(location) || location.contains("/org/ntplab/labs/");
    }
  }
}
