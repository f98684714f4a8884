package org.ntplab.grading.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One end of the grading channel: method calls across a pair of byte streams, between the trusted
 * harness and the student process. A side that waits for an answer serves the other side's calls
 * meanwhile (a student's client calling the harness's transport), so both sides are single-threaded
 * and nothing needs a lock but the writer.
 *
 * <p>Frames: {@code CALL n target method paramTypes args}, {@code RESULT n value}, {@code THROWN n
 * failure}, {@code EXIT note} (the student process is ending: why, for the message), {@code WHERE
 * frame} (the student's code has been running a while: the line it is on, for the message if it
 * never returns), where {@code n} numbers this side's calls and an answer must carry its call's.
 * Values travel as {@link Values} writes them; an object that is not a value crosses by reference,
 * as an export of the side that holds it. Whatever the other side sends is read within {@link
 * Values}'s bounds, and a call may reach only the methods of the type an object was exported as.
 */
public final class Channel {

  static final int CALL = 1;
  static final int RESULT = 2;
  static final int THROWN = 3;
  static final int EXIT = 4;
  static final int WHERE = 5;

  /** The object every student process exports first: {@link Bootstrap}. */
  public static final int BOOTSTRAP = 0;

  private final DataInputStream in;
  private final DataOutputStream out;
  private final Map<Integer, Exported> exports = new HashMap<>();
  private final Map<String, Method> methods = new HashMap<>();

  /** Exports made for the arguments of calls still running: released when each returns. */
  private final List<Integer> lent = new ArrayList<>();

  /**
   * While a call's arguments are read: the other side's objects among them, which expire when the
   * call returns (the other side releases them then: {@link #lent} over there).
   */
  private List<Lent> borrowing;

  private int nextExport = 1;

  /** The number of the last call this side made. */
  private int calls;

  private volatile String exitNote;

  /** What the other side sent that the protocol does not allow, if it did; the channel is over. */
  private volatile String broken;

  /**
   * The last line the other side said its code was on, during the call this side is waiting for.
   */
  private volatile String where;

  /**
   * On the student's side, {@link System#nanoTime()} when the harness's current call began; 0
   * between calls.
   */
  private volatile long busySince;

  /**
   * On the student's side, the thread that serves the harness: the only one that may call it back.
   */
  private volatile Thread owner;

  /** An object held on this side that the other may call, as the type it was exported as. */
  record Exported(Object target, Class<?> type) {}

  private final boolean studentSide;

  /**
   * @param studentSide whether this end is the student's process, where the harness's failures are
   *     thrown as the contract's methods declare them
   */
  public Channel(InputStream in, OutputStream out, boolean studentSide) {
    this.in = new DataInputStream(in);
    this.out = new DataOutputStream(out);
    this.studentSide = studentSide;
  }

  boolean studentSide() {
    return studentSide;
  }

  /**
   * Makes {@code target} callable from the other side as {@code id}, through {@code type}'s
   * methods.
   */
  public synchronized void export(int id, Object target, Class<?> type) {
    exports.put(id, new Exported(target, type));
  }

  /** A new export's id: for values passed by reference. */
  synchronized int export(Object target, Class<?> type, boolean argument) {
    int id = nextExport++;
    exports.put(id, new Exported(target, type));
    if (argument) {
      lent.add(id);
    }
    return id;
  }

  /** An object of the other side has been read: lent, if it is an argument of a call. */
  void received(Lent proxy) {
    if (borrowing != null) {
      borrowing.add(proxy);
    }
  }

