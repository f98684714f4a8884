package org.ntplab.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.Importer;
import org.ntplab.fixture.MalformedHexException;
import org.ntplab.fixture.capture.MalformedCaptureException;

/**
 * Fuzzes {@code ntplab import} below the CLI: any file (capture or hex text) gives fixtures that
 * load back as written, or one of the errors the command reports as bad input.
 */
class ImporterFuzzTest {

  private static final long MEMORY = 64L << 20;

  @FuzzTest
  void importFile(byte[] bytes) throws IOException, FixtureException {
    Path file = Fuzzing.scratch("capture.pcap", bytes);
    Importer.Result result;
    try {
      result =
          Fuzzing.withinMemory(
              bytes.length,
              MEMORY,
              256,
              () -> {
                try {
                  return Importer.importFile(file, Importer.Options.DEFAULTS);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof MalformedCaptureException)) {
        throw e;
      }
      Fuzzing.requireOneLine(e.getCause());
      return;
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof MalformedHexException) {
        // Hex text that is not hex: the message names the file, then the line and column.
        assertTrue(e.getMessage().startsWith(file + ": line "), e::toString);
        Fuzzing.requireOneLine(e);
        return;
      }
      // Datagrams.text: neither a capture nor UTF-8 text, the one other error the command reports.
      assertTrue(
          e.getMessage() != null
              && e.getMessage().contains("neither a pcap/pcapng capture nor hex text"),
          e::toString);
      Fuzzing.requireOneLine(e);
      return;
    }
    assertTrue(result.fixtures().size() <= result.datagrams(), "more fixtures than datagrams");
    for (Fixture fixture : result.fixtures()) {
      Fuzzing.assertLoadsBack(fixture, "an imported");
    }
  }
}
