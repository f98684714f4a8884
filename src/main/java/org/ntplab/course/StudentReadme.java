package org.ntplab.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.ntplab.grading.Lab;

/**
 * The README a student copy carries: what to edit, how to grade, what the table means; nothing for
 * developers.
 */
final class StudentReadme {

  private StudentReadme() {}

  static String render(Path workbench) throws IOException {
    Map<Lab, Integer> points = LabPoints.of(workbench);
    StringBuilder table =
        new StringBuilder("| lab | folder | you edit | points |\n|---|---|---|---|\n");
    int total = 0;
    for (Lab lab : Lab.all()) {
      table
          .append("| ")
          .append(lab.number())
          .append(" | [`")
          .append(lab.folder())
          .append("/`](labs/")
          .append(lab.folder())
          .append("/README.md) | `")
          .append(LabPoints.file(lab))
          .append("` | ")
          .append(points.get(lab))
          .append(" |\n");
      total += points.get(lab);
    }
    table.append("| | | total | ").append(total).append(" |");
    return Templates.of("student-README.md").replace("{{LABS}}", table);
  }
}
