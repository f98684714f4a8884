package org.ntplab.grading;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Java files of a labs folder, each of which must be in a package under {@code
 * org.ntplab.labs}: a file that declared {@code org.ntplab.grading} would be compiled beside the
 * grader and could stand in for one of its classes.
 */
public final class LabSources {

  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  private static final String WHERE = "a lab's classes are in its package under org.ntplab.labs, as the stub's are";

  private LabSources() {}

  /**
   * One line per file of {@code dir} (a labs folder, or one lab's) outside the labs' packages,
   * naming it as {@code shown} + its path below {@code labsDir}; empty when all is well.
   */
  public static List<String> misplaced(Path labsDir, Path dir, String shown) throws IOException {
    List<String> problems = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(dir)) {
      sources = files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).sorted().toList();
    }
    for (Path source : sources) {
      Matcher m = PACKAGE.matcher(Files.readString(source, StandardCharsets.UTF_8));
      String name = shown + "/" + labsDir.relativize(source).toString().replace('\\', '/');
      if (!m.find()) {
        problems.add(name + ": no package declaration: " + WHERE);
      } else if (!(m.group(1) + ".").startsWith(LabClassLoader.LABS)) {
        problems.add(name + ": package " + m.group(1) + " is not a lab's (it would stand in for ntplab's own): "
            + WHERE);
      }
    }
    return problems;
  }
}
