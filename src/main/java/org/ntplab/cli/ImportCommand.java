package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureJson;
import org.ntplab.fixture.Importer;
import org.ntplab.text.Counts;
import org.ntplab.wire.NtpMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntplab import}: captures in, fixtures out, with no expected value written by hand. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Turn captures into fixtures: pcap, pcapng, or hex text (plain hex, xxd,",
      "hexdump -C, tcpdump -X). Replies are paired with their requests (origin =",
      "transmit) and get T1/T4 from the capture times. Fixtures are written to",
      "OUT/replies, OUT/requests and OUT/edge (what the decoder rejects).",
      "",
      "Nothing is lost without a word, and nothing is half done:",
      "  - every FILE is read and checked first; fixtures are written only when all",
      "    are good, each file whole: after a failure, fix it and run it again;",
      "  - a capture cut short (tcpdump killed, a download cut off) gives the",
      "    fixtures of its whole frames, as tcpdump and tshark read it, and a",
      "    warning saying what was dropped;",
      "  - a packet given as hex that the decoder rejects is imported (to edge/,",
      "    \"expect\": \"malformed\") with a warning: a byte lost in copying looks",
      "    just like that.",
      "",
      "Tags: --tag labels fixtures for you (to find them with grep); it selects",
      "nothing. Every lab grades every fixture it can use, chosen by what the",
      "packets hold (a time packet to decode, a pair with T1 and T4 for offset and",
      "delay), never by tag. Which fixtures are graded is chosen by folder: fixtures/",
      "for everyone, and your own folder given to grade --fixtures (hidden ones)."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab import class.pcap --out ~/hidden-fixtures --prefix class-",
      "  tcpdump -X -r ntp.pcap > ntp.txt && ntplab import ntp.txt --out /tmp/fx",
      "  ntplab import big.pcapng --out fixtures --limit 50 --tag class-2026",
      "  ntplab import lab.pcap --out /tmp/fx --port 1123   (ntplab serve --port 1123)",
      "",
      "Exit status: 0 written (warnings, if any, on stderr), 1 no NTP packets found,",
      "2 a file cannot be used (nothing is written then)."
    })
final class ImportCommand implements Callable<Integer> {

  /** A tag that reads like a lab's name: people expect it to select that lab, which no tag does. */
  private static final Pattern LAB_NAME = Pattern.compile("(?i)lab[-_ ]?\\d+.*");

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture or hex text files.")
  List<Path> files;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Fixture folder to write into.")
  Path out;

  @Option(
      names = "--prefix",
      defaultValue = "",
      paramLabel = "TEXT",
      description = "Put before every fixture id.")
  String prefix;

  @Option(
      names = "--limit",
      defaultValue = "0",
      paramLabel = "N",
      description = "At most N fixtures per file (0: all).")
  int limit;

