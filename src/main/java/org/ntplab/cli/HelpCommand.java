package org.ntplab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Parameters;

/**
 * {@code ntplab help [COMMAND [SUBCOMMAND...]]}: picocli's own help command looks one level down,
 * so {@code help fixtures verify} printed the help of {@code fixtures}; this one follows the whole
 * path.
 */
@Command(
    name = "help",
    helpCommand = true,
    mixinStandardHelpOptions = true,
    description = "Show the help of a command, or of a command's subcommand.",
    footer = {"", "Examples:", "  ntplab help import", "  ntplab help fixtures verify"})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

  @Parameters(
      arity = "0..*",
      paramLabel = "COMMAND",
      description = "A command, then any subcommand of it.")
  List<String> path = new ArrayList<>();

  private CommandLine self;
  private Help.ColorScheme colorScheme;
  private PrintWriter out;

  @Override
  public void init(
      CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
    this.self = helpCommandLine;
    this.colorScheme = colorScheme;
    this.out = out;
  }

  @Override
  public void run() {
    CommandLine target = self.getParent();
    for (String name : path) {
      CommandLine sub = target.getSubcommands().get(name);
      if (sub == null) {
        throw new CommandLine.ParameterException(
            self,
            "'"
                + target.getCommandName()
                + "' has no command '"
                + name
                + "' (it has: "
                + String.join(", ", target.getSubcommands().keySet())
                + ")");
      }
      target = sub;
    }
    target.usage(out, colorScheme);
  }
}
