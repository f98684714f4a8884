package org.ntplab.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a student gets of a workbench: the build, the launcher, {@code labs/}, the project's own
 * {@code fixtures/} and {@code src/} (the grader is built from it), and nothing else: no {@code
 * solutions/}, no hidden fixtures (those live outside the workbench), no {@code .git}, no CI, no
 * build output.
 */
public final class StudentCopy {

  /**
   * Copied when present; an allow list, so whatever an instructor adds beside them stays home. The
   * developers' README.md is not among them: the copy gets {@link StudentReadme}'s.
   */
  public static final List<String> ENTRIES =
      List.of(
          "pom.xml", "mvnw", "mvnw.cmd", ".mvn", "ntplab", ".gitignore", "labs", "fixtures", "src");

  /** Without these the copy cannot build or grade. */
  private static final List<String> REQUIRED = List.of("pom.xml", "labs", "fixtures", "src");

  /** Build output and editor files (the .gitignore's entries), wherever they are. */
  private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git", ".idea", ".vscode");

  private static final List<String> SKIPPED_SUFFIXES =
      List.of(".class", ".iml", "target-build.log");

  private StudentCopy() {}

  public static boolean isWorkbench(Path folder) {
    return folder != null
        && REQUIRED.stream().allMatch(entry -> Files.exists(folder.resolve(entry)));
  }

  /** Why {@code workbench} cannot be handed out as it is, if it cannot. */
  public static Optional<String> problem(Path workbench) throws IOException {
    for (String entry : REQUIRED) {
      if (!Files.exists(workbench.resolve(entry))) {
        return Optional.of(workbench + " is not an ntplab workbench (no " + entry + ")");
      }
    }
    // A lab file that is its solution (after `cp -r solutions/*/ labs/`, say, and a comment
    // touched up) would hand out the answer: compared as the compiler reads them.
    Path solutions = workbench.resolve("solutions");
    if (Files.isDirectory(solutions)) {
      for (Path solved : files(solutions)) {
        Path lab = workbench.resolve("labs").resolve(solved.toString());
        if (isCode(solved)
            && Files.isRegularFile(lab)
            && SourceTokens.of(read(lab))
                .equals(SourceTokens.of(read(solutions.resolve(solved))))) {
          return Optional.of(
              "labs/"
                  + solved
                  + " is the same code as solutions/"
                  + solved
                  + ": the copy would hold the answer (restore the stubs, e.g. git checkout labs/)");
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Copies the student's part of {@code workbench} into {@code dir}, keeping file modes (mvnw and
   * ntplab stay executable); returns the number of files written.
   */
  public static int write(Path workbench, Path dir) throws IOException {
    int[] count = {0};
    for (String entry : ENTRIES) {
      Path from = workbench.resolve(entry);
      if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attrs)
                throws IOException {
              if (!folder.equals(from)
                  && SKIPPED_FOLDERS.contains(folder.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              Files.createDirectories(dir.resolve(workbench.relativize(folder).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              String name = file.getFileName().toString();
              if (SKIPPED_SUFFIXES.stream().noneMatch(name::endsWith)) {
                Path to = dir.resolve(workbench.relativize(file).toString());
                Files.copy(
                    file,
                    to,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
                count[0]++;
              }
              return FileVisitResult.CONTINUE;
            }
          });
    }
    Files.writeString(
        dir.resolve("README.md"), StudentReadme.render(workbench), StandardCharsets.UTF_8);
    return count[0] + 1;
  }

  private static boolean isCode(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".java") || name.endsWith(".jsh");
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      return all.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
    }
  }
}
