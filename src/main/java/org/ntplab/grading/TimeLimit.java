package org.ntplab.grading;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs student code on a worker thread and gives up after a time limit, so an endless loop costs
 * one exercise, not the whole grading run. The worker is interrupted, then abandoned: Java has no
 * safe way to stop a thread that ignores interrupts, so it is a daemon thread that dies with the
 * JVM, and the next call gets a fresh worker.
 */
final class TimeLimit implements AutoCloseable {

  private static final AtomicInteger WORKERS = new AtomicInteger();

  private final Duration limit;
  private ExecutorService worker = newWorker();

  TimeLimit(Duration limit) {
    this.limit = limit;
  }

  Duration limit() {
    return limit;
  }

  /** The call's result; its own exception as the cause of ExecutionException; or a timeout. */
  <T> T call(Callable<T> call) throws ExecutionException, TimeoutException {
    Future<T> future = worker.submit(call);
    try {
      return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new ExecutionException(e);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "student-code-" + WORKERS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }
}
