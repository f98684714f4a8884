package org.ntplab.grading.harness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ntplab.grading.Lab;
import org.ntplab.text.Printable;

/**
 * Where a hand-in keeps its labs, whatever shape it was uploaded in: a repository or an unpacked
 * zip with {@code labs/} one or more folders down, the lab folders themselves ({@code 02-decode/},
 * ...), or loose lab files ({@code Decoder.java}, {@code answers.jsh}), which are put into lab
 * folders of their own by their package, else by their class name. Links are never followed.
 */
public final class Upload {

  /**
   * How far down a labs folder or a lab file is looked for: a zip of a repository's folder is 2 or
   * 3 down.
   */
  static final int MAX_DEPTH = 6;

  /**
   * Folders that never hold a student's labs: version control, build output, editors, macOS's zip
   * debris.
   */
  private static final Set<String> SKIPPED =
      Set.of(
          ".git", ".github", "target", "node_modules", "__MACOSX", ".idea", ".vscode", "solutions");

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

  /** What was found. */
  public sealed interface Found permits Labs, Nothing {}

  /**
   * A labs folder to grade.
   *
   * @param dir the folder whose subfolders are the lab folders
   * @param notes what was done to find it, or left out, one line each (for the student's output);
   *     they quote the upload's file names, the student's to choose: their controls written out
   */
  public record Labs(Path dir, Shape shape, List<String> notes) implements Found {
    public Labs {
      notes = notes.stream().map(Printable::line).toList();
    }
  }

  /**
   * No labs at all: {@code message} says what was expected and what the upload holds (its names'
   * controls written out).
   */
  public record Nothing(String message) implements Found {
    public Nothing {
      message = Printable.text(message);
    }
  }

  /** The shapes an upload comes in. */
  public enum Shape {
    LABS_FOLDER,
    LAB_FOLDERS,
    LOOSE_FILES
  }

