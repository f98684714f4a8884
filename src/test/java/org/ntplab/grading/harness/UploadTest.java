package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Upload}: the labs found in each shape a hand-in comes in, without grading them. */
class UploadTest {

  @TempDir Path dir;

  @Test
  void theShallowestLabsFolderWinsAndAWorkbenchsSolutionsAreNeverTaken() throws IOException {
    write(
        "repo/solutions/02-decode/Decoder.java",
        "package org.ntplab.labs.decode; class Decoder {}");
    write("repo/labs/02-decode/Decoder.java", "package org.ntplab.labs.decode; class Decoder {}");
    write("repo/old/deeper/labs/02-decode/Decoder.java", "x");
    Upload.Labs labs =
        assertInstanceOf(Upload.Labs.class, Upload.locate(dir, dir.resolve("scratch")));
    assertEquals(dir.resolve("repo/labs").toRealPath(), labs.dir());
    assertEquals(Upload.Shape.LABS_FOLDER, labs.shape());
  }

  @Test
  void looseFilesGoByPackageElseByNameAndADuplicateIsLeftOutSaySo() throws IOException {
    write("a/Decoder.java", "// mine\npackage org.ntplab.labs.decode;\nclass Decoder {}");
    write("b/Decoder.java", "package org.ntplab.labs.decode; class Decoder { /* older */ }");
    write("Helper.java", "package org.ntplab.labs.checks;\nclass Helper {}");
    write("Encoder.java", "class Encoder {}");
    write("answers.jsh", "int x = 1;");
    write("Other.java", "class Other {}");
    Path scratch = dir.resolve("scratch");
    Upload.Labs labs =
        assertInstanceOf(Upload.Labs.class, Upload.locate(dir.resolve("."), scratch));
    assertEquals(Upload.Shape.LOOSE_FILES, labs.shape());
    assertTrue(Files.readString(scratch.resolve("02-decode/Decoder.java")).startsWith("// mine"));
    assertTrue(Files.exists(scratch.resolve("05-checks/Helper.java")));
    assertTrue(Files.exists(scratch.resolve("03-encode/Encoder.java")));
    assertTrue(Files.exists(scratch.resolve("00-warmup/answers.jsh")));
    String notes = String.join("\n", labs.notes());
    assertTrue(
        notes.contains("left out b/Decoder.java: a/Decoder.java is already 02-decode/Decoder.java"),
        notes);
    assertTrue(notes.contains("left out Other.java"), notes);
  }

  @Test
  void nothingUsableSaysWhatWasExpectedAndWhatWasThere() throws IOException {
    write("report.pdf", "%PDF");
    Upload.Nothing nothing =
        assertInstanceOf(Upload.Nothing.class, Upload.locate(dir, dir.resolve("scratch")));
    assertTrue(
        nothing.message().contains("labs/") && nothing.message().contains("report.pdf"),
        nothing.message());
  }

  private void write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
