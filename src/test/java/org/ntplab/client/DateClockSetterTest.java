package org.ntplab.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the command line is tested: no test ever runs it, since the tests may run as root. */
class DateClockSetterTest {

  @Test
  void theTargetIsAUnixTimeToTheNanosecond() {
    assertEquals(
        List.of("date", "-u", "-s", "@1721845997.276856481"),
        DateClockSetter.command(Instant.parse("2024-07-24T18:33:17.276856481Z")));
    assertEquals(
        List.of("date", "-u", "-s", "@1721845997.000000005"),
        DateClockSetter.command(Instant.parse("2024-07-24T18:33:17.000000005Z")));
  }
}
