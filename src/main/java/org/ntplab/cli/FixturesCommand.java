package org.ntplab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ntplab.fixture.FixtureCheck;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ntplab fixtures}: look after a fixture collection. */
@Command(
    name = "fixtures",
    mixinStandardHelpOptions = true,
    description = "Look after fixture collections.",
    subcommands = {FixturesCommand.Verify.class, CommandLine.HelpCommand.class})
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

    @Parameters(arity = "0..*", paramLabel = "DIR|FILE", description = "Fixture folders or files (default: fixtures).")
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
      out.println(count + " fixture" + (count == 1 ? "" : "s") + " checked, " + problems + " problem"
          + (problems == 1 ? "" : "s"));
      return problems == 0 ? Main.OK : Main.FAILURE;
    }
  }
}
