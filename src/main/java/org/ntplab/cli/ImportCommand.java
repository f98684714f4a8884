package org.ntplab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureJson;
import org.ntplab.fixture.Importer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ntplab import}: captures in, fixtures out, with no expected value written by hand. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Turn captures into fixtures: pcap, pcapng, or hex text (plain hex, xxd, hexdump -C, tcpdump -X).",
      "Replies are paired with their requests (origin = transmit) and get T1/T4 from the capture times.",
      "Fixtures are written to OUT/replies, OUT/requests and OUT/edge (what the decoder rejects)."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab import class.pcap --out ~/hidden-fixtures --prefix class-   (hidden: outside the repo)",
      "  tcpdump -X -r ntp.pcap > ntp.txt && ntplab import ntp.txt --out /tmp/fx",
      "  ntplab import big.pcapng --out fixtures --limit 50 --tag lab3"
    })
final class ImportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Capture or hex text files.")
  List<Path> files;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Fixture folder to write into.")
  Path out;

  @Option(names = "--prefix", defaultValue = "", paramLabel = "TEXT", description = "Put before every fixture id.")
  String prefix;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "At most N fixtures per file (0: all).")
  int limit;

  @Option(names = "--tag", paramLabel = "TAG", description = "Add a tag to every fixture (repeatable).")
  List<String> tags = new ArrayList<>();

  @Option(names = "--force", description = "Overwrite fixture files that already exist.")
  boolean force;

  @Option(names = "--dry-run", description = "Show what would be written, write nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (limit < 0) {
      throw new Main.BadInputException("--limit must be 0 (all) or more, not " + limit);
    }
    Importer.Options options = new Importer.Options(prefix, limit, tags);
    int written = 0;
    Map<Path, Path> claimed = new HashMap<>(); // fixture file -> the capture it came from
    for (Path file : files) {
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        throw new Main.BadInputException(file + ": not a readable file");
      }
      Importer.Result result = Importer.importFile(file, options);
      List<Path> targets = new ArrayList<>();
      for (Fixture fixture : result.fixtures()) {
        Path target = this.out.resolve(Importer.folderFor(fixture)).resolve(fixture.id() + ".json");
        Path earlier = claimed.putIfAbsent(target, file);
        if (earlier != null) {
          throw new Main.BadInputException(file + " and " + earlier + " both make " + target.getFileName()
              + ": import them separately, each with its own --prefix");
        }
        if (Files.exists(target) && !force) {
          throw new Main.BadInputException(target + " already exists (use --force to overwrite, or --prefix)");
        }
        targets.add(target);
      }
      for (int i = 0; i < targets.size() && !dryRun; i++) {
        FixtureJson.write(result.fixtures().get(i), targets.get(i).getParent());
      }
      written += targets.size();
      out.println(summary(file, result));
      out.flush();
    }
    if (written == 0) {
      throw new Main.FailureException("no NTP packets (UDP port 123) in " + files.stream().map(Path::toString)
          .collect(Collectors.joining(", ")) + ": nothing written");
    }
    out.println((dryRun ? "would write " : "wrote ") + plural(written, "fixture") + " under " + this.out);
    return Main.OK;
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String summary(Path file, Importer.Result result) {
    long pairs = result.fixtures().stream().filter(f -> f.hasTag("pair")).count();
    long malformed = result.fixtures().stream().filter(f -> f.expect() == Fixture.Expect.MALFORMED).count();
    StringBuilder line = new StringBuilder()
        .append(file.getFileName()).append(": ").append(plural(result.datagrams(), "NTP datagram")).append(" -> ")
        .append(plural(result.fixtures().size(), "fixture")).append(" (").append(plural(pairs, "request/reply pair"));
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
