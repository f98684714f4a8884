package org.ntplab.grading.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The values that cross the grading channel: the types the lab contracts use (primitives, strings,
 * bytes, Instant, Duration, Optional, List, and the records and enums of {@code org.ntplab.lab}),
 * and by reference the objects a contract passes (a {@code LabTransport}, a {@code Clock}). Reading
 * is bounded, and builds only those types: the harness reads what a student's process wrote, and
 * must not be made to allocate, load or construct anything else.
 */
final class Values {

  /** Only the contracts' own records and enums are built from their names. */
  static final String CONTRACTS = "org.ntplab.lab.";

  static final int MAX_BYTES = 1 << 20;
  static final int MAX_STRING = 64 * 1024;
  static final int MAX_LIST = 1 << 16;
  static final int MAX_DEPTH = 16;

  /**
   * One frame whole, as what reading it allocates ({@link Budget}): the largest honest frame is a
   * call of lab 10's cipher with its four arrays at {@link #MAX_BYTES}. Without it, 65 536 strings,
   * each within its own bound, are 16 GB in the reader's heap.
   */
  static final int MAX_FRAME = 8 << 20;

  /**
   * An answer the harness reads: an exercise holds every case's answer until it compares them
   * (hundreds, on the replies), and an honest one is at most a packet, which a datagram's 64 KB
   * bounds.
   */
  static final int MAX_ANSWER = 128 << 10;

  /**
   * What a value costs beside its bytes, about what it takes in the reader's heap (a boxed number
   * 16 bytes, an empty set 100): tiny values sent by the thousand cost what they hold.
   */
  private static final int VALUE_COST = 64;

  private static final int NULL = 0;
  private static final int BOOLEAN = 1;
  private static final int INT = 2;
  private static final int LONG = 3;
  private static final int DOUBLE = 4;
  private static final int STRING = 5;
  private static final int BYTES = 6;
  private static final int INSTANT = 7;
  private static final int DURATION = 8;
  private static final int OPTIONAL = 9;
  private static final int LIST = 10;
  private static final int ENUM = 11;
  private static final int RECORD = 12;
  private static final int REMOTE = 13;
  private static final int CLOCK = 14;
  private static final int SET = 15;

  private Values() {}

