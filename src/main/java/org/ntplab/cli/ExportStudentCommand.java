package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ntplab.course.ClassroomWorkflow;
import org.ntplab.course.StudentCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntplab export-student DIR}: writes the copy of the workbench that students get. */
@Command(
    name = "export-student",
    mixinStandardHelpOptions = true,
    description = {
      "Write the copy of this workbench that students get.",
      "It holds pom.xml, mvnw, .mvn/, the ntplab launcher, labs/ (the stubs), fixtures/",
      "and src/ (the grader), and a README.md for students (what to edit, how to grade,",
      "what the grade table means); never solutions/, .git, .ci or target/. Hidden",
      "fixtures stay hidden: only the workbench's fixtures/ is copied. It refuses a",
      "workbench whose labs/ hold their solutions' code (comments and layout aside).",
      "With --classroom it adds GitHub Classroom's autograding workflow: one test per",
      "lab, worth the lab's points, each lab graded on its own."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab export-student ../ntplab-student",
      "  ntplab export-student ~/template --git    # and a first commit: a template repository",
      "  ntplab export-student ~/template --git --classroom   # with .github/workflows/classroom.yml",
      "",
      "Exit status: 0 written, 1 git failed, 2 DIR not empty (without --force) or not usable."
    })
final class ExportStudentCommand implements Callable<Integer> {

  private static final int GIT_TIMEOUT_SECONDS = 60;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Where to write the copy (a new or empty folder).")
  Path dir;

  @Option(
      names = "--force",
      description =
          "Write into DIR even if it is not empty (replaces files of the same name, keeps others).")
  boolean force;

  @Option(
      names = "--git",
      description = "Then git init DIR and commit the copy (as git's user, else as 'ntplab').")
  boolean git;

  @Option(
      names = "--classroom",
      description =
          "Add .github/workflows/classroom.yml: GitHub Classroom's"
              + " autograding, one test per lab (./ntplab grade --lab N) worth the lab's points.")
  boolean classroom;

  @Option(
      names = "--from",
      paramLabel = "WORKBENCH",
      description =
          "The workbench to copy (default: the one this ntplab was built from, else the current folder).")
  Path from;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path workbench = (from != null ? from : defaultWorkbench()).toAbsolutePath().normalize();
    Path target = dir.toAbsolutePath().normalize();
    Optional<String> problem = StudentCopy.problem(workbench);
    if (problem.isPresent()) {
      throw new Main.BadInputException(problem.get());
    }
    checkTarget(workbench, target);
    int files = StudentCopy.write(workbench, Files.createDirectories(target));
    if (classroom) {
      ClassroomWorkflow.write(workbench, target);
      files++;
    }
    out.println(
        "wrote "
            + files
            + " files to "
            + target
            + " (no solutions/, no hidden fixtures)"
            + (classroom ? ", with " + ClassroomWorkflow.PATH : ""));
    String commit = git ? commit(target) : null;
    out.println();
    out.println("next steps:");
    out.println(
        "  cd " + target + " && mvn test     # the stubs: the grade table, total 0, exit non-zero");
    if (commit != null) {
      out.println("  " + commit);
    } else {
      out.println(
          "  git init && git add -A && git commit -m \"ntplab labs\"   # or export again with --git");
    }
    out.println(
        "  push it to a new repository and mark it a template (GitHub Classroom: the assignment's starter code)");
    if (classroom) {
      out.println(
          "  GitHub Classroom runs "
              + ClassroomWorkflow.PATH
              + " on each push: a test per lab, with its points");
    }
    out.println(
        "  grade a submission in its clone: ./ntplab grade, or ./ntplab grade --fixtures DIR with your hidden"
            + " fixtures");
    return Main.OK;
  }

  private void checkTarget(Path workbench, Path target) throws IOException {
    for (String entry : StudentCopy.ENTRIES) {
      if (target.startsWith(workbench.resolve(entry))) {
        throw new Main.BadInputException(
            dir + " is inside the workbench's " + entry + ": choose a folder outside it");
      }
    }
    if (target.equals(workbench)) {
      throw new Main.BadInputException(dir + " is the workbench itself: choose another folder");
    }
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new Main.BadInputException(dir + " is a file, not a folder");
    }
    if (!force && Files.isDirectory(target)) {
      try (Stream<Path> entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new Main.BadInputException(
              dir + " is not empty (use --force to write into it anyway)");
        }
      }
    }
  }

  /**
   * The workbench this ntplab runs from (target/ntplab.jar or target/classes is in it), else the
   * current folder.
   */
  static Path defaultWorkbench() {
    try {
      Path built =
          Path.of(
                  ExportStudentCommand.class
                      .getProtectionDomain()
                      .getCodeSource()
                      .getLocation()
                      .toURI())
              .getParent();
      if (built != null && built.endsWith("target") && StudentCopy.isWorkbench(built.getParent())) {
        return built.getParent();
      }
    } catch (URISyntaxException | RuntimeException e) {
      // Not loaded from a file (a custom class loader): the current folder it is.
    }
    return Path.of("");
  }

  /** A first commit of the copy, for a template repository; returns what was done. */
  private static String commit(Path dir) throws IOException {
    git(dir, "-c", "init.defaultBranch=main", "init", "-q");
    git(dir, "add", "-A");
    if (git(dir, "status", "--porcelain").isBlank()) {
      return "git: nothing new to commit in " + dir;
    }
    List<String> commit = new ArrayList<>();
    // A machine that never ran git config still gets its commit; the instructor can amend it.
    boolean identity =
        !git(dir, "config", "--default", "", "user.email").isBlank()
            && !git(dir, "config", "--default", "", "user.name").isBlank();
    if (!identity) {
      commit.addAll(List.of("-c", "user.name=ntplab", "-c", "user.email=ntplab@localhost"));
    }
    commit.addAll(List.of("commit", "-q", "-m", "ntplab labs"));
    git(dir, commit.toArray(String[]::new));
    return "git: committed the copy in "
        + dir
        + (identity
            ? ""
            : " as ntplab (git has no user.name/user.email:"
                + " git commit --amend --reset-author to make it yours)");
  }

  private static String git(Path dir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    // Output to a file, not a pipe: reading a pipe to its end would wait for git however long it
    // takes.
    Path log = Files.createTempFile("ntplab-git-", ".log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      Files.deleteIfExists(log);
      throw new Main.FailureException(
          "git not found: the copy is written; run git init in " + dir + " yourself");
    }
    try {
      boolean ended = process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      if (!ended || process.exitValue() != 0) {
        throw new Main.FailureException(
            String.join(" ", command)
                + (ended
                    ? " failed: " + output.lines().findFirst().orElse("no message")
                    : " did not finish within " + GIT_TIMEOUT_SECONDS + " s"));
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " interrupted", e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
