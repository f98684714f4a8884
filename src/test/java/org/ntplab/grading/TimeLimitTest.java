package org.ntplab.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call's limit counts the student's processor time where it can be read: a call that the machine
 * kept from running is not given up at the limit on the wall clock, one that computes is, and one
 * that waits is given up at {@link TimeLimit#WAITING_FACTOR} limits on the wall clock.
 */
class TimeLimitTest {

  private static final Duration LIMIT = Duration.ofMillis(100);

  private final TimeLimit timeLimit = new TimeLimit(LIMIT);

  /** The processor time the test says the student's code has used. */
  private final AtomicLong used = new AtomicLong();

  private final CountDownLatch released = new CountDownLatch(1);

  /** A call that waits until the test ends, using no processor time. */
  private final Callable<Object> waiting =
      () -> {
        released.await();
        return "never";
      };

  @AfterEach
  void close() {
    released.countDown();
    timeLimit.close();
  }

  @Test
  void aCallKeptFromRunningPastTheWallLimitStillAnswers() {
    // 3 limits of 1 s on the wall clock, while its code used a tenth of one: starved. (The wall
    // cap, 5 s, leaves room for a busy machine.)
    Duration limit = Duration.ofSeconds(1);
    Callable<Object> starved =
        () -> {
          Thread.sleep(3 * limit.toMillis());
          used.addAndGet(limit.toNanos() / 10);
          return "answer";
        };
    try (TimeLimit timeLimit = new TimeLimit(limit)) {
      TimeLimit.Calls calls = timeLimit.callEach(List.of(starved), used::get);
      assertNull(calls.timedOut());
      assertEquals(List.of("answer"), calls.answers());
    }
  }

  @Test
  void theSameCallOnTheWallClockAloneRunsOver() {
    Callable<Object> starved =
        () -> {
          Thread.sleep(3 * LIMIT.toMillis());
          return "answer";
        };
    TimeLimit.Calls calls = timeLimit.callEach(List.of(starved));
    assertNotNull(calls.timedOut());
    assertEquals(TimeLimit.Overrun.WALL_CLOCK, calls.overrun());
  }

  @Test
  void aCallThatUsesTheLimitOfProcessorTimeIsGivenUpAsComputing() {
    Callable<Object> computing =
        () -> {
          used.addAndGet(LIMIT.toNanos());
          released.await();
          return "never";
        };
    TimeLimit.Calls calls = timeLimit.callEach(List.of(computing), used::get);
    assertNotNull(calls.timedOut());
    assertEquals(TimeLimit.Overrun.COMPUTING, calls.overrun());
    assertFalse(calls.overrun().byWallClock(), "its own doing, whatever the machine did");
  }

  @Test
  void aCallThatWaitsIsGivenUpAtTheWallCapAndSaysItWasWaiting() {
    long start = System.nanoTime();
    TimeLimit.Calls calls = timeLimit.callEach(List.of(waiting), used::get);
    long took = System.nanoTime() - start;
    assertNotNull(calls.timedOut());
    assertEquals(TimeLimit.Overrun.WAITING, calls.overrun());
    assertTrue(calls.overrun().byWallClock());
    assertTrue(took >= LIMIT.toNanos() * TimeLimit.WAITING_FACTOR, took + " ns");
  }

  @Test
  void theDeadlineEndsAWaitingCallBeforeTheWallCapAndIsNotCalledWaiting() {
    // A limit of 1 s, whose wall cap is 5 s, and a deadline 200 ms away.
    TimeLimit timeLimit = new TimeLimit(Duration.ofSeconds(1));
    timeLimit.until(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
    long start = System.nanoTime();
    TimeLimit.Calls calls = timeLimit.callEach(List.of(waiting), used::get);
    long took = System.nanoTime() - start;
    assertNotNull(calls.timedOut());
    assertEquals(TimeLimit.Overrun.WALL_CLOCK, calls.overrun());
    assertTrue(took < TimeUnit.SECONDS.toNanos(TimeLimit.WAITING_FACTOR), took + " ns");
    timeLimit.close();
  }

  @Test
  void callsBeforeTheOneThatRanOverKeepTheirAnswers() {
    Callable<Object> quick = () -> "first";
    Callable<Object> computing =
        () -> {
          used.addAndGet(2 * LIMIT.toNanos());
          released.await();
          return "never";
        };
    TimeLimit.Calls calls = timeLimit.callEach(List.of(quick, computing), used::get);
    // The first call's answer kept; the second given up on processor time.
    assertEquals(List.of("first"), calls.answers());
    assertNotNull(calls.timedOut());
    assertEquals(TimeLimit.Overrun.COMPUTING, calls.overrun());
  }

  @Test
  void aCallIsNotChargedTheProcessorTimeOfTheCallsBeforeIt() {
    // A limit of 1 s, whose wall cap of 5 s leaves room for a busy machine. Each call computes 0.6
    // limits: the first for 0.6 s, the second then kept from running for 3 limits. Neither used
    // its limit; charged the first's time too, the second would be at 1.2 and given up at 1 s.
    Duration limit = Duration.ofSeconds(1);
    Callable<Object> first =
        () -> {
          Thread.sleep(limit.toMillis() * 6 / 10);
          used.addAndGet(limit.toNanos() * 6 / 10);
          return "first";
        };
    Callable<Object> second =
        () -> {
          used.addAndGet(limit.toNanos() * 6 / 10);
          Thread.sleep(3 * limit.toMillis());
          return "second";
        };
    try (TimeLimit timeLimit = new TimeLimit(limit)) {
      TimeLimit.Calls calls = timeLimit.callEach(List.of(first, second), used::get);
      assertNull(calls.timedOut(), String.valueOf(calls.overrun()));
      assertEquals(List.of("first", "second"), calls.answers());
    }
  }

  @Test
  void aCallThatReturnedKeepsItsAnswerHoweverLongTheReadingAfterItTakes() {
    // Read on the worker once the first call has returned, the processor time takes 6 limits to
    // read (a machine busy reading /proc): the first call had returned, and is not the one given
    // up. (A reading before the first call, when the worker starts late, is quick.)
    AtomicBoolean firstReturned = new AtomicBoolean();
    ProcessorTime slowOnTheWorker =
        () -> {
          if (firstReturned.get() && Thread.currentThread().getName().startsWith("student-code")) {
            LockSupport.parkNanos(6 * LIMIT.toNanos());
          }
          return used.get();
        };
    Callable<Object> first =
        () -> {
          // Past TimeLimit.POLL_NANOS: the reading before the second call is due.
          Thread.sleep(TimeUnit.NANOSECONDS.toMillis(2 * TimeLimit.POLL_NANOS));
          firstReturned.set(true);
          return "first";
        };
    TimeLimit.Calls calls = timeLimit.callEach(List.of(first, () -> "second"), slowOnTheWorker);
    assertEquals(List.of("first"), calls.answers());
  }
}
