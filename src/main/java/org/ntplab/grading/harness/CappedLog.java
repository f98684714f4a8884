package org.ntplab.grading.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A student process's output copied to a file up to a limit, the rest counted and dropped: student
 * code that prints forever fills neither the disk nor the build log. It reads to the end of the
 * stream whatever the limit, so the child never blocks on a full pipe; a file that was cut ends
 * with a line that says so.
 */
final class CappedLog {

  private final Path file;
  private final long limit;
  private final AtomicLong kept = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;

  private CappedLog(InputStream in, Path file, long limit) {
    this.file = file;
    this.limit = limit;
    this.thread = new Thread(() -> copy(in), "grading-output-" + file.getFileName());
    thread.setDaemon(true);
  }

  /** Starts copying {@code in} to {@code file} (replacing it), at most {@code limit} bytes. */
  static CappedLog start(InputStream in, Path file, long limit) {
    CappedLog log = new CappedLog(in, file, limit);
    log.thread.start();
    return log;
  }

  /**
   * Waits until the stream has ended (the child and anything that shares its output are gone), at
   * most {@code millis}.
   */
  boolean awaitEnd(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  /** Bytes past the limit, not kept. */
  long dropped() {
    return dropped.get();
  }

  /**
   * {@code output cut at 1 MB: 5000000 more bytes were not kept}, for the file's last line and the
   * report.
   */
  String cutNote() {
    String size = limit % (1 << 20) == 0 ? (limit >> 20) + " MB" : limit + " bytes";
    return "output cut at " + size + ": " + dropped() + " more bytes were not kept";
  }

  private void copy(InputStream in) {
    byte[] buffer = new byte[8192];
    try (in;
        OutputStream out = Files.newOutputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        int keep = (int) Math.max(0, Math.min(n, limit - kept.get()));
        if (keep > 0) {
          out.write(buffer, 0, keep);
          kept.addAndGet(keep);
        }
        dropped.addAndGet(n - keep);
      }
      if (dropped() > 0) {
        out.write(("\n[ntplab: " + cutNote() + "]\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // The pipe broke or the disk is full: what the student printed is a courtesy, the grade is
      // not.
      drainQuietly(in, buffer);
    }
  }

  /** Reads what is left, so that the child is not stopped by a pipe nobody reads. */
  private void drainQuietly(InputStream in, byte[] buffer) {
    try (in) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        dropped.addAndGet(n);
      }
    } catch (IOException ignored) {
      // the child is gone
    }
  }

  @Override
  public String toString() {
    return file + " (" + kept.get() + " bytes kept, " + dropped() + " dropped)";
  }
}
