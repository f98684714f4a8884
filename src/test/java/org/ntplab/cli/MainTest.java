package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The command line a run gets: only the subcommand it names, or every one where that is needed. */
class MainTest {

  /**
   * Help is read in an 80-column terminal: picocli wraps a longer line of a description where it
   * overflows, leaving a word or two alone on the next line.
   */
  @Test
  void everyCommandsDescriptionFitsEightyColumns() {
    CommandLine cli = Main.commandLine();
    List<String> tooLong = new java.util.ArrayList<>();
    for (CommandLine command : cli.getSubcommands().values()) {
      var usage = command.getCommandSpec().usageMessage();
      for (String line : usage.description()) {
        if (line.length() > 80) {
          tooLong.add(command.getCommandName() + ": " + line);
        }
      }
    }
    assertEquals(List.of(), tooLong);
  }

  @Test
  void aRunOfOneSubcommandBuildsOnlyThatOne() {
    CommandLine cli =
        Main.commandLine(CommandLine.defaultFactory(), "--stacktrace", "inspect", "--json", "host");
    assertEquals(List.of("inspect"), List.copyOf(cli.getSubcommands().keySet()));
  }

  @Test
  void everySubcommandIsFoundForARunByTheNameItsClassGives() {
    // A run finds its subcommand by the class's name, without reading annotations: it must be the
    // name the command answers to, or `ntplab NAME` would build every command (slow, not wrong).
    for (Class<?> command : Main.SUBCOMMANDS) {
      if (command == HelpCommand.class) {
        continue;
      }
      String name = Main.name(command);
      CommandLine cli = Main.commandLine(CommandLine.defaultFactory(), name, "--help");
      assertEquals(
          List.of(name), List.copyOf(cli.getSubcommands().keySet()), command.getSimpleName());
    }
    assertEquals("export-autograder", Main.name(ExportAutograderCommand.class));
  }

  @Test
  void inspectIsBuiltWithoutJavaTimeConvertersAndTheSettingIsPutBack() {
    // inspect's command line is made without picocli's reflective java.time converters (start-up);
    // its durations still parse through their own converter, and a command made afterwards in the
    // same JVM has picocli's converters again.
    CommandLine cli =
        Main.commandLine(CommandLine.defaultFactory(), "inspect", "--interval", "250ms", "host");
    cli.parseArgs("inspect", "--interval", "250ms", "--timeout", "2s", "--save", "f.json", "host");
    CommandLine inspect = cli.getSubcommands().get("inspect");
    assertEquals(
        Duration.ofMillis(250), inspect.getCommandSpec().findOption("--interval").getValue());
    assertEquals(Path.of("f.json"), inspect.getCommandSpec().findOption("--save").getValue());
    assertNull(System.getProperty("picocli.converters.excludes"));

    CommandSpec later = CommandSpec.create();
    later.addOption(OptionSpec.builder("--at").type(Instant.class).build());
    new CommandLine(later).parseArgs("--at", "2024-07-24T18:33:17Z");
    assertEquals(Instant.parse("2024-07-24T18:33:17Z"), later.findOption("--at").getValue());
  }

  @Test
  void theFactoryARunUsesMakesEveryCommand() {
    for (Class<?> command : Main.SUBCOMMANDS) {
      String name = Main.name(command);
      CommandLine cli = Main.commandLine(new Main.Factory(), name, "--help");
      assertTrue(cli.getSubcommands().containsKey(name), name);
    }
  }

  @Test
  void theInheritedFlagsReachTheRootWhereverTheyAreGiven() {
    CommandLine cli =
        Main.commandLine(CommandLine.defaultFactory(), "inspect", "--stacktrace", "--no-color");
    cli.parseArgs("inspect", "--stacktrace", "--no-color");
    Main top = (Main) cli.getCommandSpec().userObject();
    assertTrue(top.stacktrace());
    assertTrue(top.noColor());
    CommandLine plain = Main.commandLine(CommandLine.defaultFactory(), "inspect");
    plain.parseArgs("inspect");
    assertFalse(((Main) plain.getCommandSpec().userObject()).stacktrace());
  }

  @Test
  void withoutASubcommandOrWithHelpOrAMisspeltOneEveryOneIsThere() {
    List<String> all = List.copyOf(Main.commandLine().getSubcommands().keySet());
    assertEquals(Main.SUBCOMMANDS.size(), all.size());
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"--help"},
            new String[] {"help", "inspect"},
            new String[] {"inspct"})) {
      assertEquals(
          all,
          List.copyOf(
              Main.commandLine(CommandLine.defaultFactory(), args).getSubcommands().keySet()),
          String.join(" ", args));
    }
  }

  @Test
  void helpListsTheSubcommandsInTheirOrder() {
    String out = CliRun.of("--help").out();
    Matcher listed =
        Pattern.compile("(?m)^  (\\S+)\\s{2,}").matcher(out.substring(out.indexOf("Commands:")));
    List<String> names = listed.results().map(m -> m.group(1)).toList();
    assertEquals(List.copyOf(Main.commandLine().getSubcommands().keySet()), names);
    assertTrue(names.indexOf("inspect") < names.indexOf("sync"));
  }

  @Test
  void helpOnASubcommandAndAMisspeltNameStillWork() {
    CliRun help = CliRun.of("help", "sync");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("--max-step"), help.out());
    CliRun misspelt = CliRun.of("inspct");
    assertEquals(Main.BAD_INPUT, misspelt.exitCode());
    assertTrue(
        misspelt.err().startsWith("ntplab: Unmatched argument at index 0: 'inspct'"),
        misspelt.err());
  }

  @Test
  void aUsageErrorInTheOneSubcommandIsReportedAsBefore() {
    CliRun run = CliRun.of("inspect", "--count", "0", "127.0.0.1:1");
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertEquals("ntplab inspect: --count must be 1 or more, not 0", run.err().strip());
  }

  @Test
  void helpFollowsTheWholePathToASubcommand() {
    CliRun help = CliRun.of("help", "fixtures", "verify");
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().startsWith("Usage: ntplab fixtures verify "), help.out());
    assertEquals(CliRun.of("fixtures", "verify", "--help").out(), help.out());

    CliRun typo = CliRun.of("help", "fixtures", "verfy");
    assertEquals(Main.BAD_INPUT, typo.exitCode());
    assertTrue(
        typo.err().startsWith("ntplab help: 'fixtures' has no command 'verfy' (it has: verify"),
        typo.err());
  }

  @Test
  void everyCommandTakesNoColor() {
    List<CommandLine> all = new java.util.ArrayList<>(List.of(Main.commandLine()));
    for (int i = 0; i < all.size(); i++) {
      CommandLine command = all.get(i);
      assertTrue(
          command.getCommandSpec().findOption("--no-color") != null,
          command.getCommandSpec().qualifiedName());
      all.addAll(command.getSubcommands().values());
    }
    assertTrue(all.size() > Main.SUBCOMMANDS.size(), "nested commands too: " + all.size());

    CliRun decode = CliRun.of("decode", "--no-color", DecodeCommandTest.CLASSIC_REQUEST);
    assertEquals(0, decode.exitCode(), decode.err());
    assertFalse(decode.out().contains("\u001b["), decode.out());
    assertEquals(CliRun.of("decode", DecodeCommandTest.CLASSIC_REQUEST).out(), decode.out());
    CliRun verify = CliRun.of("fixtures", "verify", "--no-color", "fixtures");
    assertEquals(0, verify.exitCode(), verify.out());
    CliRun grade = CliRun.of("grade", "--no-color", "--help");
    assertEquals(0, grade.exitCode(), grade.err());
  }
}
