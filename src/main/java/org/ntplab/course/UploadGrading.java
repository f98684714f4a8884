package org.ntplab.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Grading;
import org.ntplab.grading.Lab;
import org.ntplab.grading.harness.Harness;
import org.ntplab.grading.harness.Upload;
import org.ntplab.io.Folders;

/**
 * {@code ntplab grade --upload DIR}: one hand-in as a student uploaded it, its labs found wherever
 * they are.
 */
public final class UploadGrading {

  /**
   * The grade, and what was done to find the labs (or why there were none), for the student to read
   * first.
   */
  public record Graded(GradeReport report, String note) {}

  private UploadGrading() {}

  public static Graded grade(Path upload, GradeSettings settings, Consumer<String> printed)
      throws IOException {
    if (!Files.isDirectory(upload)) {
      throw new IllegalArgumentException("--upload " + upload + ": no such folder");
    }
    Path work = Files.createDirectories(Path.of("target", "grade", "cli"));
    Path scratch = Files.createTempDirectory(work, "upload-");
    try {
      Upload.Found found = Upload.locate(upload, scratch.resolve("labs"));
      if (found instanceof Upload.Labs labs) {
        return new Graded(
            settings.grade(labs.dir(), "your upload", work, printed),
            String.join("\n", labs.notes()) + "\n\n");
      }
      String message = ((Upload.Nothing) found).message();
      List<Lab> graded = Lab.all().stream().filter(settings.labs()::contains).toList();
      return new Graded(
          new GradeReport(
              graded.stream()
                  .flatMap(
                      lab ->
                          Harness.broken(lab, message, Grading.exercises(lab, settings.corpus()))
                              .stream())
                  .toList()),
          message + "\n\n");
    } finally {
      Folders.delete(scratch);
    }
  }
}
