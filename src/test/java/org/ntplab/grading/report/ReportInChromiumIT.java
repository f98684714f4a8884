package org.ntplab.grading.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.ntplab.grading.Corpus;
import org.ntplab.grading.GradeReport;

/**
 * report.html as a browser draws it: headless Chromium's screenshot of the page shows the highlight
 * colour when a byte differs and none when every case passes. Counted in pixels, not compared pixel
 * for pixel, so fonts and anti-aliasing may change freely. Needs {@code chromium} (Debian's, which
 * .ci/run installs); fails without it, as the other interop tests fail without their peers.
 */
class ReportInChromiumIT {

  /**
   * {@link HtmlReport#DIFF_COLOUR}: a fill drawn as is, give or take a unit of colour management.
   */
  private static final int RED = 0xff;

  private static final int GREEN = 0xd0;
  private static final int BLUE = 0x00;

  private final Path dir = Path.of("target", "report-in-chromium");

  @Test
  void theDifferingBytesShowInTheHighlightColour() throws Exception {
    Corpus.TimePacket reply = FailedOnBytes.reply();
    int stratum = reply.bytes()[1] & 0xff;
    GradeReport report =
        FailedOnBytes.grade(
            reply,
            b -> FailedOnBytes.with(FailedOnBytes.with(b, 1, stratum + 1), 40, ~b[40]),
            false);
    long wrong = highlighted(screenshot(report, "wrong"));
    // Four highlighted bytes (two in each dump), each a box of over a hundred pixels (about 140 at
    // this size).
    assertTrue(wrong > 4 * 60, "highlighted pixels: " + wrong);
  }

  @Test
  void aPageWhereEveryCasePassesHasNone() throws Exception {
    GradeReport report = FailedOnBytes.grade(FailedOnBytes.reply(), b -> b, false);
    assertEquals(0, highlighted(screenshot(report, "right")));
  }

  private BufferedImage screenshot(GradeReport report, String name)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path page = dir.resolve(name + ".html").toAbsolutePath();
    Path png = dir.resolve(name + ".png").toAbsolutePath();
    Files.deleteIfExists(png);
    HtmlReport.write(report, page, Path.of("labs"));
    List<String> command =
        new ArrayList<>(
            List.of(
                "chromium",
                "--headless",
                "--disable-gpu",
                "--screenshot=" + png,
                "--window-size=1200,2000",
                "--hide-scrollbars",
                page.toUri().toString()));
    if ("root".equals(System.getProperty("user.name"))) {
      command.add(1, "--no-sandbox"); // Chromium's own sandbox will not start as root
    }
    Process chromium =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start();
    if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      throw new AssertionError("chromium took over two minutes; see " + dir.resolve(name + ".log"));
    }
    assertTrue(
        Files.isRegularFile(png),
        "chromium wrote no screenshot (exit "
            + chromium.exitValue()
            + "); see "
            + dir.resolve(name + ".log"));
    return ImageIO.read(png.toFile());
  }

  private static long highlighted(BufferedImage image) {
    long count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (near(rgb >> 16 & 0xff, RED) && near(rgb >> 8 & 0xff, GREEN) && near(rgb & 0xff, BLUE)) {
          count++;
        }
      }
    }
    return count;
  }

  private static boolean near(int value, int target) {
    return Math.abs(value - target) <= 3;
  }
}
