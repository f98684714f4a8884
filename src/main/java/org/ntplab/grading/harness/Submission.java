package org.ntplab.grading.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.ntplab.grading.Lab;
import org.ntplab.io.Folders;

/**
 * One student's labs folder, copied aside to be graded: whatever their code does to the copy
 * reaches neither the hand-in nor another student's. Links are not followed (a link to another
 * student's folder, or to a file of the grader's, copies nothing), and the copy is bounded. A
 * hand-in may be a folder or a {@code .zip}, and the labs may be a few folders down in it (a whole
 * repository, with its {@code labs/}).
 */
public final class Submission implements AutoCloseable {

  /** Far beyond a labs folder's sources: a hand-in larger than this is not a labs folder. */
  static final long MAX_BYTES = 64L << 20;

  static final int MAX_FILES = 10_000;

  /**
   * Where this submission's files go: the hand-in's copy and, apart, loose lab files put in lab
   * folders.
   */
  private final Path root;

  private final Path copy;
  private final Path placed;

  private Submission(Path root) {
    this.root = root;
    this.copy = root.resolve("hand-in");
    this.placed = root.resolve("placed");
  }

  /**
   * The labs folder to grade, found in the copy as {@link Upload} finds it in any upload: the lab
   * folders at the top, a {@code labs/} some folders down, or loose lab files put in lab folders of
   * their own.
   *
   * @param graded the labs being graded, known here beside ntplab's own
   * @throws IOException there are none: what was handed in is not labs
   */
  Path labs(Set<Lab> graded) throws IOException {
    SortedSet<Lab> known = new TreeSet<>(Lab.all());
    known.addAll(graded);
    Upload.Found found = Upload.locate(copy, placed, known);
    if (found instanceof Upload.Labs labs) {
      return labs.dir();
    }
    throw new IOException(((Upload.Nothing) found).message());
  }

  /**
   * Copies {@code handIn}, a folder or a {@code .zip}, into a new folder of its own under {@code
   * scratch}.
   */
  static Submission copy(Path handIn, Path scratch) throws IOException {
    Files.createDirectories(scratch);
    Submission submission = new Submission(Files.createTempDirectory(scratch, "submission-"));
    Path copy = Files.createDirectories(submission.copy);
    try {
      if (Files.isRegularFile(handIn, LinkOption.NOFOLLOW_LINKS) && isZip(handIn)) {
        unzip(handIn, copy);
        return submission;
      }
      Files.walkFileTree(
          handIn,
          new SimpleFileVisitor<>() {
            long bytes;
            int files;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              if (!dir.equals(handIn) && Upload.skipped(handIn.relativize(dir))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              Files.createDirectories(copy.resolve(handIn.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (!attrs.isRegularFile()) {
                return FileVisitResult
                    .CONTINUE; // a link, a device, a pipe: nothing a lab is made of
              }
              bytes += attrs.size();
              if (++files > MAX_FILES || bytes > MAX_BYTES) {
                throw tooLarge(handIn);
              }
              Files.copy(file, copy.resolve(handIn.relativize(file).toString()));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | RuntimeException e) {
      submission.close();
      throw e;
    }
    return submission;
  }

  /** Whether {@code file} is named as a zip: a hand-in, as a folder is. */
  public static boolean isZip(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /**
   * Unpacks {@code zip} into {@code into} within the copy's bounds. An entry whose name would land
   * outside (an absolute name, {@code ..}) makes the zip refused, not skipped: it was made to
   * climb.
   */
  private static void unzip(Path zip, Path into) throws IOException {
    long bytes = 0;
    int files = 0;
    byte[] buffer = new byte[1 << 16];
    Path root = into.toAbsolutePath().normalize();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        // Windows' own zips write folders with backslashes.
        String name = entry.getName().replace('\\', '/');
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || name.startsWith("/")) {
          throw new IOException(
              zip.getFileName()
                  + ": entry "
                  + entry.getName()
                  + " would unpack outside its folder");
        }
        if (++files > MAX_FILES) {
          throw tooLarge(zip);
        }
        if (Upload.skipped(root.relativize(target))) {
          continue; // version control, build output: never a lab, and often the bulk of a zip
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            bytes += n;
            if (bytes > MAX_BYTES) {
              throw tooLarge(zip);
            }
            out.write(buffer, 0, n);
          }
        }
      }
    } catch (ZipException | FileAlreadyExistsException e) {
      throw new IOException(
          zip.getFileName() + " is not a zip that can be read: " + e.getMessage());
    }
  }

  private static IOException tooLarge(Path handIn) {
    return new IOException(
        handIn
            + " holds more than "
            + MAX_FILES
            + " files or "
            + (MAX_BYTES >> 20)
            + " MB: not a labs folder");
  }

  /** Removes the copy. */
  @Override
  public void close() throws IOException {
    Folders.delete(root);
  }
}
