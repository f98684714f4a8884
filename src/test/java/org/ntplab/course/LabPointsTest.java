package org.ntplab.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ntplab.grading.Lab;

/** The points the student README and the Classroom workflow give each lab are the grader's. */
class LabPointsTest {

  @Test
  void theLabsAreWorthTheirPublishedPoints() throws IOException {
    assertEquals(
        285, LabPoints.of(Path.of("")).values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(30, LabPoints.of(Path.of("")).get(Lab.of(2)));
    assertEquals("Decoder.java", LabPoints.file(Lab.of(2)));
    assertEquals("answers.jsh", LabPoints.file(Lab.of(0)));
  }
}
