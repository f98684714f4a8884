package org.ntplab.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureJson;

/** What the fuzz targets share: the one-line rule for errors, a memory budget, a scratch file. */
final class Fuzzing {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Fuzzing() {}

  /** An error that escapes must say what and where on one line, as the CLI prints it. */
  static void requireOneLine(Exception e) {
    assertNotNull(e.getMessage(), () -> e.getClass().getSimpleName() + " without a message");
    assertFalse(
        e.getMessage().isBlank() || e.getMessage().contains("\n"),
        () -> "not one line: " + e.getMessage());
  }

  /**
   * Runs {@code work} and fails if it allocated more than {@code fixed} bytes plus {@code perByte}
   * per input byte: a length field read from the input must not decide how much is allocated.
   * Measured on the calling thread, so no timing or other test can disturb it; over budget, the
   * work runs again and only that counts, since the first run of a code path also loads (and,
   * fuzzing, instruments) its classes. What the work throws is thrown on, after the check.
   */
  static <T> T withinMemory(int inputLength, long fixed, long perByte, Supplier<T> work) {
    long budget = fixed + perByte * inputLength;
    Run<T> run = Run.of(work);
    if (run.allocated > budget) {
      run = Run.of(work);
    }
    long used = run.allocated;
    assertTrue(
        used <= budget,
        () ->
            used
                + " bytes allocated for "
                + inputLength
                + " bytes of input (budget "
                + budget
                + ")");
    if (run.thrown != null) {
      throw run.thrown;
    }
    return run.result;
  }

  /** One measured run: its result or what it threw, and the bytes it allocated. */
  private record Run<T>(T result, RuntimeException thrown, long allocated) {
    static <T> Run<T> of(Supplier<T> work) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      try {
        T result = work.get();
        return new Run<>(result, null, THREADS.getCurrentThreadAllocatedBytes() - before);
      } catch (RuntimeException e) {
        return new Run<>(null, e, THREADS.getCurrentThreadAllocatedBytes() - before);
      }
    }
  }

  /** The fixture written as JSON (to one scratch file) loads back equal. */
  static void assertLoadsBack(Fixture fixture, String what) throws FixtureException {
    Path written =
        scratch("rewritten.json", FixtureJson.toJson(fixture).getBytes(StandardCharsets.UTF_8));
    assertEquals(
        fixture, FixtureJson.read(written), what + " fixture does not load back as written");
  }

  /**
   * A file this JVM rewrites for every input: the file-reading APIs get the bytes as a user's file.
   */
  static Path scratch(String name, byte[] bytes) {
    try {
      Path file = DIR.resolve(name);
      if (CREATED.add(name)) {
        file.toFile().deleteOnExit(); // before the directory: files registered later go first
      }
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Path DIR = scratchDirectory();
  private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

  private static Path scratchDirectory() {
    try {
      Path shm =
          Path.of("/dev/shm"); // memory-backed where there is one: fuzzing writes a file per input
      Path dir =
          Files.isDirectory(shm) && Files.isWritable(shm)
              ? Files.createTempDirectory(shm, "ntplab-fuzz")
              : Files.createTempDirectory("ntplab-fuzz");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
