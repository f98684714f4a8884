package org.ntplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  private List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesTheWholeTextInANewFolderAndReplacesAnOldFileLeavingNothingElse() throws IOException {
    Path file = dir.resolve("grade").resolve("results.json");
    AtomicFiles.writeString(file, "{\"score\": 1}\n");
    AtomicFiles.writeString(file, "{\"score\": 2} µ\n");
    assertEquals("{\"score\": 2} µ\n", Files.readString(file));
    assertEquals(List.of("results.json"), names(file.getParent()));
  }

  @Test
  void aWriteThatFailsLeavesWhatWasThereAndNoPartialFile() throws IOException {
    // The target's name is taken by a folder with something in it: the last step cannot happen.
    Path taken = Files.createDirectories(dir.resolve("results.json"));
    Files.writeString(taken.resolve("keep"), "old");
    assertThrows(IOException.class, () -> AtomicFiles.writeString(taken, "new"));
    assertEquals("old", Files.readString(taken.resolve("keep")));
    assertEquals(List.of("results.json"), names(dir));
  }
}
