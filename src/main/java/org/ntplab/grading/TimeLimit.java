package org.ntplab.grading;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs student code on a worker thread and gives up after a time limit, so an endless loop costs
 * one exercise, not the whole grading run. The worker is interrupted, then abandoned: Java has no
 * safe way to stop a thread that ignores interrupts, so it is a daemon thread that dies with the
 * JVM, and the next call gets a fresh worker.
 *
 * <p>Where the student's {@link ProcessorTime} can be read, the limit counts it, not the wall
 * clock: a call is given up once its code has used the limit of processor time, or has taken
 * {@value #WAITING_FACTOR} times the limit on the wall clock (code that waits, asleep or blocked,
 * uses none). A wall-clock limit alone made a grade depend on what else the machine was doing.
 */
final class TimeLimit implements AutoCloseable {

  /**
   * How many limits of wall-clock time a call may take while its code uses less than the limit of
   * processor time: enough for a correct answer on a machine busy with several other JVMs.
   */
  static final int WAITING_FACTOR = 5;

  /** The shortest wait between two readings of the processor time (before calls; past a limit). */
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private static final AtomicInteger WORKERS = new AtomicInteger();

  private final Duration limit;

  /**
   * {@link System#nanoTime()} at which every call is given up, whatever its own limit; 0 for none.
   */
  private long deadline;

  private ExecutorService worker = newWorker();

  TimeLimit(Duration limit) {
    this.limit = limit;
  }

  Duration limit() {
    return limit;
  }

  /** Gives up any call still running at {@code nanoTime} ({@link System#nanoTime()}). */
  void until(long nanoTime) {
    deadline = nanoTime == 0 ? 1 : nanoTime;
  }

  /** Whether the deadline of {@link #until} has come. */
  boolean pastDeadline() {
    return deadline != 0 && System.nanoTime() - deadline >= 0;
  }

  /**
   * How {@link #callEach} ended: the answers of the calls that returned, in order; then, if a call
   * threw or ran over, its exception (the cause of {@code failed}) or {@code timedOut}, and how it
   * ran over.
   */
  record Calls(
      List<Object> answers, ExecutionException failed, TimeoutException timedOut, Overrun overrun) {

    Calls(List<Object> answers, ExecutionException failed, TimeoutException timedOut) {
      this(answers, failed, timedOut, null);
    }
  }

  /** How a call ran over its limit. */
  enum Overrun {
    /** Its code used the limit of processor time: its own doing, whatever else the machine did. */
    COMPUTING,
    /** Five limits on the wall clock, computing less than one: it waited, or was kept waiting. */
    WAITING,
    /** The limit on the wall clock, where processor time is not read; or the deadline. */
    WALL_CLOCK;

    /** Whether the wall clock decided it, so that other work on the machine may have. */
    boolean byWallClock() {
      return this != COMPUTING;
    }
  }

  /** As {@link #callEach(List, ProcessorTime)}, on the wall clock only. */
  Calls callEach(List<? extends Callable<?>> calls) {
    return callEach(calls, null);
  }

  /**
   * The calls one after another, each under the limit, until one throws or runs over; but handed to
   * the worker once for them all, as a hand-over costs tens of microseconds and a student's answer
   * well under one. The limit counts {@code used}, if given, from the last reading before the call:
   * reading it costs tens of microseconds, so it is read before a call only once {@link
   * #POLL_NANOS} have passed since the last, and a call is charged too at most that much of the
   * calls before it (charged them all, a slow correct call after others was given up as computing
   * when a busy machine kept it past the limit on the wall clock).
   */
  Calls callEach(List<? extends Callable<?>> calls, ProcessorTime used) {
    Object[] answers = new Object[calls.size()];
    AtomicInteger running = new AtomicInteger();
    AtomicLong usedBefore = new AtomicLong(used == null ? 0 : used.nanos());
    AtomicLong started = new AtomicLong(System.nanoTime());
    Future<?> future =
        worker.submit(
            () -> {
              long read = started.get();
              for (int i = 0; i < answers.length; i++) {
                // Before running: whoever sees call i sees its start, or a later one.
                started.set(System.nanoTime());
                running.set(i);
                // After: however long reading takes, it is call i's time, not the call returned.
                if (used != null && System.nanoTime() - read >= POLL_NANOS) {
                  read = System.nanoTime();
                  usedBefore.set(used.nanos());
                }
                answers[i] = calls.get(i).call();
              }
              return null;
            });
    long waitingLimit = used == null ? limit.toNanos() : WAITING_FACTOR * limit.toNanos();
    while (true) {
      int call = running.get();
      long start = started.get();
      long now = System.nanoTime();
      long wake = earlier(start + limit.toNanos());
      boolean over = false;
      Overrun overrun = Overrun.WALL_CLOCK;
      if (now - wake >= 0) {
        long wallEnd = earlier(start + waitingLimit);
        long left = used == null ? 0 : limit.toNanos() - (used.nanos() - usedBefore.get());
        over = left <= 0 || now - wallEnd >= 0;
        if (used != null && !pastDeadline()) {
          overrun = left <= 0 ? Overrun.COMPUTING : Overrun.WAITING;
        }
        wake = Math.min(wallEnd - now, Math.max(left / 2, POLL_NANOS)) + now;
      }
      try {
        future.get(Math.max(over ? 0 : wake - now, 0), TimeUnit.NANOSECONDS);
        return new Calls(Arrays.asList(answers), null, null);
      } catch (TimeoutException e) {
        if (over && running.get() == call) {
          future.cancel(true);
          worker.shutdownNow();
          worker = newWorker();
          return new Calls(Arrays.asList(answers).subList(0, call), null, e, overrun);
        }
      } catch (ExecutionException e) {
        return new Calls(Arrays.asList(answers).subList(0, running.get()), e, null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        future.cancel(true);
        return new Calls(
            Arrays.asList(answers).subList(0, running.get()), new ExecutionException(e), null);
      }
    }
  }

  /** {@code nanoTime}, or the deadline of {@link #until} if that comes first. */
  private long earlier(long nanoTime) {
    return deadline != 0 && deadline - nanoTime < 0 ? deadline : nanoTime;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        task -> {
          Thread thread = new Thread(task, "student-code-" + WORKERS.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
