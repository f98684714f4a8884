package org.ntplab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferenceClockTest {

  @Test
  void aListedNameHasAMeaningAndAnUnlistedOneIsKeptWithout() {
    assertEquals(
        Optional.of("Global Positioning System"),
        ReferenceClock.from(ReferenceId.ofAscii("GPS")).flatMap(ReferenceClock::meaning));
    ReferenceClock odd = ReferenceClock.from(ReferenceId.ofAscii("XFAC")).orElseThrow();
    assertEquals("XFAC", odd.name());
    assertEquals(Optional.empty(), odd.meaning());
  }

  @Test
  void fourBytesThatAreNotTextNameNoClock() {
    assertEquals(Optional.empty(), ReferenceClock.from(new ReferenceId(0xc0a80001)));
  }
}
