package org.ntplab.course;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ntplab.grading.Lab;
import org.ntplab.io.Folders;

/**
 * The zip Gradescope takes for a programming assignment: {@code setup.sh} and {@code
 * run_autograder} at its top (Gradescope's names), the workbench in {@code workbench/} (the student
 * copy's files: the grader's sources, built once by setup.sh) and the instructor's hidden fixtures
 * in {@code hidden-fixtures/}. The scripts are templates in this package, given the labs to grade
 * and when students see the hidden fixtures' tests.
 *
 * @param labs the labs to grade, or empty for all
 * @param visibility Gradescope's visibility for the tests on hidden fixtures, e.g. {@code
 *     after_due_date}
 */
public record AutograderZip(
    Path workbench, Path hiddenFixtures, List<Lab> labs, String visibility) {

  public static final String WORKBENCH = "workbench";
  public static final String HIDDEN_FIXTURES = "hidden-fixtures";

  private static final Set<PosixFilePermission> EXECUTABLE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  public AutograderZip {
    labs = List.copyOf(labs);
  }

  /**
   * Writes the zip to {@code out} (replacing it whole, never leaving half a zip); returns the
   * number of files in it.
   */
  public int write(Path out) throws IOException {
    Path staging = Files.createTempDirectory("ntplab-autograder-");
    Path zip = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
    try {
      StudentCopy.write(workbench, Files.createDirectories(staging.resolve(WORKBENCH)));
      if (hiddenFixtures != null) {
        copyTree(hiddenFixtures, staging.resolve(HIDDEN_FIXTURES));
      }
      Files.writeString(staging.resolve("setup.sh"), Templates.of("setup.sh"));
      Files.writeString(
          staging.resolve("run_autograder"),
          Templates.of("run_autograder")
              .replace(
                  "{{LABS}}",
                  labs.stream()
                      .map(l -> String.valueOf(l.number()))
                      .collect(Collectors.joining(",")))
              .replace("{{VISIBILITY}}", visibility));
      Files.deleteIfExists(zip);
      int files = zip(staging, zip);
      Files.move(zip, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return files;
    } finally {
      Files.deleteIfExists(zip);
      Folders.delete(staging);
    }
  }

  /**
   * Zips {@code dir}'s contents (not the folder itself: Gradescope wants setup.sh at the top),
   * modes kept.
   */
  private static int zip(Path dir, Path zip) throws IOException {
    int count = 0;
    Map<String, String> env = Map.of("create", "true", "enablePosixFileAttributes", "true");
    try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), env);
        Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted().toList()) {
        Path to = fs.getPath("/").resolve(dir.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
          continue;
        }
        Files.copy(p, to);
        boolean runnable =
            Files.isExecutable(p)
                || p.getFileName().toString().equals("run_autograder")
                || p.getFileName().toString().endsWith(".sh");
        Files.setPosixFilePermissions(
            to, runnable ? EXECUTABLE : PosixFilePermissions.fromString("rw-r--r--"));
        count++;
      }
    }
    return count;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(p)) {
          Files.copy(p, target);
        }
      }
    }
  }
}
