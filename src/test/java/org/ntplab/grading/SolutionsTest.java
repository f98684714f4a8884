package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A lab's README and HINTS live in {@code labs/} alone and {@code solutions/} holds only solved
 * code, so the two cannot drift apart: a copied README here would fail this test.
 */
class SolutionsTest {

  private static final Path LABS = Path.of("labs");
  private static final Path SOLUTIONS = Path.of("solutions");

  @Test
  void everyLabHasItsReadmeAndHintsUnderLabs() {
    for (Lab lab : Lab.all()) {
      for (String doc : List.of("README.md", "HINTS.md")) {
        assertTrue(
            Files.isRegularFile(LABS.resolve(lab.folder()).resolve(doc)),
            "labs/" + lab.folder() + "/" + doc);
      }
    }
  }

  /** A lab's folder with no exercises class declaring it (or one declaring another title) shows. */
  @Test
  void everyFolderUnderLabsIsALab() throws IOException {
    assertEquals(
        Lab.all().stream().map(Lab::folder).toList(),
        folders(LABS),
        "each folder under labs/ needs a grading/*Exercises class declaring its number and title");
  }

  @Test
  void solutionsHoldOnlyCodeAndOneFolderPerLab() throws IOException {
    assumeTrue(Files.isDirectory(SOLUTIONS), "no solutions/ here: a student copy");
    assertEquals(Lab.all().stream().map(Lab::folder).toList(), folders(SOLUTIONS));
    try (Stream<Path> all = Files.walk(SOLUTIONS)) {
      List<String> notCode =
          all.filter(Files::isRegularFile)
              .filter(f -> !f.getParent().equals(SOLUTIONS))
              .map(Path::toString)
              .filter(name -> !name.endsWith(".java") && !name.endsWith(".jsh"))
              .toList();
      assertEquals(
          List.of(), notCode, "solutions/ holds only solved code; README and HINTS are in labs/");
    }
  }

  private static List<String> folders(Path dir) throws IOException {
    try (Stream<Path> all = Files.list(dir)) {
      return all.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
