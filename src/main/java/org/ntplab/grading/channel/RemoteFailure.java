package org.ntplab.grading.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;

/**
 * What a method threw on the other side of the channel: its class's name, its message (cut to
 * {@link #MAX_MESSAGE} characters), its stack and its cause, rebuilt here without loading or
 * running any of the other side's classes.
 */
public final class RemoteFailure extends RuntimeException {

  /** Enough for any message a person reads; a longer one is cut, saying so. */
  public static final int MAX_MESSAGE = 2000;

  /**
   * A class, method or file name as read: no honest one is longer, and a made-up one of 256 KB
   * would fill the message of each exercise it stops (its type and its top frame are shown).
   */
  static final int MAX_NAME = 300;

  private static final int MAX_FRAMES = 64;
  private static final int MAX_CAUSES = 4;

  private final String type;

  RemoteFailure(String type, String message, StackTraceElement[] trace, RemoteFailure cause) {
    super(message, cause, false, true);
    this.type = type;
    setStackTrace(trace);
  }

  /** The class name of what was thrown, e.g. {@code java.lang.UnsupportedOperationException}. */
  public String type() {
    return type;
  }

  public boolean is(Class<? extends Throwable> c) {
    return type.equals(c.getName());
  }

  @Override
  public String toString() {
    return getMessage() == null ? type : type + ": " + getMessage();
  }

  /**
   * What a call through {@code method} throws for this failure on the student's side: the harness's
   * I/O failure as an IOException where the method declares one, else this.
   */
  Exception as(Method method) {
    for (Class<?> declared : method.getExceptionTypes()) {
      if (declared == IOException.class && isJdkIoException()) {
        return new IOException(toString(), this);
      }
    }
    return this;
  }

  /**
   * Whether the type is the JDK's IOException or one of its kind (the harness's I/O is the JDK's).
   */
  private boolean isJdkIoException() {
    try {
      return IOException.class.isAssignableFrom(
          Class.forName(type, false, ClassLoader.getPlatformClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static void write(DataOutputStream out, Throwable thrown, int depth) throws IOException {
    Values.writeString(out, thrown.getClass().getName());
    String message = thrown.getMessage();
    out.writeBoolean(message != null);
    if (message != null) {
      Values.writeString(out, cut(message, MAX_MESSAGE, MAX_MESSAGE));
    }
    StackTraceElement[] trace = thrown.getStackTrace();
    int frames = Math.min(trace.length, MAX_FRAMES);
    out.writeByte(frames);
    for (int i = 0; i < frames; i++) {
      StackTraceElement f = trace[i];
      Values.writeString(out, f.getClassName());
      Values.writeString(out, f.getMethodName());
      Values.writeString(out, f.getFileName() == null ? "" : f.getFileName());
      out.writeInt(f.getLineNumber());
    }
    Throwable cause = thrown.getCause();
    boolean more = cause != null && cause != thrown && depth < MAX_CAUSES;
    out.writeBoolean(more);
    if (more) {
      write(out, cause, depth + 1);
    }
  }

  static RemoteFailure read(DataInputStream in, Values.Budget budget, int depth)
      throws IOException {
    if (depth > MAX_CAUSES) {
      throw new Channel.Broken("causes nested deeper than " + MAX_CAUSES);
    }
    budget.spendValue();
    String type = name(in, budget);
    // An honest sender has cut it already, adding its note: only a longer one is cut here.
    String message =
        in.readBoolean() ? cut(Values.readString(in, budget), MAX_MESSAGE + 64, MAX_MESSAGE) : null;
    int frames = in.readUnsignedByte();
    if (frames > MAX_FRAMES) {
      throw new Channel.Broken(frames + " stack frames (at most " + MAX_FRAMES + ")");
    }
    StackTraceElement[] trace = new StackTraceElement[frames];
    for (int i = 0; i < frames; i++) {
      budget.spendValue();
      String className = name(in, budget);
      String method = name(in, budget);
      String file = name(in, budget);
      trace[i] =
          new StackTraceElement(className, method, file.isEmpty() ? null : file, in.readInt());
    }
    RemoteFailure cause = in.readBoolean() ? read(in, budget, depth + 1) : null;
    return new RemoteFailure(type, message, trace, cause);
  }

  private static String name(DataInputStream in, Values.Budget budget) throws IOException {
    return cut(Values.readString(in, budget), MAX_NAME, MAX_NAME);
  }

  /** {@code text} if at most {@code limit} characters, else its first {@code keep} and a note. */
  private static String cut(String text, int limit, int keep) {
    return text.length() <= limit
        ? text
        : text.substring(0, keep) + "... (" + (text.length() - keep) + " more characters cut)";
  }
}
