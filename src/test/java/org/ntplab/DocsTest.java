package org.ntplab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The documents agree with the code: packages described, links that lead somewhere. */
class DocsTest {

  /** Run from the project's folder, as Surefire does. */
  private static final Path ROOT = Path.of("").toAbsolutePath();

  private static final Path SOURCES = ROOT.resolve("src/main/java/org/ntplab");

  private static final List<String> DOCUMENTS =
      List.of("ARCHITECTURE.md", "README.md", "SECURITY.md", "BENCHMARKS.md");

  /** {@code [text](target)} or {@code [text](target "title")}; the target is group 1. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  /** {@code [name]: target}, a reference-style link's definition. */
  private static final Pattern DEFINITION = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*(\\S+)");

  /** A row of the floors table: {@code | 2 | `sync` | ...}. */
  private static final Pattern FLOOR_ROW =
      Pattern.compile("(?m)^\\|\\s*\\d+\\s*\\|\\s*`([a-z.]+)`\\s*\\|");

  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    List<String> missing =
        packages().stream()
            .filter(
                p ->
                    !Files.exists(
                        SOURCES.resolve(p.replace('.', '/')).resolve("package-info.java")))
            .toList();
    assertEquals(
        List.of(),
        missing,
        "packages without a package-info.java (one or two lines: what is in it)");
  }

  @Test
  void theArchitectureNamesEveryPackageAndOnlyPackagesThatExist() throws IOException {
    Set<String> named = new TreeSet<>();
    FLOOR_ROW.matcher(read("ARCHITECTURE.md")).results().forEach(m -> named.add(m.group(1)));
    assertEquals(
        packages(), named, "ARCHITECTURE.md's floors table (package names without org.ntplab.)");
  }

  @Test
  void everyRelativeLinkLeadsToAFileOrAHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (String document : DOCUMENTS) {
      for (String target : links(read(document))) {
        if (target.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // https:, mailto: — not ours to check offline
        }
        checked++;
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path file =
            path.isEmpty()
                ? ROOT.resolve(document)
                : ROOT.resolve(document).resolveSibling(path).normalize();
        if (!file.startsWith(ROOT) || !Files.exists(file)) {
          broken.add(document + ": " + target + " (no such file or folder)");
        } else if (hash >= 0
            && file.toString().endsWith(".md")
            && !anchors(Files.readString(file)).contains(target.substring(hash + 1))) {
          broken.add(document + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken);
    assertTrue(
        checked > 50, "ARCHITECTURE.md links its files: the pattern must see them, saw " + checked);
  }

  @Test
  void theLinkPatternSeesWhatMarkdownLinksAndNotCode() {
    String text =
        """
        See [SECURITY.md](SECURITY.md), [`Sample`](src/x/Sample.java "title") and [a][b].

        [b]: fixtures/README.md#sources
        ```
        int[] a = new int[4]; a[0](ignored.md)
        ```
        """;
    assertEquals(
        List.of("SECURITY.md", "src/x/Sample.java", "fixtures/README.md#sources"), links(text));
    assertEquals(
        Set.of(
            "security",
            "grading-untrusted-code-grade-mvn-test",
            "a-packet-through-decode-and-inspect"),
        anchors(
            "# Security\n### Grading untrusted code (`grade`, `mvn test`)\n"
                + "## A packet through `decode` and `inspect`\n```\n# not a heading\n```\n"));
  }

  @Test
  void noCodeOrDocumentPointsToADesignDocumentThatDoesNotExist() throws IOException {
    String stale = "DESIGN" + " §"; // split, or this file would hold it
    List<String> found = new ArrayList<>();
    Files.walkFileTree(
        ROOT,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            String name = dir.equals(ROOT) ? "" : dir.getFileName().toString();
            boolean skipped = name.startsWith(".") || dir.equals(ROOT.resolve("target"));
            return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            if (isText(file)
                && new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(stale)) {
              found.add(ROOT.relativize(file).toString());
            }
            return FileVisitResult.CONTINUE;
          }
        });
    assertEquals(List.of(), found, "name ARCHITECTURE.md and its section instead");
  }

  /** Every package under src/main/java, named without {@code org.ntplab.}. */
  private static Set<String> packages() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files
          .filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"))
          .map(
              p ->
                  SOURCES
                      .relativize(p.getParent())
                      .toString()
                      .replace(p.getFileSystem().getSeparator(), "."))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The link targets of a Markdown text, in order, leaving out fenced code blocks. */
  private static List<String> links(String markdown) {
    String prose = withoutFences(markdown);
    List<String> targets = new ArrayList<>();
    Matcher inline = LINK.matcher(prose);
    while (inline.find()) {
      targets.add(inline.group(1));
    }
    Matcher defined = DEFINITION.matcher(prose);
    while (defined.find()) {
      targets.add(defined.group(1));
    }
    return targets;
  }

  /**
   * The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as
   * hyphens.
   */
  private static Set<String> anchors(String markdown) {
    return withoutFences(markdown)
        .lines()
        .filter(l -> l.matches("#{1,6} .*"))
        .map(
            l ->
                l.replaceFirst("#+ ", "")
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'))
        .collect(Collectors.toSet());
  }

  private static String withoutFences(String markdown) {
    return markdown.replaceAll("(?ms)^\\s*```.*?^\\s*```[^\\n]*$", "");
  }

  private static String read(String document) throws IOException {
    return Files.readString(ROOT.resolve(document));
  }

  private static boolean isText(Path file) {
    String name = file.getFileName().toString();
    return name.equals("ntplab")
        || name.matches(".*\\.(java|md|xml|sh|jsh|txt|py|properties|json)");
  }
}
