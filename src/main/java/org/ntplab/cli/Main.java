package org.ntplab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ntplab} command: one subcommand class per verb, exit codes mapped in one place. */
@Command(
    name = "ntplab",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A workbench for learning the Network Time Protocol by building it.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests run commands through this, exactly as users do. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ntplab " + (v == null ? "(development build)" : v)};
    }
  }
}
