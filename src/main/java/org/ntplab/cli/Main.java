package org.ntplab.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.capture.MalformedCaptureException;
import org.ntplab.wire.MalformedPacketException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code ntplab} command: one subcommand class per verb. Exit codes are decided here and only
 * here: 0 success, 1 failure (a check failed, the network let us down), 2 bad usage or bad input.
 * Its model, as {@code inspect}'s, is built by hand (see {@link HandBuilt}): every run builds it.
 */
public final class Main implements Runnable {

  /**
   * The subcommands, in the order help lists them. A command's name is its class's, less "Command",
   * in lower case with hyphens ({@link #name}). Only the one named on the command line is built for
   * a run (see {@link #commandLine(CommandLine.IFactory, String...)}): building every one's model
   * would be most of a short command's run time.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
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

  private final OptionSpec stacktrace =
      HandBuilt.inheritedFlag("--stacktrace", "Show the stack trace of an error.");

  /**
   * Every command takes it, so that a script or an alias can pass it to any (see {@link
   * Terminal#useColor}).
   */
  private final OptionSpec noColor =
      HandBuilt.inheritedFlag(
          "--no-color", "No colours, here or in help (also: the NO_COLOR environment variable).");

  private CommandSpec spec;

  public static void main(String[] args) {
    CommandLine cli = commandLine(new Factory(), args);
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
   * The command line with commands made by {@code factory}: how tests give a command its clock or a
   * fake {@code ClockSetter}, through the constructors the commands have for that.
   */
  public static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine cli = top(factory);
    for (Class<?> command : SUBCOMMANDS) {
      add(cli, command, factory);
    }
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
      if (command == InspectCommand.class && name(command).equals(named)) {
        return withoutReflectiveConverters(factory);
      }
      if (command != HelpCommand.class && name(command).equals(named)) {
        return only(command, factory);
      }
    }
    return commandLine(factory);
  }

  private static CommandLine only(Class<?> command, CommandLine.IFactory factory) {
    CommandLine cli = top(factory);
    add(cli, command, factory);
    return configured(cli);
  }

  private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

  /**
   * {@code inspect}'s command line, made without picocli's converters for java.time and java.sql
   * types: picocli looks each up by reflection, initialising the class, for every command line
   * made, about a tenth of a one-shot inspect's run. No option of inspect needs them (its durations
   * have their own converter). The setting is picocli's own, read only while the command lines are
   * made, and put back after.
   */
  private static CommandLine withoutReflectiveConverters(CommandLine.IFactory factory) {
    String before = System.getProperty(CONVERTER_EXCLUDES);
    if (before != null) {
      return only(InspectCommand.class, factory);
    }
    System.setProperty(CONVERTER_EXCLUDES, "java\\.(time|sql)\\..*");
    try {
      return only(InspectCommand.class, factory);
    } finally {
      System.clearProperty(CONVERTER_EXCLUDES);
    }
  }

  /** {@code ntplab} itself, with no subcommand yet. */
  private static CommandLine top(CommandLine.IFactory factory) {
    Main main = new Main();
    CommandSpec spec =
        // Given the factory: without one, picocli makes its default one (see Factory).
        CommandSpec.wrapWithoutInspection(main, factory)
            .name("ntplab")
            .versionProvider(new Version());
    spec.usageMessage()
        .description("A workbench for learning the Network Time Protocol by building it.");
    spec.usageMessage()
        .footer("", "Run 'ntplab help COMMAND' for a command's options and examples.");
    HandBuilt.add(
        spec,
        HandBuilt.help("Show this help message and exit."),
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build(),
        main.stacktrace,
        main.noColor);
    main.spec = spec;
    return new CommandLine(spec, factory);
  }

  /**
   * Adds {@code command} to {@code cli}: {@code inspect} by its hand-built model, the others by
   * their annotations.
   */
  private static void add(CommandLine cli, Class<?> command, CommandLine.IFactory factory) {
    if (command != InspectCommand.class) {
      cli.addSubcommand(command);
      return;
    }
    try {
      cli.addSubcommand(
          new CommandLine(
              InspectCommand.model(factory.create(InspectCommand.class), factory), factory));
    } catch (Exception e) {
      throw new CommandLine.InitializationException(
          "cannot make the inspect command: " + e.getMessage(), e);
    }
  }

  /** A command's name: {@code ExportStudentCommand} is {@code export-student}. */
  static String name(Class<?> command) {
    String simple = command.getSimpleName();
    String words =
        simple.endsWith("Command")
            ? simple.substring(0, simple.length() - "Command".length())
            : simple;
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < words.length(); i++) {
      char c = words.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        name.append('-');
      }
      name.append(Character.toLowerCase(c));
    }
    return name.toString();
  }

  /** Whether {@code --stacktrace} was given, to this command or to the subcommand run. */
  boolean stacktrace() {
    return HandBuilt.value(stacktrace);
  }

  /** Whether {@code --no-color} was given, to this command or to the subcommand run. */
  boolean noColor() {
    return HandBuilt.value(noColor);
  }

  private static CommandLine configured(CommandLine cli) {
    String noColor = System.getenv("NO_COLOR");
    if (noColor != null && !noColor.isEmpty()) {
      cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    }
    cli.setExecutionExceptionHandler(ERRORS);
    cli.setParameterExceptionHandler(ERRORS);
    return cli;
  }

  private static final Errors ERRORS = new Errors();

  /**
   * The error handlers, as a class rather than method references: the class-data archive cannot
   * hold a lambda for picocli's interfaces (Java 5 class files), so each would be spun at start.
   */
  private static final class Errors
      implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
      return handleError(e, cli);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
      return handleUsageError(e);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Makes {@code inspect} with {@code new}, every other command through picocli's default factory.
   * The default factory costs a reflective constructor call and, at its first use, a search of the
   * class path for Groovy: about 5% of a one-shot inspect.
   */
  static final class Factory implements CommandLine.IFactory {
    private CommandLine.IFactory fallback;

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == InspectCommand.class) {
        return type.cast(new InspectCommand());
      }
      if (fallback == null) {
        fallback = CommandLine.defaultFactory();
      }
      return fallback.create(type);
    }
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

  private static int handleError(Exception e, CommandLine cli) {
    PrintWriter err = cli.getErr();
    String name = cli.getCommandSpec().qualifiedName();
    err.println(name + ": " + oneLine(e));
    Main top = (Main) cli.getCommandSpec().root().userObject();
    if (top.stacktrace()) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode(e);
  }

  static int exitCode(Exception e) {
    if (e instanceof BadInputException
        || e instanceof IllegalArgumentException
        || e instanceof MalformedPacketException
        || e instanceof MalformedCaptureException
        || e instanceof FixtureException) {
      return BAD_INPUT;
    }
    if (e instanceof FailureException
        || e instanceof IOException
        || e instanceof UncheckedIOException) {
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

  private static int handleUsageError(CommandLine.ParameterException e) {
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

    /**
     * {@code ntplab 0.1.0}, or for classes not from the jar, {@code ntplab (development build)}.
     */
    static String text() {
      String v = Main.class.getPackage().getImplementationVersion();
      return "ntplab " + (v == null ? "(development build)" : v);
    }
  }
}
