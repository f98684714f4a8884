package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A student's labs folder for an attack: a copy of the stubs or the solutions, edited. */
final class LabsCopy {

  private LabsCopy() {}

  /**
   * A copy of {@code from} at {@code copy}, with {@code edits} (file to from/to pairs) made; an
   * edit whose text the file no longer has fails, so an attack never silently stops attacking.
   */
  static Path of(Path from, Path copy, Map<String, List<String>> edits) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = copy.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    for (var e : edits.entrySet()) {
      Path file = copy.resolve(e.getKey());
      String text = Files.readString(file);
      List<String> pairs = e.getValue();
      for (int i = 0; i < pairs.size(); i += 2) {
        assertTrue(text.contains(pairs.get(i)), "the solution changed: " + pairs.get(i));
        text = text.replace(pairs.get(i), pairs.get(i + 1));
      }
      Files.writeString(file, text);
    }
    return copy;
  }
}
