package org.ntplab.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules each lab's README states, read from its {@code ## Rules the grader checks} list: the
 * README is the one place a rule is written; exercises only name it, by id, on the cases that would
 * catch it broken ({@link Case#rules}).
 */
public final class Rules {

  /** The heading of the list, as every lab README spells it. */
  public static final String HEADING = "## Rules the grader checks";

  /** {@code - `poll-signed`: poll is a signed 8-bit exponent}. */
  private static final Pattern BULLET = Pattern.compile("- `([a-z0-9][a-z0-9-]*)`: (.+)");

  private Rules() {}

  /** One stated rule, and where: {@code line} is 1-based. */
  public record Rule(Lab lab, String id, String text, Path readme, int line) {

    /** {@code labs/02-decode/README.md:41}. */
    public String where() {
      return readme + ":" + line;
    }
  }

  /**
   * {@code rules} if {@code witnessed}, else none: for a case that witnesses them only on some
   * inputs.
   */
  public static Set<String> when(boolean witnessed, String... rules) {
    return witnessed ? Set.of(rules) : Set.of();
  }

  /** Every rule of {@code sets}, in order. */
  @SafeVarargs
  public static Set<String> union(Set<String>... sets) {
    Set<String> all = new LinkedHashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return all;
  }

  /**
   * The id of the rule an enum constant names in its README: {@code ORIGIN_MISMATCH} is {@code
   * origin-mismatch}.
   */
  public static String id(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The folder of the READMEs for the labs graded from {@code labs}: itself, or, for a folder of
   * solved code that holds none (solutions/: a lab's README lives only in labs/), the labs/ beside
   * it.
   */
  public static Path readmes(Path labs) throws IOException {
    Path beside = labs.toAbsolutePath().normalize().resolveSibling("labs");
    if (!Files.isDirectory(labs) || !Files.isDirectory(beside)) {
      return labs;
    }
    try (var folders = Files.list(labs)) {
      boolean own = folders.anyMatch(f -> Files.isRegularFile(f.resolve("README.md")));
      return own ? labs : beside;
    }
  }

  /** {@code labs/NN-title/README.md} under {@code labs}. */
  public static Path readme(Path labs, Lab lab) {
    return labs.resolve(lab.folder()).resolve("README.md");
  }

  /**
   * The rules {@code lab}'s README under {@code labs} states, in its order; none if it has no list.
   */
  public static List<Rule> stated(Path labs, Lab lab) throws IOException {
    Path readme = readme(labs, lab);
    List<String> lines = Files.readAllLines(readme);
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    boolean inList = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#")) {
        inList = line.strip().equals(HEADING);
        continue;
      }
      Matcher bullet = BULLET.matcher(line);
      if (inList && bullet.matches()) {
        if (!ids.add(bullet.group(1))) {
          throw new IOException(
              readme + ":" + (i + 1) + ": rule `" + bullet.group(1) + "` is stated twice");
        }
        rules.add(new Rule(lab, bullet.group(1), bullet.group(2).strip(), readme, i + 1));
      } else if (inList && !rules.isEmpty() && line.startsWith("  ") && !line.isBlank()) {
        Rule last = rules.remove(rules.size() - 1); // a bullet wrapped onto the next line
        rules.add(new Rule(lab, last.id(), last.text() + " " + line.strip(), readme, last.line()));
      }
    }
    return rules;
  }
}
