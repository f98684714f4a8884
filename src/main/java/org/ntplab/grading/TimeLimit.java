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
 */
final class TimeLimit implements AutoCloseable {

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

  /** The call's result; its own exception as the cause of ExecutionException; or a timeout. */
  <T> T call(Callable<T> call) throws ExecutionException, TimeoutException {
    Calls calls = callEach(List.of(call));
    if (calls.failed() != null) {
      throw calls.failed();
    }
    if (calls.timedOut() != null) {
      throw calls.timedOut();
    }
    @SuppressWarnings("unchecked") // the one answer is call's own
    T answer = (T) calls.answers().get(0);
    return answer;
  }

  /**
   * How {@link #callEach} ended: the answers of the calls that returned, in order; then, if a call
   * threw or ran over, its exception (the cause of {@code failed}) or {@code timedOut}.
   */
  record Calls(List<Object> answers, ExecutionException failed, TimeoutException timedOut) {}

  /**
   * The calls one after another, each under the limit as with {@link #call}, until one throws or
   * runs over; but handed to the worker once for them all, as a hand-over costs tens of
   * microseconds and a student's answer well under one.
   */
  Calls callEach(List<? extends Callable<?>> calls) {
    Object[] answers = new Object[calls.size()];
    AtomicInteger running = new AtomicInteger();
    AtomicLong started = new AtomicLong(System.nanoTime());
    Future<?> future =
        worker.submit(
            () -> {
              for (int i = 0; i < answers.length; i++) {
                started.set(
                    System.nanoTime()); // before running: whoever sees call i sees its start, or a
                // later one
                running.set(i);
                answers[i] = calls.get(i).call();
              }
              return null;
            });
    while (true) {
      int call = running.get();
      long end = started.get() + limit.toNanos();
      if (deadline != 0 && deadline - end < 0) {
        end = deadline;
      }
      long left = end - System.nanoTime();
      try {
        future.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        return new Calls(Arrays.asList(answers), null, null);
      } catch (TimeoutException e) {
        if (left <= 0 && running.get() == call) {
          future.cancel(true);
          worker.shutdownNow();
          worker = newWorker();
          return new Calls(Arrays.asList(answers).subList(0, call), null, e);
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
