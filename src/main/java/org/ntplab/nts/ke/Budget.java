package org.ntplab.nts.ke;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One time limit for a whole exchange, on a monotonic ticker: each blocking read waits only for
 * what is left, so a server that sends a byte now and then cannot stretch the exchange.
 */
final class Budget {

  private final LongSupplier ticker;
  private final long start;
  private final Duration limit;

  Budget(LongSupplier ticker, Duration limit) {
    this.ticker = ticker;
    this.start = ticker.getAsLong();
    this.limit = limit;
  }

  Duration limit() {
    return limit;
  }

  Duration elapsed() {
    return Duration.ofNanos(ticker.getAsLong() - start);
  }

  /** Milliseconds left, at least 1 while any time is (0 means none: a socket's "forever"). */
  int remainingMillis() {
    long nanos = limit.toNanos() - (ticker.getAsLong() - start);
    return nanos <= 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
  }

  /** A phase starting now: at most {@code most}, and never more than is left of this budget. */
  Budget phase(Duration most) {
    long now = ticker.getAsLong();
    Duration left = limit.minusNanos(now - start);
    Duration phase = left.compareTo(most) < 0 ? left : most;
    return new Budget(ticker, now, phase.isNegative() ? Duration.ZERO : phase);
  }

  private Budget(LongSupplier ticker, long start, Duration limit) {
    this.ticker = ticker;
    this.start = start;
    this.limit = limit;
  }

  /** {@code socket}'s input, each read bounded by what is left of the budget. */
  InputStream input(Socket socket) throws IOException {
    return input(socket, () -> this);
  }

  /**
   * {@code socket}'s input, each read bounded by what is left of the budget {@code current} gives
   * at that read: a first phase may have a shorter one.
   */
  static InputStream input(Socket socket, Supplier<Budget> current) throws IOException {
    return new FilterInputStream(socket.getInputStream()) {
      @Override
      public int read() throws IOException {
        current.get().arm(socket);
        return super.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        current.get().arm(socket);
        return super.read(b, off, len);
      }
    };
  }

  private void arm(Socket socket) throws IOException {
    int left = remainingMillis();
    if (left == 0) {
      throw new SocketTimeoutException("the time limit of " + limit.toMillis() + " ms is used up");
    }
    socket.setSoTimeout(left);
  }
}
