package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "2.5, 2500000000",
    "-0.75, -750000000",
    "2.5s, 2500000000",
    "500ms, 500000000",
    "250us, 250000",
    "250µs, 250000",
    "1m, 60000000000",
    "1min, 60000000000",
    "1h, 3600000000000",
    "0, 0",
    ".5, 500000000",
    "+3, 3000000000",
    "10ns, 10",
    "1.5 s, 1500000000",
  })
  void readsSecondsOrAUnit(String text, long nanos) {
    assertEquals(Duration.ofNanos(nanos), DurationConverter.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "2x", "1.5.3", "--1", "1e3", "0.5ns"})
  void saysWhatADurationLooksLike(String text) {
    CommandLine.TypeConversionException e =
        assertThrows(
            CommandLine.TypeConversionException.class, () -> DurationConverter.parse(text));
    assertEquals(true, e.getMessage().startsWith("'" + text + "' is"), e.getMessage());
  }
}
