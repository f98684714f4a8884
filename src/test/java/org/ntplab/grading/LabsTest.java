package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's search, in a class folder and in a jar, and what it refuses. */
class LabsTest {

  private static final ClassLoader LOADER = LabsTest.class.getClassLoader();

  @TempDir Path dir;

  /** Listed nowhere, so said without a list: lab 0 is the script, every other lab a class. */
  @Test
  void labZeroAloneIsAScript() {
    assertEquals(Lab.of(0), Lab.all().first());
    assertEquals("answers.jsh", Lab.of(0).implementation());
    assertEquals(
        List.of(Lab.of(0)), Lab.all().stream().filter(Lab::isScript).toList(), "only lab 0");
    assertEquals("org.ntplab.labs.timeprotocol.TimeProtocol", Lab.of(8).implementation());
  }

  /** The jar, as Gradescope's autograder and {@code ./ntplab} run it, finds the same labs. */
  @Test
  void aJarHoldsTheSameLabsAsTheClassFolder() throws Exception {
    Path classes = ClassFiles.sourceOf(Lab.class);
    Map<String, byte[]> grading = ClassFiles.read(classes, "org/ntplab/grading/", name -> true);
    Path jar = dir.resolve("ntplab.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream zip = new JarOutputStream(out)) {
      for (var e : grading.entrySet()) {
        zip.putNextEntry(new JarEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    assertEquals(Lab.all(), Labs.in(List.of(jar), LOADER).all());
  }

  @Test
  void aLabDeclaredTwiceIsAnError() throws Exception {
    Path ours = ClassFiles.sourceOf(Lab.class);
    var e = assertThrows(IllegalStateException.class, () -> Labs.in(List.of(ours, ours), LOADER));
    assertTrue(
        e.getMessage()
            .matches(
                "lab \\d+ is declared twice: in org\\.ntplab\\.grading\\.(\\w+) and \\S+\\.\\1"),
        e.getMessage());
  }

  @Test
  void noLabAtAllIsAnError() {
    var e = assertThrows(IllegalStateException.class, () -> Labs.in(List.of(dir), LOADER));
    assertTrue(e.getMessage().startsWith("no exercises class declares a lab in"), e.getMessage());
  }

  @Test
  void anUnknownNumberSaysWhichThereAre() {
    var e = assertThrows(IllegalArgumentException.class, () -> Lab.of(42));
    assertEquals("no lab 42 (labs are 0 to " + Lab.all().last().number() + ")", e.getMessage());
  }

  @Test
  void aTitleMustMakeAFolderAndAPackage() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Lab(10, "Time_Protocol", "X", Lab.of(1).exercises()));
    assertEquals(
        "lab 10 is titled \"Time_Protocol\": lower case words joined by hyphens", e.getMessage());
  }
}