  @Option(
      names = "--tag",
      paramLabel = "TAG",
      description =
          "Add a label to every fixture (repeatable), e.g. class-2026. A label only: see above.")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "Also read NTP on this UDP port, besides 123 (repeatable), e.g. a server run with --port 1123.")
  List<Integer> ports = new ArrayList<>();

  @Option(names = "--force", description = "Overwrite fixture files that already exist.")
  boolean force;

  @Option(names = "--dry-run", description = "Show what would be written, write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Importer.Options options = options();
    for (Path file : files) {
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        throw new Main.BadInputException(file + ": not a readable file");
      }
    }
    // Everything is read and checked before the first file is written: a bad file costs nothing.
    Map<Path, Importer.Result> results = new LinkedHashMap<>();
    for (Path file : files) {
      results.put(file, Importer.importFile(file, options));
    }
    Map<Path, Fixture> targets = targets(results);
    for (String tag : tags) {
      if (LAB_NAME.matcher(tag).matches()) {
        err.println(
            "ntplab import: warning: tag "
                + tag
                + " is a label only, it selects no lab: every lab grades"
                + " every fixture it can use (see ntplab import --help)");
      }
    }
    results.forEach(
        (file, result) -> {
          out.println(summary(file, result));
          result.warnings().forEach(w -> err.println("ntplab import: warning: " + w));
        });
    out.flush();
    err.flush();
    if (targets.isEmpty()) {
      throw new Main.FailureException(
          "no NTP packets on UDP "
              + portList(options.ports())
              + " in "
              + files.stream().map(Path::toString).collect(Collectors.joining(", "))
              + ": nothing written (NTP on another port? add --port PORT)");
    }
    if (!dryRun) {
      write(targets);
    }
    out.println(
        (dryRun ? "would write " : "wrote ")
            + Counts.plural(targets.size(), "fixture")
            + " under "
            + this.out);
    return Main.OK;
  }

  private Importer.Options options() {
    if (limit < 0) {
      throw new Main.BadInputException("--limit must be 0 (all) or more, not " + limit);
    }
    Set<Integer> looked = new TreeSet<>(List.of(NtpMessage.PORT));
    for (int port : ports) {
      if (port < 1 || port > 65535) {
        throw new Main.BadInputException("--port must be 1 to 65535, not " + port);
      }
      looked.add(port);
    }
    return new Importer.Options(prefix, limit, tags, looked);
  }

  /**
   * Where each fixture goes; refused whole when two files make one name or a file exists (without
   * --force).
   */
  private Map<Path, Fixture> targets(Map<Path, Importer.Result> results) {
    Map<Path, Fixture> targets = new LinkedHashMap<>();
    Map<Path, Path> claimed = new HashMap<>(); // fixture file -> the capture it came from
    results.forEach(
        (file, result) -> {
          for (Fixture fixture : result.fixtures()) {
            Path target =
                this.out.resolve(Importer.folderFor(fixture)).resolve(fixture.id() + ".json");
            Path earlier = claimed.putIfAbsent(target, file);
            if (earlier != null) {
              throw new Main.BadInputException(
                  file
                      + " and "
                      + earlier
                      + " both make "
                      + target.getFileName()
                      + ": import them separately, each with its own --prefix; nothing written");
            }
            if (Files.exists(target) && !force) {
              throw new Main.BadInputException(
                  target
                      + " already exists (use --force to overwrite, or --prefix);"
                      + " nothing written");
            }
            targets.put(target, fixture);
          }
        });
    return targets;
  }

  /**
   * Writes each fixture atomically; if one cannot be written (disk full, a file where a folder
   * should be), the ones this run created are removed again, so that running it again after the fix
   * just works.
   */
  private static void write(Map<Path, Fixture> targets) throws IOException {
    List<Path> created = new ArrayList<>();
    for (Map.Entry<Path, Fixture> target : targets.entrySet()) {
      boolean existed = Files.exists(target.getKey());
      try {
        FixtureJson.write(target.getValue(), target.getKey().getParent());
      } catch (IOException e) {
        for (Path file : created) {
          Files.deleteIfExists(file);
        }
        throw new IOException(
            "cannot write "
                + target.getKey()
                + " ("
                + why(e)
                + "); the "
                + Counts.plural(created.size(), "file")
                + " this run wrote before it "
                + (created.size() == 1 ? "was" : "were")
                + " removed",
            e);
      }
      if (!existed) {
        created.add(target.getKey());
      }
    }
  }

  private static String why(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + " is a file, not a folder";
    }
    return e instanceof FileSystemException f && f.getReason() != null
        ? f.getReason()
        : String.valueOf(e.getMessage());
  }

  /** {@code port 123}, {@code ports 123, 1123}. */
  private static String portList(Set<Integer> ports) {
    return (ports.size() == 1 ? "port " : "ports ")
        + ports.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String summary(Path file, Importer.Result result) {
    long pairs = result.fixtures().stream().filter(f -> f.hasTag("pair")).count();
    long malformed =
        result.fixtures().stream().filter(f -> f.expect() == Fixture.Expect.MALFORMED).count();
    StringBuilder line =
        new StringBuilder()
            .append(file.getFileName())
            .append(": ")
            .append(Counts.plural(result.datagrams(), "NTP datagram"))
            .append(" -> ")
            .append(Counts.plural(result.fixtures().size(), "fixture"))
            .append(" (")
            .append(Counts.plural(pairs, "request/reply pair"));
    if (malformed > 0) {
      line.append(", ").append(malformed).append(" malformed");
    }
    line.append(")");
    if (result.duplicatesSkipped() > 0) {
      line.append("; skipped ").append(result.duplicatesSkipped()).append(" exact duplicates");
    }
    if (result.overLimit() > 0) {
      line.append("; left out ").append(result.overLimit()).append(" over --limit");
    }
    return line.toString();
  }
}
