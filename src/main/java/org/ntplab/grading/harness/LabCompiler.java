package org.ntplab.grading.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.ntplab.grading.Lab;

/**
 * Compiles a labs folder for grading, one lab folder at a time into its own class folder, so that a
 * lab that does not compile costs that lab only, against the student runtime alone (the contracts
 * and the JDK), then checks the class files ({@link LabClassRules}). Errors read as javac prints
 * them.
 */
public final class LabCompiler {

  /** Javac stops at 100; a student needs the first few. */
  private static final int MAX_ERRORS = 10;

  /**
   * What compiled and what did not.
   *
   * @param classPath the class folders of the labs that compiled
   * @param broken per lab that did not compile (or is missing), what every exercise of it is told
   */
  public record Result(List<Path> classPath, Map<Lab, String> broken) {}

  private LabCompiler() {}

  /**
   * Compiles each of {@code labs} found in {@code labsDir} into {@code out/NN-title}, against
   * {@code classPath} (the student runtime, where {@code org.ntplab.lab} is). {@code shown} is how
   * {@code labsDir} is named in messages, e.g. {@code labs}.
   */
  public static Result compile(
      Path labsDir, String shown, Set<Lab> labs, Path out, List<Path> classPath)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IOException(
          "no Java compiler in " + System.getProperty("java.home") + ": run with a JDK, not a JRE");
    }
    List<Path> compiled = new ArrayList<>();
    Map<Lab, String> broken = new LinkedHashMap<>();
    for (Lab lab : new TreeSet<>(labs)) {
      // Emptied, not made anew: what was compiled before is gone even when nothing is compiled now.
      Path classes = out.resolve(lab.folder());
      Files.createDirectories(classes);
      emptyFolder(classes);
      Path folder = labsDir.resolve(lab.folder());
      if (!Files.isDirectory(folder)) {
        broken.put(
            lab,
            shown + "/" + lab.folder() + " is missing: the lab's folder must be there, named so");
        continue;
      }
      List<Path> sources;
      try (Stream<Path> files = Files.walk(folder)) {
        sources =
            files
                .filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f))
                .sorted()
                .toList();
      }
      if (sources.isEmpty()) {
        continue; // a lab answered otherwise (a JShell script, say)
      }
      String errors = compile(javac, sources, classes, classPath, labsDir, shown);
      String why =
          errors != null ? "does not compile:\n" + errors : brokenRules(lab, classes, shown);
      if (why == null) {
        compiled.add(classes);
      } else {
        broken.put(lab, shown + "/" + lab.folder() + " " + why);
        // No class a student process could load is left, even in a process whose class path shows
        // the folder.
        emptyFolder(classes);
      }
    }
    return new Result(compiled, broken);
  }

  /**
   * Null when the lab's class files keep the rules ({@link LabClassRules}); else which they break.
   */
  private static String brokenRules(Lab lab, Path classes, String shown) throws IOException {
    List<String> problems = LabClassRules.problems(lab, classes, shown + "/" + lab.folder());
    return problems.isEmpty()
        ? null
        : "breaks the rules for a lab's classes:\n" + String.join("\n", problems);
  }

  /** Null when it compiled; else the errors, javac style. */
  private static String compile(
      JavaCompiler javac,
      List<Path> sources,
      Path classes,
      List<Path> classPath,
      Path labsDir,
      String shown)
      throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-d",
              classes.toString(),
              "-classpath",
              classPath.stream()
                  .map(Path::toString)
                  .collect(Collectors.joining(File.pathSeparator)),
              "--release",
              "17",
              "-encoding",
              "UTF-8",
              "-proc:none",
              "-implicit:none",
              "-nowarn");
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      if (ok) {
        return null;
      }
    }
    List<Diagnostic<? extends JavaFileObject>> errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .toList();
    StringBuilder text = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d :
        errors.subList(0, Math.min(MAX_ERRORS, errors.size()))) {
      text.append(describe(d, labsDir, shown)).append('\n');
    }
    if (errors.size() > MAX_ERRORS) {
      text.append("... and ").append(errors.size() - MAX_ERRORS).append(" more\n");
    }
    text.append(errors.size()).append(errors.size() == 1 ? " error" : " errors");
    return text.toString();
  }

  /** {@code labs/02-decode/Decoder.java:12: error: ';' expected}, the line, and a caret. */
  private static String describe(
      Diagnostic<? extends JavaFileObject> d, Path labsDir, String shown) {
    String message = d.getMessage(Locale.ROOT);
    if (d.getSource() == null) {
      return "error: " + message;
    }
    Path file = Path.of(d.getSource().toUri());
    String name =
        shown
            + "/"
            + labsDir
                .toAbsolutePath()
                .normalize()
                .relativize(file.toAbsolutePath().normalize())
                .toString()
                .replace('\\', '/');
    StringBuilder text = new StringBuilder(name + ":" + d.getLineNumber() + ": error: " + message);
    if (d.getLineNumber() > 0) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String line = lines.get((int) d.getLineNumber() - 1);
        text.append('\n').append(line);
        if (d.getColumnNumber() > 0) {
          text.append('\n').append(" ".repeat((int) d.getColumnNumber() - 1)).append('^');
        }
      } catch (IOException | RuntimeException e) {
        // The message and line number are the useful part; the echo of the line is a courtesy.
      }
    }
    return text.toString();
  }

  /**
   * Removes what is in {@code dir}, keeping the folder: a warm student process's sandbox shows it,
   * and a folder made again would not be the one shown ({@link Watch}).
   */
  private static void emptyFolder(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder())
          .filter(p -> !p.equals(dir))
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
