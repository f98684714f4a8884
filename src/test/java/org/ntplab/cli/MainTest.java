package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line a run gets: only the subcommand it names, or every one where that is needed. */
class MainTest {

  @Test
  void aRunOfOneSubcommandBuildsOnlyThatOne() {
    CommandLine cli = Main.commandLine(CommandLine.defaultFactory(), "--stacktrace", "inspect", "--json", "host");
    assertEquals(List.of("inspect"), List.copyOf(cli.getSubcommands().keySet()));
  }

  @Test
  void withoutASubcommandOrWithHelpOrAMisspeltOneEveryOneIsThere() {
    List<String> all = List.copyOf(Main.commandLine().getSubcommands().keySet());
    assertEquals(Main.SUBCOMMANDS.size(), all.size());
    for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", "inspect"},
        new String[] {"inspct"})) {
      assertEquals(all, List.copyOf(Main.commandLine(CommandLine.defaultFactory(), args).getSubcommands().keySet()),
          String.join(" ", args));
    }
  }

  @Test
  void helpListsTheSubcommandsInTheirOrder() {
    String out = CliRun.of("--help").out();
    Matcher listed = Pattern.compile("(?m)^  (\\S+)\\s{2,}").matcher(out.substring(out.indexOf("Commands:")));
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
    assertTrue(misspelt.err().startsWith("ntplab: Unmatched argument at index 0: 'inspct'"), misspelt.err());
  }

  @Test
  void aUsageErrorInTheOneSubcommandIsReportedAsBefore() {
    CliRun run = CliRun.of("inspect", "--count", "0", "127.0.0.1:1");
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertEquals("ntplab inspect: --count must be 1 or more, not 0", run.err().strip());
  }
}
