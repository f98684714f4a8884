package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ntplab.course.AutograderZip;
import org.ntplab.course.StudentCopy;
import org.ntplab.fixture.FixtureException;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.Lab;
import org.ntplab.grading.report.GradescopeJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntplab export-autograder OUT.zip}: the autograder Gradescope takes, in one file. */
@Command(
    name = "export-autograder",
    mixinStandardHelpOptions = true,
    description = {
      "Write the zip a Gradescope programming assignment takes as its autograder. At",
      "its top, setup.sh (run once when Gradescope builds the image: installs a JDK 17,",
      "Maven, bubblewrap and util-linux on Ubuntu, then builds the workbench, so",
      "grading needs no network) and run_autograder (run for each submission: finds the",
      "labs in whatever the student uploaded - a GitHub or Bitbucket repository, a zip,",
      "the lab folders or the loose lab files - grades them in the sandbox and writes",
      "results.json; an upload with no labs gets a results.json saying what was",
      "expected). Beside them, workbench/ (what export-student writes: the grader's",
      "sources) and hidden-fixtures/ (--fixtures). Each exercise with cases on a hidden",
      "fixture is two tests: its published fixtures' part, visible at once and worth",
      "nothing, and the whole exercise with its points, at --visibility. A hidden",
      "fixture's id, bytes and expected values are never shown."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab export-autograder autograder.zip",
      "  ntplab export-autograder autograder.zip --fixtures ~/hidden-fixtures --visibility after_published",
      "  ntplab export-autograder lab2.zip --labs 2        # an assignment for lab 2 alone",
      "",
      "Then, on Gradescope: a programming assignment, Configure Autograder, upload the",
      "zip. Students submit their repository, a zip of it, or the files they edited.",
      "",
      "Exit status: 0 written, 2 bad input (no workbench, broken fixtures, OUT exists",
      "without --force)."
    })
final class ExportAutograderCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "OUT.zip", description = "The zip to write.")
  Path out;

  @Option(
      names = "--fixtures",
      paramLabel = "HIDDEN",
      description =
          "Your hidden fixtures' folder, graded"
              + " beside the workbench's own (check them first: ntplab fixtures verify HIDDEN).")
  Path fixtures;

  @Option(
      names = "--labs",
      paramLabel = "N,M",
      split = ",",
      description = "Grade these labs only (default: all).")
  List<Integer> labs = new ArrayList<>();

  @Option(
      names = "--visibility",
      paramLabel = "WHEN",
      defaultValue = "after_due_date",
      description =
          "When students see the tests on hidden fixtures and their points: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}). The other tests are visible at once.")
  GradescopeJson.Visibility visibility;

  @Option(names = "--force", description = "Replace OUT.zip if it exists.")
  boolean force;

  @Option(
      names = "--from",
      paramLabel = "WORKBENCH",
      description =
          "The workbench to pack (default: the one this ntplab was built from, else the current folder).")
  Path from;

  @Override
  public Integer call() throws IOException {
    Path workbench =
        (from != null ? from : ExportStudentCommand.defaultWorkbench())
            .toAbsolutePath()
            .normalize();
    Optional<String> problem = StudentCopy.problem(workbench);
    if (problem.isPresent()) {
      throw new Main.BadInputException(problem.get());
    }
    if (!out.getFileName().toString().endsWith(".zip")) {
      throw new Main.BadInputException(out + ": the autograder is a zip; name it NAME.zip");
    }
    if (Files.exists(out) && !force) {
      throw new Main.BadInputException(out + " exists (use --force to replace it)");
    }
    List<Lab> chosen = new ArrayList<>();
    for (int n : labs) {
      try {
        chosen.add(Lab.of(n));
      } catch (IllegalArgumentException e) {
        throw new Main.BadInputException("--labs: " + e.getMessage());
      }
    }
    int hidden = 0;
    if (fixtures != null) {
      if (!Files.isDirectory(fixtures)) {
        throw new Main.BadInputException("--fixtures " + fixtures + ": no such folder");
      }
      // Broken fixtures found here, once, not by every student's submission.
      try {
        hidden = Corpus.load(workbench.resolve("fixtures"), fixtures).hidden().size();
      } catch (FixtureException e) {
        throw new Main.BadInputException("--fixtures " + fixtures + ": " + e.getMessage());
      }
    }
    int files = new AutograderZip(workbench, fixtures, chosen, visibility.name()).write(out);
    PrintWriter w = spec.commandLine().getOut();
    w.println(
        "wrote "
            + out
            + ": setup.sh, run_autograder, the workbench and "
            + (fixtures == null
                ? "no hidden fixtures"
                : hidden
                    + " hidden fixture"
                    + (hidden == 1 ? "" : "s")
                    + " (their tests shown "
                    + visibility.when()
                    + ")")
            + "; "
            + files
            + " files");
    w.println();
    w.println("next steps:");
    w.println(
        "  Gradescope: a programming assignment, Configure Autograder, Zip file upload: "
            + out.getFileName());
    w.println(
        "  its image takes a few minutes to build (setup.sh); then Test Autograder with a solved copy of labs/");
    return Main.OK;
  }
}
