package org.ntplab.nts.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A session's budget and its handshake phase, on a ticker the test moves. */
class BudgetTest {

  private long now;
  private final Budget session = new Budget(() -> now, Duration.ofSeconds(5));

  @Test
  void aPhaseBegunAfterTimeInTheQueueHasItsWholeLimit() {
    now = Duration.ofMillis(2_900).toNanos(); // queued behind silent sessions for 2.9 s
    Budget handshake = session.phase(Duration.ofSeconds(2));
    assertEquals(Duration.ofSeconds(2), handshake.limit());
    assertEquals(2_000, handshake.remainingMillis());
    now += Duration.ofMillis(1_999).toNanos();
    assertEquals(1, handshake.remainingMillis());
  }

  @Test
  void aPhaseNeverOutlastsTheSession() {
    now = Duration.ofMillis(4_500).toNanos();
    Budget handshake = session.phase(Duration.ofSeconds(2));
    assertEquals(Duration.ofMillis(500), handshake.limit());
    now += Duration.ofMillis(500).toNanos();
    assertEquals(0, handshake.remainingMillis());
    assertEquals(0, session.remainingMillis());
  }

  @Test
  void aPhaseBegunAfterTheSessionEndedHasNoTime() {
    now = Duration.ofSeconds(6).toNanos();
    Budget handshake = session.phase(Duration.ofSeconds(2));
    assertEquals(Duration.ZERO, handshake.limit());
    assertEquals(0, handshake.remainingMillis());
  }
}
