package org.ntplab.grading.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ntplab.grading.Lab;

/**
 * A student's labs compiled for the shell: the class folders of those that compiled, their classes,
 * and a line for each that did not. The shell runs them in its own engine, on the student's own
 * machine: this is for trying, not for grading.
 */
public record StudentLabs(List<Path> classes, List<String> types, List<String> broken) {

  private static final Path DEFAULT = Path.of("labs");

  /**
   * Compiles {@code labsDir} (null: {@code labs} if there is one) into {@code out}, lab by lab,
   * against the workbench's class path.
   */
  public static StudentLabs compile(Path labsDir, Path out) throws IOException {
    Path dir = labsDir != null ? labsDir : DEFAULT;
    if (!Files.isDirectory(dir)) {
      if (labsDir != null) {
        throw new IllegalArgumentException(labsDir + ": not a folder of labs");
      }
      return new StudentLabs(List.of(), List.of(), List.of());
    }
    SortedSet<Lab> present = new TreeSet<>();
    for (Lab lab : Lab.all()) {
      if (!lab.isScript() && Files.isDirectory(dir.resolve(lab.folder()))) {
        present.add(lab);
      }
    }
    List<Path> workbench =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of)
            .toList();
    LabCompiler.Result compiled = LabCompiler.compile(dir, dir.toString(), present, out, workbench);
    List<String> types = new ArrayList<>();
    for (Lab lab : present) {
      if (!compiled.broken().containsKey(lab)) {
        types.add(lab.implementation());
      }
    }
    List<String> broken =
        compiled.broken().keySet().stream()
            .map(
                lab ->
                    dir
                        + "/"
                        + lab.folder()
                        + " is not loaded: it does not compile (ntplab grade --lab "
                        + lab.number()
                        + " shows why)")
            .toList();
    return new StudentLabs(compiled.classPath(), types, broken);
  }

  /** The packages to import: {@code org.ntplab.labs.decode}. */
  public List<String> packages() {
    return types.stream().map(t -> t.substring(0, t.lastIndexOf('.'))).toList();
  }

  /** The labs' classes by simple name, for the greeting: {@code Decoder, Encoder}. */
  public String names() {
    return types.stream()
        .map(t -> t.substring(t.lastIndexOf('.') + 1))
        .collect(Collectors.joining(", "));
  }

  /**
   * The labs' class folders, then {@code workbench}: the student's classes win over any of the same
   * name.
   */
  public String classPath(String workbench) {
    return Stream.concat(classes.stream().map(Path::toString), Stream.of(workbench))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
