package org.ntplab.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written whole or not at all: the text goes to a temporary file beside the target, which
 * then takes the target's name in one step. A grade run or an import killed midway leaves the old
 * file or none, never half a results.json for Gradescope to read.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code text} as UTF-8 to {@code file}, creating its folder, replacing what was there.
   */
  public static Path writeString(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    try {
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      try {
        Files.move(
            partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(
            partial, target, StandardCopyOption.REPLACE_EXISTING); // a file system without rename
      }
    } finally {
      Files.deleteIfExists(partial);
    }
    return file;
  }
}
