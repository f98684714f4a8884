package org.ntplab.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ntplab.grading.Lab;

/**
 * {@code .github/workflows/classroom.yml} for GitHub Classroom: one test per lab, worth the lab's
 * points, run with the autograding actions GitHub Classroom documents ({@code
 * classroom-resources/autograding-command-grader} for each test, {@code
 * autograding-grading-reporter} to report them). Each lab is graded by {@code ./ntplab grade --lab
 * N}, which compiles that lab alone: a lab that does not compile costs only its own points.
 */
public final class ClassroomWorkflow {

  /** Where GitHub Classroom looks for it, relative to the repository. */
  public static final Path PATH = Path.of(".github", "workflows", "classroom.yml");

  static final String GRADER = "classroom-resources/autograding-command-grader@v1";
  static final String REPORTER = "classroom-resources/autograding-grading-reporter@v1";

  /** Minutes per lab (the grader's own limit); the first also builds the jar. */
  private static final int TIMEOUT_MINUTES = 10;

  private ClassroomWorkflow() {}

  /**
   * Writes the workflow into {@code copy}, the labs' points counted over {@code workbench}'s
   * fixtures.
   */
  public static Path write(Path workbench, Path copy) throws IOException {
    Path file = copy.resolve(PATH.toString());
    Files.createDirectories(file.getParent());
    Files.writeString(file, render(LabPoints.of(workbench)), StandardCharsets.UTF_8);
    return file;
  }

  static String render(Map<Lab, Integer> points) {
    StringBuilder yml =
        new StringBuilder(
            """
        # GitHub Classroom's autograding: one test per lab, each graded on its own (./ntplab grade --lab N
        # compiles that lab alone), so a lab that does not compile costs only its own points.
        name: Autograding Tests
        'on':
        - push
        - repository_dispatch
        permissions:
          checks: write
          actions: read
          contents: read
        jobs:
          run-autograding-tests:
            runs-on: ubuntu-latest
            if: github.actor != 'github-classroom[bot]'
            steps:
            - name: Checkout code
              uses: actions/checkout@v4
            - name: Set up Java 17
              uses: actions/setup-java@v4
              with:
                distribution: temurin
                java-version: '17'
                cache: maven
            - name: Build the grader
              run: ./ntplab --version
        """);
    List<String> runners = new ArrayList<>();
    for (Lab lab : Lab.all()) {
      String id = lab.id();
      runners.add(id);
      yml.append("    - name: ")
          .append(id)
          .append(' ')
          .append(lab.title())
          .append('\n')
          .append("      id: ")
          .append(id)
          .append('\n')
          .append("      uses: ")
          .append(GRADER)
          .append('\n')
          .append("      with:\n")
          .append("        test-name: ")
          .append(id)
          .append(' ')
          .append(lab.title())
          .append(" (labs/")
          .append(lab.folder())
          .append(")\n")
          .append("        setup-command: ''\n")
          .append("        command: ./ntplab grade --lab ")
          .append(lab.number())
          .append('\n')
          .append("        timeout: ")
          .append(TIMEOUT_MINUTES)
          .append('\n')
          .append("        max-score: ")
          .append(points.get(lab))
          .append('\n');
    }
    yml.append("    - name: Autograding Reporter\n")
        .append("      uses: ")
        .append(REPORTER)
        .append('\n')
        .append("      env:\n");
    for (String id : runners) {
      yml.append("        ")
          .append(id.toUpperCase(Locale.ROOT))
          .append("_RESULTS: \"${{steps.")
          .append(id)
          .append(".outputs.result}}\"\n");
    }
    yml.append("      with:\n")
        .append("        runners: ")
        .append(String.join(",", runners))
        .append('\n');
    return yml.toString();
  }
}
