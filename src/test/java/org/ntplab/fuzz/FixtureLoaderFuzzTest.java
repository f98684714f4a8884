package org.ntplab.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureCheck;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureStore;

/**
 * Fuzzes the fixture loader with any file: it loads (and then writes back to the same fixture, and
 * {@code fixtures verify} can judge it), or fails with a {@link FixtureException} on one line.
 */
class FixtureLoaderFuzzTest {

  @FuzzTest
  void load(byte[] bytes) throws IOException, FixtureException {
    Path file = Fuzzing.scratch("fixture.json", bytes);
    List<FixtureStore.FixtureFile> loaded;
    try {
      loaded = FixtureStore.load(file);
    } catch (FixtureException e) {
      Fuzzing.requireOneLine(e);
      if (e.getMessage().contains("[Source: ") || e.getMessage().contains("(code ")) {
        throw new AssertionError("the parser's internals in the message: " + e.getMessage());
      }
      return;
    }
    for (FixtureStore.FixtureFile f : loaded) {
      Fixture fixture = f.fixture();
      FixtureCheck.problems(fixture); // what `fixtures verify` says of it: never an exception
      Fuzzing.assertLoadsBack(fixture, "a loaded");
    }
  }
}
