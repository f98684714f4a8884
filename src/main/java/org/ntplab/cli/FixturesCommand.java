package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.ntplab.fixture.FixtureCheck;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureStore;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.Lab;
import org.ntplab.grading.RulesLint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntplab fixtures}: look after a fixture collection. */
@Command(
    name = "fixtures",
    mixinStandardHelpOptions = true,
    description = "Look after fixture collections.",
    subcommands = {
      FixturesCommand.Verify.class,
      FixturesCommand.Lint.class,
      CommandLine.HelpCommand.class
    })
final class FixturesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check fixtures: every file parses, ids are unique, and the reference decoder handles each",
        "as it expects (valid packets decode and encode back byte for byte; malformed ones are rejected)."
      },
      footer = {"", "Exit status: 0 all good, 1 problems found, 2 a path cannot be read."})
  static final class Verify implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
        arity = "0..*",
        paramLabel = "DIR|FILE",
        description = "Fixture folders or files (default: fixtures).")
    List<Path> paths = List.of(Path.of("fixtures"));

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (Path path : paths) {
        if (!Files.isReadable(path)) {
          throw new Main.BadInputException(path + ": no such file or directory");
        }
      }
      FixtureStore.Result loaded = FixtureStore.loadAll(paths.toArray(Path[]::new));
      int problems = 0;
      for (FixtureException e : loaded.problems()) {
        out.println(e.getMessage());
        problems++;
      }
      for (FixtureStore.FixtureFile file : loaded.fixtures()) {
        for (String problem : FixtureCheck.problems(file.fixture())) {
          out.println(file.path() + ": " + problem);
          problems++;
        }
      }
      int count = loaded.fixtures().size();
      out.println(
          count
              + " fixture"
              + (count == 1 ? "" : "s")
              + " checked, "
              + problems
              + " problem"
              + (problems == 1 ? "" : "s"));
      return problems == 0 ? Main.OK : Main.FAILURE;
    }
  }

  @Command(
      name = "lint",
      mixinStandardHelpOptions = true,
      description = {
        "Say which rule a lab states that no case made from these fixtures would catch broken.",
        "",
        "Each lab README ends with \"Rules the grader checks\", one id a rule (`poll-signed`: poll is",
        "signed). Grading names on each case the rules a wrong answer there would break: poll-signed",
        "on a packet whose poll is negative. lint builds every lab's cases from the fixtures, as",
        "grading does, and prints each stated rule that no case names (lab, id, the README's line),",
        "and any case naming a rule its README does not state.",
        ""
      },
      footer = {
        "",
        "Examples:",
        "  ntplab fixtures lint                          the built-in fixtures",
        "  ntplab fixtures lint --fixtures my-captures   would these alone exercise every rule?",
        "",
        "Exit status: 0 every rule has a case, 1 findings, 2 bad input."
      })
  static final class Lint implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--fixtures",
        paramLabel = "DIR",
        defaultValue = "fixtures",
        description = "The fixture collection to build the cases from (default: ${DEFAULT-VALUE}).")
    Path fixtures;

    @Option(
        names = "--labs",
        paramLabel = "DIR",
        defaultValue = "labs",
        description = "Where the lab READMEs are (default: ${DEFAULT-VALUE}).")
    Path labs;

    @Option(names = "--lab", paramLabel = "N", description = "Lint lab N alone.")
    Integer lab;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(fixtures)) {
        throw new Main.BadInputException("--fixtures " + fixtures + ": no such folder");
      }
      if (!Files.isDirectory(labs)) {
        throw new Main.BadInputException(
            "--labs " + labs + ": no such folder (run in the project's folder)");
      }
      Corpus corpus;
      try {
        corpus = Corpus.load(fixtures);
      } catch (FixtureException e) {
        throw new Main.BadInputException(e.getMessage());
      }
      Set<Lab> chosen = lab == null ? new TreeSet<>(Lab.all()) : Set.of(Lab.of(lab));
      List<RulesLint.Finding> findings = RulesLint.lint(labs, corpus, chosen);
      PrintWriter out = spec.commandLine().getOut();
      findings.forEach(f -> out.println(f.describe()));
      out.println(
          findings.isEmpty()
              ? "every rule of "
                  + chosen.size()
                  + " lab"
                  + (chosen.size() == 1 ? "" : "s")
                  + " has a case in "
                  + fixtures
              : findings.size() + " finding" + (findings.size() == 1 ? "" : "s"));
      return findings.isEmpty() ? Main.OK : Main.FAILURE;
    }
  }
}
