package org.ntplab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /**
   * A process killed (SIGKILL, no shutdown hooks) while it rewrites results.json over and over
   * leaves one whole version of it, never a mix or a part; only a hidden {@code .part} file may be
   * left beside.
   */
  @Test
  void aProcessKilledWhileWritingLeavesAWholeFile() throws Exception {
    Path file = dir.resolve("results.json");
    for (int kill = 0; kill < 3; kill++) {
      Process writer =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  KeepsWriting.class.getName(),
                  file.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        while (writer.isAlive() && KeepsWriting.writes(dir) < 5 + 10 * kill) {
          Thread.sleep(5); // killed at a different point of its writing each time
        }
      } finally {
        writer.destroyForcibly().waitFor();
      }
      String text = Files.readString(file);
      assertTrue(
          text.equals(KeepsWriting.text('a')) || text.equals(KeepsWriting.text('b')),
          "killed "
              + (kill + 1)
              + ": "
              + text.length()
              + " characters, starting "
              + text.substring(0, Math.min(40, text.length())));
      assertTrue(
          names(dir).stream()
              .allMatch(
                  n ->
                      n.equals("results.json")
                          || n.equals("writes")
                          || n.startsWith(".results.json") && n.endsWith(".part")),
          names(dir).toString());
    }
  }

  /**
   * Writes {@code args[0]} with {@link AtomicFiles}, two texts of 4 MB in turn, until killed;
   * counts its writes in a file beside it.
   */
  public static final class KeepsWriting {
    static String text(char c) {
      return "{\"output\": \"" + String.valueOf(c).repeat(4 << 20) + "\"}\n";
    }

    static int writes(Path dir) throws IOException {
      Path count = dir.resolve("writes");
      try {
        String text = Files.readString(count).strip();
        return text.isEmpty() ? 0 : Integer.parseInt(text);
      } catch (java.nio.file.NoSuchFileException | NumberFormatException e) {
        return 0;
      }
    }

    public static void main(String[] args) throws IOException {
      Path file = Path.of(args[0]);
      String a = text('a');
      String b = text('b');
      for (int n = 1; ; n++) {
        AtomicFiles.writeString(file, n % 2 == 0 ? a : b);
        AtomicFiles.writeString(file.resolveSibling("writes"), String.valueOf(n));
      }
    }
  }
}
