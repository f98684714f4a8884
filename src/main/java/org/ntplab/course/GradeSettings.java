package org.ntplab.course;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.GradeReport;
import org.ntplab.grading.Lab;
import org.ntplab.grading.harness.Harness;

/** How to grade one labs folder: which labs, over which fixtures, how long at most. */
public record GradeSettings(Set<Lab> labs, Corpus corpus, Duration timeLimit, boolean showHidden) {

  /** Compiles {@code labsDir} into {@code work} and grades it in a student process of its own. */
  public GradeReport grade(Path labsDir, String shown, Path work, Consumer<String> printed)
      throws IOException {
    return Harness.grade(options(labsDir, shown, work, printed), corpus);
  }

  public Harness.Options options(Path labsDir, String shown, Path work, Consumer<String> printed) {
    return Harness.Options.of(labs, labsDir, work)
        .withShown(shown)
        .withDeadline(timeLimit)
        .withHiddenShown(showHidden)
        .withPrinted(printed);
  }
}