  /**
   * Whether {@code relative} lies in a folder that never holds a student's labs ({@link #SKIPPED}).
   */
  static boolean skipped(Path relative) {
    for (Path part : relative) {
      if (SKIPPED.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private Upload() {}

  /**
   * Finds the labs in {@code upload}; loose files are copied into lab folders under {@code scratch}
   * (which must be empty or absent), the upload itself is never changed.
   */
  public static Found locate(Path upload, Path scratch) throws IOException {
    return locate(upload, scratch, Lab.all());
  }

  /** As {@link #locate(Path, Path)}, knowing {@code labs} (ntplab's own and any being graded). */
  static Found locate(Path upload, Path scratch, Collection<Lab> labs) throws IOException {
    if (!Files.isDirectory(upload)) {
      return new Nothing(upload + " is not a folder");
    }
    // The upload's own folder may be a link (the grader's choice); links inside it are never
    // followed.
    upload = upload.toRealPath();
    Optional<Path> holder = labFolderHolder(upload, labs);
    if (holder.isPresent()) {
      Path dir = holder.get();
      Shape shape = dir.equals(upload) ? Shape.LAB_FOLDERS : Shape.LABS_FOLDER;
      String where =
          dir.equals(upload) ? "the upload's top folder" : upload.relativize(dir).toString() + "/";
      return new Labs(dir, shape, List.of("graded the lab folders in " + where));
    }
    return looseFiles(upload, scratch, labs);
  }

  /**
   * The shallowest folder with a lab folder in it; of two as shallow, one named {@code labs} (a
   * workbench's own copy beside a student's stray one).
   */
  private static Optional<Path> labFolderHolder(Path upload, Collection<Lab> labs)
      throws IOException {
    Set<String> labFolders = labs.stream().map(Lab::folder).collect(Collectors.toSet());
    List<Path> holders = new ArrayList<>();
    walk(
        upload,
        (dir, isDir) -> {
          if (isDir && labFolders.contains(dir.getFileName().toString())) {
            holders.add(dir.getParent());
          }
        });
    return holders.stream()
        .distinct()
        .min(
            Comparator.<Path>comparingInt(Path::getNameCount)
                .thenComparing(p -> !p.getFileName().toString().equals("labs"))
                .thenComparing(Comparator.naturalOrder()));
  }

  private static Found looseFiles(Path upload, Path scratch, Collection<Lab> labs)
      throws IOException {
    List<Path> files = new ArrayList<>();
    walk(
        upload,
        (file, isDir) -> {
          String name = file.getFileName().toString();
          if (!isDir && (name.endsWith(".java") || scriptNamed(name, labs).isPresent())) {
            files.add(file);
          }
        });
    List<String> notes = new ArrayList<>();
    Map<Path, Path> placed = new LinkedHashMap<>();
    for (Path file :
        files.stream()
            .sorted(
                Comparator.comparingInt(Path::getNameCount)
                    .thenComparing(Comparator.naturalOrder()))
            .toList()) {
      Optional<Lab> lab = labOf(file, labs);
      String shown = upload.relativize(file).toString();
      if (lab.isEmpty()) {
        notes.add(
            "left out "
                + shown
                + ": not in a lab's package (org.ntplab.labs.NAME) nor named as a lab's class");
        continue;
      }
      Path to = scratch.resolve(lab.get().folder()).resolve(file.getFileName().toString());
      if (placed.containsKey(to)) {
        notes.add(
            "left out "
                + shown
                + ": "
                + upload.relativize(placed.get(to))
                + " is already "
                + lab.get().folder()
                + "/"
                + to.getFileName());
        continue;
      }
      placed.put(to, file);
      notes.add("put " + shown + " in " + lab.get().folder() + "/");
    }
    if (placed.isEmpty()) {
      return new Nothing(expected(upload));
    }
    for (Map.Entry<Path, Path> move : placed.entrySet()) {
      Files.createDirectories(move.getKey().getParent());
      Files.copy(move.getValue(), move.getKey());
    }
    return new Labs(scratch, Shape.LOOSE_FILES, notes);
  }

  /** The lab a loose file belongs to: by its package if it has one, else by its name. */
  static Optional<Lab> labOf(Path file, Collection<Lab> labs) throws IOException {
    String name = file.getFileName().toString();
    Optional<Lab> script = scriptNamed(name, labs);
    if (script.isPresent()) {
      return script;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    }
    Matcher pkg = PACKAGE.matcher(text);
    String className = name.substring(0, name.length() - ".java".length());
    for (Lab lab : labs) {
      if (lab.isScript()) {
        continue;
      }
      String implementation = lab.implementation();
      String labPackage = implementation.substring(0, implementation.lastIndexOf('.'));
      boolean samePackage = pkg.find(0) && pkg.group(1).equals(labPackage);
      if (samePackage || !pkg.find(0) && implementation.endsWith("." + className)) {
        return Optional.of(lab);
      }
    }
    return Optional.empty();
  }

  /** The lab answered by a script named {@code name} ({@code answers.jsh}), if one is. */
  private static Optional<Lab> scriptNamed(String name, Collection<Lab> labs) {
    return labs.stream()
        .filter(lab -> lab.isScript() && lab.implementation().equals(name))
        .findFirst();
  }

  /** What run_autograder tells a student whose upload holds no labs. */
  static String expected(Path upload) throws IOException {
    List<String> seen = new ArrayList<>();
    walk(
        upload,
        (p, isDir) -> {
          if (seen.size() < 12) {
            seen.add(upload.relativize(p) + (isDir ? "/" : ""));
          }
        });
    return "No labs found in your upload. Upload one of: your repository (or a zip of it) with labs/ in it;"
        + " the lab folders themselves (00-warmup/, 01-timestamps/, ..., 09-mac/); or the files you edited"
        + " (answers.jsh, Timestamps.java, Decoder.java, ...), each with its package line as in the stub."
        + " Your upload holds: "
        + (seen.isEmpty()
            ? "nothing"
            : String.join(", ", seen) + (seen.size() == 12 ? ", ..." : ""))
        + ".";
  }

  private interface Visitor {
    void visit(Path path, boolean isDir) throws IOException;
  }

  /**
   * Every folder and regular file under {@code root} down to {@link #MAX_DEPTH}, links and {@link
   * #SKIPPED} left out.
   */
  private static void walk(Path root, Visitor visitor) throws IOException {
    Files.walkFileTree(
        root,
        Set.of(),
        MAX_DEPTH,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(root)) {
              return FileVisitResult.CONTINUE;
            }
            if (SKIPPED.contains(dir.getFileName().toString())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            visitor.visit(dir, true);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile()) {
              visitor.visit(file, false);
            } else if (attrs.isDirectory() && !SKIPPED.contains(file.getFileName().toString())) {
              visitor.visit(file, true); // a folder at MAX_DEPTH: seen, not entered
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
