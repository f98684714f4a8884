package org.ntplab.grading.harness;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One student's labs folder, copied aside to be graded: whatever their code does to the copy
 * reaches neither the hand-in nor another student's. Links are not followed (a link to another
 * student's folder, or to a file of the grader's, copies nothing), and the copy is bounded.
 */
final class Submission implements AutoCloseable {

  /** Far beyond a labs folder's sources: a hand-in larger than this is not a labs folder. */
  static final long MAX_BYTES = 64L << 20;
  static final int MAX_FILES = 10_000;

  private final Path copy;

  private Submission(Path copy) {
    this.copy = copy;
  }

  /** The labs folder to grade: the copy. */
  Path labs() {
    return copy;
  }

  /** Copies {@code handIn} into a new folder of its own under {@code scratch}. */
  static Submission copy(Path handIn, Path scratch) throws IOException {
    Files.createDirectories(scratch);
    Path copy = Files.createTempDirectory(scratch, "submission-");
    Submission submission = new Submission(copy);
    try {
      Files.walkFileTree(handIn, new SimpleFileVisitor<>() {
        long bytes;
        int files;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
          Files.createDirectories(copy.resolve(handIn.relativize(dir).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (!attrs.isRegularFile()) {
            return FileVisitResult.CONTINUE; // a link, a device, a pipe: nothing a lab is made of
          }
          bytes += attrs.size();
          if (++files > MAX_FILES || bytes > MAX_BYTES) {
            throw new IOException(handIn + " holds more than " + MAX_FILES + " files or " + (MAX_BYTES >> 20)
                + " MB: not a labs folder");
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

  /** Removes the copy. */
  @Override
  public void close() throws IOException {
    if (!Files.exists(copy)) {
      return;
    }
    try (Stream<Path> all = Files.walk(copy)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
