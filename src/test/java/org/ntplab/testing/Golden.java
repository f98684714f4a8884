package org.ntplab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered text with a file under {@code src/test/resources/golden/}, named by its path
 * there ({@code inspect/nts-reply.txt}). Run with {@code -Dntplab.golden.update=true} to (re)write
 * the files after an intended change, then read the diff before committing it: the diff is the
 * review.
 */
public final class Golden {

  private static final String DIRECTORY = "golden/";

  private Golden() {}

  public static void assertMatches(String name, String rendered) {
    // The renderers println, so on Windows lines end in CRLF; the files keep LF.
    String actual = rendered.replace(System.lineSeparator(), "\n");
    if (Boolean.getBoolean("ntplab.golden.update")) {
      write(name, actual);
      return;
    }
    try (InputStream in = Golden.class.getResourceAsStream("/" + DIRECTORY + name)) {
      if (in == null) {
        fail("no golden file " + DIRECTORY + name + "; create it with -Dntplab.golden.update=true");
      }
      assertEquals(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, "golden file " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(String name, String text) {
    Path file = Path.of(System.getProperty("basedir", "."), "src/test/resources", DIRECTORY, name);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