  /**
   * Writes {@code value}; an object that is not a value is exported by {@code channel} as {@code
   * declared} when that is an interface of the contracts, else as the first such interface it has.
   *
   * @param argument exports are lent for the call they are arguments of, not kept
   */
  static void write(
      DataOutputStream out, Object value, Class<?> declared, Channel channel, boolean argument)
      throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else if (value instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (value instanceof byte[] bytes) {
      out.writeByte(BYTES);
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (value instanceof Instant t) {
      out.writeByte(INSTANT);
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    } else if (value instanceof Duration d) {
      out.writeByte(DURATION);
      out.writeLong(d.getSeconds());
      out.writeInt(d.getNano());
    } else if (value instanceof Optional<?> o) {
      out.writeByte(OPTIONAL);
      out.writeBoolean(o.isPresent());
      if (o.isPresent()) {
        write(out, o.get(), Object.class, channel, argument);
      }
    } else if (value instanceof List<?> || value instanceof Set<?>) {
      Collection<?> items = (Collection<?>) value;
      out.writeByte(value instanceof List<?> ? LIST : SET);
      out.writeInt(items.size());
      for (Object item : items) {
        write(out, item, Object.class, channel, argument);
      }
    } else if (value instanceof ByReference r) {
      out.writeByte(REMOTE);
      writeString(out, r.type().getName());
      out.writeInt(channel.export(r.target(), r.type(), argument));
    } else if (value instanceof Enum<?> e) {
      out.writeByte(ENUM);
      writeString(out, e.getDeclaringClass().getName());
      writeString(out, e.name());
    } else if (value instanceof Record r) {
      RecordComponent[] components = r.getClass().getRecordComponents();
      out.writeByte(RECORD);
      writeString(out, r.getClass().getName());
      out.writeByte(components.length);
      for (RecordComponent c : components) {
        try {
          write(out, c.getAccessor().invoke(r), c.getType(), channel, argument);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IOException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
        }
      }
    } else if (value instanceof Clock clock) {
      out.writeByte(CLOCK);
      out.writeInt(channel.export(clock, Clock.class, argument));
    } else {
      Class<?> type = contract(declared, value.getClass());
      out.writeByte(REMOTE);
      writeString(out, type.getName());
      out.writeInt(channel.export(value, type, argument));
    }
  }

  /**
   * What is left of one frame's bound while it is read: each value and string read spends from it,
   * before it is made.
   */
  static final class Budget {
    private final String what;
    private final int limit;
    private long left;

    private Budget(String what, int limit) {
      this.what = what;
      this.limit = limit;
      this.left = limit;
    }

    /** A frame's: {@link #MAX_FRAME}. */
    static Budget frame() {
      return new Budget("a frame", MAX_FRAME);
    }

    /** An answer's that the harness keeps: {@link #MAX_ANSWER}. */
    static Budget answer() {
      return new Budget("an answer", MAX_ANSWER);
    }

    void spend(long bytes) throws Channel.Broken {
      left -= bytes;
      if (left < 0) {
        String size = limit >= 1 << 20 ? (limit >> 20) + " MB" : (limit >> 10) + " KB";
        throw new Channel.Broken(what + " larger than " + size + " (the most the channel carries)");
      }
    }

    /** One more object, as {@link #VALUE_COST}. */
    void spendValue() throws Channel.Broken {
      spend(VALUE_COST);
    }
  }

  /** Reads one value: what {@link #write} wrote, or a {@link Channel.Broken} for anything else. */
  static Object read(DataInputStream in, Channel channel, Budget budget) throws IOException {
    return read(in, channel, budget, 0);
  }

  @SuppressWarnings("unchecked") // each collection is made here as the kind its tag names
  private static Object read(DataInputStream in, Channel channel, Budget budget, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      throw new Channel.Broken("values nested deeper than " + MAX_DEPTH);
    }
    budget.spendValue();
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case NULL -> null;
      case BOOLEAN -> in.readBoolean();
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case STRING -> readString(in, budget);
      case BYTES -> {
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
          throw new Channel.Broken(
              "a byte array of " + length + " bytes (at most " + MAX_BYTES + ")");
        }
        budget.spend(length);
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        yield bytes;
      }
      case INSTANT -> time(in, "an instant", Instant::ofEpochSecond);
      case DURATION -> time(in, "a duration", Duration::ofSeconds);
      case OPTIONAL ->
          in.readBoolean()
              ? Optional.ofNullable(read(in, channel, budget, depth + 1))
              : Optional.empty();
      case LIST, SET -> {
        int size = in.readInt();
        if (size < 0 || size > MAX_LIST) {
          throw new Channel.Broken("a collection of " + size + " items (at most " + MAX_LIST + ")");
        }
        Collection<Object> items =
            tag == LIST ? new ArrayList<>(Math.min(size, 1024)) : new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
          Object item = read(in, channel, budget, depth + 1);
          try {
            items.add(item);
          } catch (RuntimeException e) {
            // A set compares its items: a contract record's equals may throw on what was sent.
            throw new Channel.Broken("a set whose items cannot be compared: " + e);
          }
        }
        // A set sent with a repeated item is not the set that was written.
        if (items.size() != size) {
          throw new Channel.Broken("a set of " + size + " items with repeats");
        }
        yield tag == LIST
            ? Collections.unmodifiableList((List<Object>) items)
            : Collections.unmodifiableSet((Set<Object>) items);
      }
      case ENUM -> readEnum(in, budget);
      case RECORD -> readRecord(in, channel, budget, depth);
      case REMOTE -> {
        Class<?> type = contractType(readString(in, budget));
        // A sealed interface has no proxy: the JDK refuses to make one.
        if (!type.isInterface() || type.isSealed()) {
          throw new Channel.Broken(type.getName() + " is not an interface to call through");
        }
        Remote remote = new Remote(channel, in.readInt(), type);
        channel.received(remote);
        yield Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, remote);
      }
      case CLOCK -> {
        RemoteClock clock = new RemoteClock(channel, in.readInt());
        channel.received(clock);
        yield clock;
      }
      default -> throw new Channel.Broken("no such value tag: " + tag);
    };
  }

  /** An instant or a duration, read as seconds and nanoseconds: out of its range, Broken. */
  private static Object time(DataInputStream in, String what, BiFunction<Long, Long, Object> of)
      throws IOException {
    long seconds = in.readLong();
    int nanos = in.readInt();
    try {
      return of.apply(seconds, (long) nanos);
    } catch (RuntimeException e) {
      throw new Channel.Broken(what + " out of range: " + seconds + " s " + nanos + " ns");
    }
  }

  /**
   * {@code value} if it can be passed where {@code type} is wanted (boxed for a primitive), else
   * Broken.
   */
  static Object check(Object value, Class<?> type) throws Channel.Broken {
    if (type == void.class) {
      return null;
    }
    if (value == null) {
      if (type.isPrimitive()) {
        throw new Channel.Broken("null where a " + type + " was wanted");
      }
      return null;
    }
    Class<?> wanted = type.isPrimitive() ? box(type) : type;
    if (!wanted.isInstance(value)) {
      throw new Channel.Broken(
          "a " + value.getClass().getName() + " where a " + type.getName() + " was wanted");
    }
    return value;
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in, Budget budget) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_STRING * 4) {
      throw new Channel.Broken("a string of " + length + " bytes (at most " + MAX_STRING * 4 + ")");
    }
    budget.spend(length);
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Object readEnum(DataInputStream in, Budget budget) throws IOException {
    Class<?> type = contractType(readString(in, budget));
    String name = readString(in, budget);
    if (!type.isEnum()) {
      throw new Channel.Broken(type.getName() + " is not an enum");
    }
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(name)) {
        return constant;
      }
    }
    throw new Channel.Broken(type.getName() + " has no constant " + name);
  }

  private static Object readRecord(DataInputStream in, Channel channel, Budget budget, int depth)
      throws IOException {
    Class<?> type = contractType(readString(in, budget));
    if (!type.isRecord()) {
      throw new Channel.Broken(type.getName() + " is not a record");
    }
    RecordComponent[] components = type.getRecordComponents();
    int count = in.readUnsignedByte();
    if (count != components.length) {
      throw new Channel.Broken(
          type.getName() + " has " + components.length + " components, not " + count);
    }
    Object[] args = new Object[count];
    Class<?>[] types = new Class<?>[count];
    for (int i = 0; i < count; i++) {
      types[i] = components[i].getType();
      args[i] = check(read(in, channel, budget, depth + 1), types[i]);
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      return canonical.newInstance(args);
    } catch (InvocationTargetException e) {
      // The record's own checks refused the values: the sender's answer is that exception.
      throw new Channel.Broken(
          "a " + type.getSimpleName() + " its constructor refused: " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new Channel.Broken("cannot make a " + type.getName() + ": " + e);
    }
  }

  /** A type of the contracts, named by the other side: loaded without running any of it. */
  private static Class<?> contractType(String name) throws Channel.Broken {
    if (!name.startsWith(CONTRACTS) || name.substring(CONTRACTS.length()).contains(".")) {
      throw new Channel.Broken(name + " is not a type of the lab contracts (" + CONTRACTS + "*)");
    }
    try {
      return Class.forName(name, false, Values.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new Channel.Broken("no such contract type: " + name);
    }
  }

  private static Class<?> contract(Class<?> declared, Class<?> type) throws IOException {
    if (declared.isInterface() && declared.getName().startsWith(CONTRACTS)) {
      return declared;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().startsWith(CONTRACTS)) {
          return i;
        }
      }
    }
    throw new IOException(
        "a "
            + type.getName()
            + " cannot cross the grading channel: not a value of the lab"
            + " contracts, nor an object implementing one of their interfaces");
  }

  private static Class<?> box(Class<?> primitive) {
    return switch (primitive.getName()) {
      case "boolean" -> Boolean.class;
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "double" -> Double.class;
      case "byte" -> Byte.class;
      case "short" -> Short.class;
      case "char" -> Character.class;
      default -> Float.class;
    };
  }
}
