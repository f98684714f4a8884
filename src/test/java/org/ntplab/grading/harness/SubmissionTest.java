package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-in copied aside: where its labs are found, and zips made to climb out or to fill the disk.
 */
class SubmissionTest {

  @TempDir Path dir;

  @Test
  void theLabsAreFoundInARepositoryAndAtTheTop() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo/course/labs/02-decode"));
    Files.createDirectories(dir.resolve("repo/course/docs/old/labs-2019"));
    try (Submission copy = Submission.copy(dir.resolve("repo"), dir.resolve("scratch"))) {
      assertTrue(
          Files.isDirectory(copy.labs(Set.of()).resolve("02-decode")),
          copy.labs(Set.of()).toString());
      assertTrue(
          copy.labs(Set.of()).endsWith(Path.of("course/labs")), copy.labs(Set.of()).toString());
    }
    assertTrue(Files.isDirectory(repo));
    Files.createDirectories(dir.resolve("flat/04-offset-delay"));
    try (Submission copy = Submission.copy(dir.resolve("flat"), dir.resolve("scratch"))) {
      assertTrue(Files.isDirectory(copy.labs(Set.of()).resolve("04-offset-delay")));
    }
  }

  @Test
  void aHandInWithNoLabIsSaidToBeNone() throws IOException {
    Files.createDirectories(dir.resolve("essay"));
    Files.writeString(dir.resolve("essay/answers.txt"), "42\n");
    try (Submission copy = Submission.copy(dir.resolve("essay"), dir.resolve("scratch"))) {
      IOException none = assertThrows(IOException.class, () -> copy.labs(Set.of()));
      assertTrue(none.getMessage().startsWith("No labs found in your upload."), none.getMessage());
      assertTrue(none.getMessage().endsWith("Your upload holds: answers.txt."), none.getMessage());
    }
  }

  @Test
  void aZipIsUnpackedAndItsLabsFound() throws IOException {
    Path zip = zip("handin.zip", "project/labs/02-decode/Decoder.java", new byte[] {'/', '/'});
    try (Submission copy = Submission.copy(zip, dir.resolve("scratch"))) {
      assertEquals("//", Files.readString(copy.labs(Set.of()).resolve("02-decode/Decoder.java")));
    }
  }

  @Test
  void aZipEntryThatClimbsOutIsRefusedAndWritesNothing() throws IOException {
    Path zip = zip("evil.zip", "../../escaped.txt", new byte[] {'x'});
    IOException refused =
        assertThrows(IOException.class, () -> Submission.copy(zip, dir.resolve("scratch/a")));
    assertEquals(
        "evil.zip: entry ../../escaped.txt would unpack outside its folder", refused.getMessage());
    assertTrue(
        Files.notExists(dir.resolve("escaped.txt"))
            && Files.notExists(dir.resolve("scratch/escaped.txt")));
  }

  @Test
  void aZipThatUnpacksBeyondTheBoundIsRefused() throws IOException {
    // A megabyte of zeros compresses to a kilobyte: 65 of them unpack past the 64 MB bound.
    Path zip = dir.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 65; i++) {
        out.putNextEntry(new ZipEntry("labs/02-decode/zeros" + i));
        out.write(zeros);
        out.closeEntry();
      }
    }
    IOException refused =
        assertThrows(IOException.class, () -> Submission.copy(zip, dir.resolve("scratch")));
    assertTrue(
        refused.getMessage().endsWith("holds more than 10000 files or 64 MB: not a labs folder"),
        refused.getMessage());
    assertTrue(Files.size(zip) < (1 << 20));
  }

  /**
   * A scratch folder named with {@code ..} (as {@code --out ./grades} gives) unpacks like any
   * other.
   */
  @Test
  void aZipUnpacksUnderAScratchPathWithDotSegmentsAndWindowsSeparators() throws IOException {
    Path zip = zip("win.zip", "project\\labs\\02-decode\\Decoder.java", new byte[] {'/', '/'});
    Files.createDirectories(dir.resolve("elsewhere"));
    try (Submission copy = Submission.copy(zip, dir.resolve("elsewhere/../scratch"))) {
      assertEquals("//", Files.readString(copy.labs(Set.of()).resolve("02-decode/Decoder.java")));
    }
  }

  /** A repository's build output and version control are left out of the copy and of its bounds. */
  @Test
  void buildOutputNeitherCountsNorIsCopied() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo/labs/02-decode"));
    Files.writeString(repo.resolve("Decoder.java"), "//");
    Path target = Files.createDirectories(dir.resolve("repo/target/classes"));
    for (int i = 0; i < 10_001; i++) {
      Files.writeString(target.resolve("C" + i + ".class"), "");
    }
    try (Submission copy = Submission.copy(dir.resolve("repo"), dir.resolve("scratch"))) {
      assertTrue(Files.isRegularFile(copy.labs(Set.of()).resolve("02-decode/Decoder.java")));
      assertTrue(Files.notExists(copy.labs(Set.of()).resolveSibling("target")));
    }
  }

  /** Folders cost as files do: a small zip of empty folders cannot make the copy walk millions. */
  @Test
  void aZipOfEmptyFoldersIsBoundedLikeOneOfFiles() throws IOException {
    Path zip = dir.resolve("folders.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i <= 10_000; i++) {
        out.putNextEntry(new ZipEntry("labs/02-decode/d" + i + "/"));
        out.closeEntry();
      }
    }
    IOException refused =
        assertThrows(IOException.class, () -> Submission.copy(zip, dir.resolve("scratch")));
    assertTrue(refused.getMessage().endsWith("not a labs folder"), refused.getMessage());
  }

  private Path zip(String name, String entry, byte[] content) throws IOException {
    Path zip = dir.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry(entry));
      ((OutputStream) out).write(content);
      out.closeEntry();
    }
    return zip;
  }
}