  /** The other side's object {@code id}, called through {@code type} (an interface). */
  public <T> T remote(int id, Class<T> type) {
    return type.cast(
        java.lang.reflect.Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, new Remote(this, id, type)));
  }

  /**
   * What the other side sent that ended the channel (a frame past its bound, a value of no
   * contract), or null.
   */
  public String broken() {
    return broken;
  }

  /** Why the other side said it was ending ({@code EXIT}), or null. */
  public String exitNote() {
    return exitNote;
  }

  /**
   * Where the other side said its code was, during the last call made (a {@code WHERE} frame), or
   * null.
   */
  public String where() {
    return where;
  }

  /** On the student's side, the thread serving the harness's calls; null before {@link #serve}. */
  public Thread owner() {
    return owner;
  }

  /**
   * On the student's side, {@link System#nanoTime()} when the call now being answered began; 0 if
   * none is.
   */
  public long busySince() {
    return busySince;
  }

  /**
   * Calls {@code method} on the other side's object {@code target} and returns its answer, serving
   * the other side's calls until it comes.
   *
   * @throws RemoteFailure what the method threw over there
   * @throws IOException the channel broke: the other side ended, or sent what is not an answer
   */
  public Object invoke(int target, Method method, Object[] args) throws IOException {
    if (studentSide && Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "call " + method.getName() + " from the thread it was handed to you on");
    }
    int lentBefore = lent.size();
    int call = ++calls;
    where = null;
    try {
      synchronized (this) {
        out.writeByte(CALL);
        out.writeInt(call);
        out.writeInt(target);
        writeSignature(method);
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
          Values.write(out, args[i], types[i], this, true);
        }
        out.flush();
      }
      return await(call, method.getReturnType());
    } catch (Broken e) {
      broken = e.getMessage();
      throw e;
    } finally {
      synchronized (this) {
        while (lent.size() > lentBefore) {
          exports.remove(lent.remove(lent.size() - 1));
        }
      }
    }
  }

  /**
   * Serves the other side's calls until it closes the channel (the student process's main loop).
   */
  public void serve() throws IOException {
    owner = Thread.currentThread();
    while (true) {
      int kind;
      try {
        kind = in.readUnsignedByte();
      } catch (EOFException e) {
        return;
      }
      if (kind != CALL) {
        throw new Broken("expected a call, got frame kind " + kind);
      }
      busySince = System.nanoTime();
      try {
        answerCall();
      } finally {
        busySince = 0;
      }
    }
  }

  /** Tells the other side this one is ending, and why; the last frame it writes. */
  public synchronized void sayExit(String note) {
    try {
      out.writeByte(EXIT);
      Values.writeString(out, note);
      out.flush();
    } catch (IOException e) {
      // The other side is gone already: nobody to tell.
    }
  }

  /**
   * Tells the other side where the code answering its call is now: a frame, for its message if it
   * never returns. Said only while the call that began at {@code since} is still being answered.
   */
  public synchronized void sayWhere(String frame, long since) {
    if (busySince != since) {
      return; // that call has answered meanwhile: the line is no longer where its code is
    }
    try {
      out.writeByte(WHERE);
      Values.writeString(out, frame);
      out.flush();
    } catch (IOException e) {
      // The other side is gone: it asks no more.
    }
  }

  private Object await(int call, Class<?> returns) throws IOException {
    while (true) {
      int kind = in.readUnsignedByte();
      switch (kind) {
        case RESULT -> {
          answerTo(call);
          // The harness keeps its answers until it compares them: they have a bound of their own.
          Values.Budget budget = studentSide ? Values.Budget.frame() : Values.Budget.answer();
          return Values.check(Values.read(in, this, budget), returns);
        }
        case THROWN -> {
          answerTo(call);
          throw RemoteFailure.read(in, Values.Budget.frame(), 0);
        }
        case CALL -> answerCall();
        case EXIT -> exitNote = Values.readString(in, Values.Budget.frame());
        case WHERE -> where = Values.readString(in, Values.Budget.frame());
        default -> throw new Broken("expected an answer, got frame kind " + kind);
      }
    }
  }

  /**
   * Reads an answer's call number: a stale or made-up answer means nothing it sends can be
   * believed.
   */
  private void answerTo(int call) throws IOException {
    int answered = in.readInt();
    if (answered != call) {
      throw new Broken("an answer to call " + answered + " where call " + call + " was waiting");
    }
  }

  private void answerCall() throws IOException {
    int call = in.readInt();
    int target = in.readInt();
    Exported exported;
    synchronized (this) {
      exported = exports.get(target);
    }
    if (exported == null) {
      throw new Broken("a call to object " + target + ", which this side does not hold");
    }
    Values.Budget budget = Values.Budget.frame();
    Method method = method(exported.type(), Values.readString(in, budget), readTypeNames(budget));
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    List<Lent> borrowed = new ArrayList<>();
    borrowing = borrowed;
    try {
      for (int i = 0; i < args.length; i++) {
        args[i] = Values.check(Values.read(in, this, budget), types[i]);
      }
    } finally {
      borrowing = null;
    }
    Object result;
    try {
      result = method.invoke(exported.target(), args);
    } catch (InvocationTargetException e) {
      synchronized (this) {
        busySince = 0;
        out.writeByte(THROWN);
        out.writeInt(call);
        RemoteFailure.write(out, e.getCause(), 0);
        out.flush();
      }
      return;
    } catch (IllegalAccessException e) {
      throw new Broken(method + " cannot be called: " + e.getMessage());
    } finally {
      for (Lent lent : borrowed) {
        lent.expire();
      }
    }
    synchronized (this) {
      busySince = 0;
      out.writeByte(RESULT);
      out.writeInt(call);
      Values.write(out, result, method.getReturnType(), this, false);
      out.flush();
    }
  }

  private void writeSignature(Method method) throws IOException {
    Values.writeString(out, method.getName());
    Class<?>[] types = method.getParameterTypes();
    out.writeByte(types.length);
    for (Class<?> type : types) {
      Values.writeString(out, type.getName());
    }
  }

  private List<String> readTypeNames(Values.Budget budget) throws IOException {
    int count = in.readUnsignedByte();
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(Values.readString(in, budget));
    }
    return names;
  }

  /**
   * The exported type's public instance method of that name and parameters; nothing of Object's.
   */
  private Method method(Class<?> type, String name, List<String> params) throws Broken {
    String key = type.getName() + "#" + name + params;
    Method found = methods.get(key);
    if (found != null) {
      return found;
    }
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)
          && !Modifier.isStatic(m.getModifiers())
          && m.getDeclaringClass() != Object.class
          && names(m.getParameterTypes()).equals(params)) {
        methods.put(key, m);
        return m;
      }
    }
    throw new Broken(type.getName() + " has no method " + name + params + " to call");
  }

  private static List<String> names(Class<?>[] types) {
    List<String> names = new ArrayList<>(types.length);
    for (Class<?> t : types) {
      names.add(t.getName());
    }
    return names;
  }

  /**
   * The other side sent what the protocol does not allow: nothing more it sends can be believed.
   */
  public static final class Broken extends IOException {
    public Broken(String message) {
      super(message);
    }
  }
}
