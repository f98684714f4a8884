package org.ntplab.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.capture.MalformedCaptureException;
import org.ntplab.wire.MalformedPacketException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code ntplab} command: one subcommand class per verb. Exit codes are decided here and only
 * here: 0 success, 1 failure (a check failed, the network let us down), 2 bad usage or bad input.
 */
@Command(
    name = "ntplab",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "A workbench for learning the Network Time Protocol by building it.",
    footer = {"", "Run 'ntplab help COMMAND' for a command's options and examples."})
public final class Main implements Runnable {

  /**
   * The subcommands, in the order help lists them. Not in {@code @Command(subcommands)}: picocli
   * would build every one's model at start-up, most of a short command's run time, where only the
   * one named on the command line is needed (see {@link #commandLine(CommandLine.IFactory, String...)}).
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      InspectCommand.class,
      DecodeCommand.class,
      ServeCommand.class,
      GradeCommand.class,
      ShellCommand.class,
      CaptureCommand.class,
      ImportCommand.class,
      FixturesCommand.class,
      ExportStudentCommand.class,
      ExportAutograderCommand.class,
      SyncCommand.class,
      LoadCommand.class,
      HelpCommand.class);

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Show the stack trace of an error.")
  boolean stacktrace;

  /** Every command takes it, so that a script or an alias can pass it to any (see {@link Terminal#useColor}). */
  @Option(names = "--no-color", scope = ScopeType.INHERIT,
      description = "No colours, here or in help (also: the NO_COLOR environment variable).")
  boolean noColor;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = commandLine(CommandLine.defaultFactory(), args);
    // Meanings use a few non-ASCII signs (≈, µ, —): write UTF-8 whatever the locale says.
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    System.exit(cli.execute(args));
  }

  /** The configured command line; tests run commands through this, exactly as users do. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /**
   * The command line with commands made by {@code factory}: how tests give a command its clock
   * or a fake {@code ClockSetter}, through the constructors the commands have for that.
   */
  public static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine cli = new CommandLine(new Main(), factory);
    SUBCOMMANDS.forEach(cli::addSubcommand);
    return configured(cli);
  }

  /**
   * The command line for running {@code args}: with only the subcommand they name when that is one
   * of ours other than {@code help}, which is all a run of it uses; with every one otherwise (no
   * subcommand, {@code help}, a name that is not a subcommand's).
   */
  public static CommandLine commandLine(CommandLine.IFactory factory, String... args) {
    CommandLine cli = forArgs(factory, args);
    for (String arg : args) {
      if (arg.equals("--no-color")) {
        // Usage help is printed before any command runs: it has to know now.
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
      }
    }
    return cli;
  }

  private static CommandLine forArgs(CommandLine.IFactory factory, String... args) {
    // Loops, not streams: a lambda's first use costs start-up time, which is what this saves.
    String named = "";
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        named = arg;
        break;
      }
    }
    for (Class<?> command : SUBCOMMANDS) {
      if (command != HelpCommand.class && command.getAnnotation(Command.class).name().equals(named)) {
        CommandLine cli = new CommandLine(new Main(), factory);
        cli.addSubcommand(command);
        return configured(cli);
      }
    }
    return commandLine(factory);
  }

  private static CommandLine configured(CommandLine cli) {
    String noColor = System.getenv("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    cli.setExecutionExceptionHandler(Main::handleError);
    cli.setParameterExceptionHandler(Main::handleUsageError);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Bad input: the user gave something we cannot use. */
  public static final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
      super(message);
    }

    public BadInputException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A failure that is not the input's fault (a check failed, a peer did not answer). */
  public static final class FailureException extends RuntimeException {
    public FailureException(String message) {
      super(message);
    }
  }

  private static int handleError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    String name = cli.getCommandSpec().qualifiedName();
    err.println(name + ": " + oneLine(e));
    Main top = (Main) cli.getCommandSpec().root().userObject();
    if (top.stacktrace) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode(e);
  }

  static int exitCode(Exception e) {
    if (e instanceof BadInputException || e instanceof IllegalArgumentException
        || e instanceof MalformedPacketException || e instanceof MalformedCaptureException
        || e instanceof FixtureException) {
      return BAD_INPUT;
    }
    if (e instanceof FailureException || e instanceof IOException || e instanceof UncheckedIOException) {
      return FAILURE;
    }
    // An error of ours: still one line, but say where to look.
    return FAILURE;
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName() + " (run with --stacktrace for details)";
    }
    return message.lines().findFirst().orElse(message);
  }

  private static int handleUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return BAD_INPUT;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {text()};
    }

    /** {@code ntplab 0.1.0}, or for classes not from the jar, {@code ntplab (development build)}. */
    static String text() {
      String v = Main.class.getPackage().getImplementationVersion();
      return "ntplab " + (v == null ? "(development build)" : v);
    }
  }
}
