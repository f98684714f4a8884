package org.ntplab.grading.harness;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ntplab.grading.Grader;
import org.ntplab.grading.Lab;
import org.ntplab.text.Printable;

/**
 * The rules a lab's compiled classes must keep, checked on the class files themselves (not the
 * source text).
 */
public final class LabClassRules {

  private static final String CONTRACTS = "org.ntplab.lab";
  private static final String OURS = "org.ntplab.";
  private static final String ONLY_CONTRACTS_AND_JDK =
      "a lab may use its contracts (" + CONTRACTS + ") and the JDK only";

  /** A student needs the first few; a hostile class file could name thousands. */
  private static final int MAX_LINES = 20;

  /**
   * Far more than javac writes for a lab: a bigger file is refused rather than read into memory.
   */
  private static final long MAX_BYTES = 16 << 20;

  /** Long enough for any real class name; a hostile one does not fill the screen. */
  private static final int MAX_NAME = 200;

  /**
   * Names the platform loader has: the JDK does not change while we run, and every lab uses the
   * same few.
   */
  private static final Set<String> JDK = ConcurrentHashMap.newKeySet();

  private LabClassRules() {}

  /**
   * One line per broken rule among the .class files under {@code classes} (the output folder of one
   * lab, compiled on its own), naming each file as {@code shown + "/" + relative path}; empty when
   * all is well.
   */
  public static List<String> problems(Lab lab, Path classes, String shown) throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(classes)) {
      files =
          all.filter(f -> f.toString().endsWith(".class") && Files.isRegularFile(f))
              .sorted()
              .toList();
    }
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      String name = shown + "/" + classes.relativize(file).toString().replace('\\', '/');
      try {
        problems.addAll(broken(lab, ClassFile.read(file), name));
      } catch (Malformed e) {
        problems.add(
            name
                + ": not a valid class file ("
                + e.getMessage()
                + "): a lab's class folder holds only"
                + " what javac compiles from its sources");
      }
    }
    if (problems.size() > MAX_LINES) {
      int more = problems.size() - MAX_LINES;
      problems = new ArrayList<>(problems.subList(0, MAX_LINES));
      problems.add("... and " + more + " more");
    }
    return List.copyOf(problems);
  }

  /** The rules {@code type}, read from {@code file}, breaks. */
  private static List<String> broken(Lab lab, ClassFile type, String file) {
    String own = packageOf(lab);
    String who =
        file
            + ": class "
            + printable(type.name())
            + (type.source() == null ? "" : " (from " + printable(type.source()) + ")");
    List<String> lines = new ArrayList<>();
    if (own == null) {
      lines.add(
          who
              + " is not allowed: lab "
              + lab.number()
              + " is answered in "
              + lab.implementation()
              + ", not in classes");
    } else if (!type.name().startsWith(own + ".")) {
      lines.add(
          who
              + " is not in lab "
              + lab.number()
              + "'s package "
              + own
              + ": a lab's classes are in its own package, as the stub's are");
    }
    for (String used : type.uses()) {
      String why = forbidden(own, used);
      if (why != null) {
        lines.add(who + " uses " + printable(used) + why);
      }
    }
    return lines;
  }

  /**
   * Why a lab whose package is {@code own} may not use {@code used}, as the end of its line; null
   * if it may.
   */
  private static String forbidden(String own, String used) {
    if (packageOf(used).equals(CONTRACTS) || own != null && used.startsWith(own + ".")) {
      return null;
    }
    for (Lab other : Lab.all()) {
      String theirs = packageOf(other);
      if (theirs != null && used.startsWith(theirs + ".")) {
        return ", lab "
            + other.number()
            + "'s class: each lab is graded on its own, so a lab may not use another"
            + " lab's classes (copy what you need)";
      }
    }
    if (used.startsWith(OURS) && !used.startsWith(Grader.LABS)) {
      return ": " + ONLY_CONTRACTS_AND_JDK + ", never ntplab's own implementation";
    }
    return inJdk(used) ? null : ", which is not in the JDK: " + ONLY_CONTRACTS_AND_JDK;
  }

  /** The package of a lab's classes; null for a lab answered otherwise (lab 0's JShell script). */
  private static String packageOf(Lab lab) {
    String implementation = lab.implementation();
    return implementation.startsWith(Grader.LABS) ? packageOf(implementation) : null;
  }

  private static String packageOf(String name) {
    return name.substring(0, Math.max(0, name.lastIndexOf('.')));
  }

  /**
   * Whether {@code name} is the JDK's: the platform loader has it (the class path's libraries are
   * not there). It is not initialized, so nothing of it runs.
   */
  private static boolean inJdk(String name) {
    if (JDK.contains(name)) {
      return true;
    }
    try {
      Class.forName(name, false, ClassLoader.getPlatformClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    JDK.add(name);
    return true;
  }

  /**
   * Names come from the class file, which may be hostile: no control characters reach a terminal.
   */
  private static String printable(String name) {
    return Printable.line(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) + "..." : name);
  }

  /** A file that is not a class file, and why. */
  private static final class Malformed extends Exception {
    Malformed(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * What the rules need of a class file: its name, its source file (null if not said) and the other
   * classes it refers to, all as binary names ({@code java.util.Map$Entry}).
   */
  private record ClassFile(String name, String source, Set<String> uses) {

    static ClassFile read(Path file) throws IOException, Malformed {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new Malformed("it is " + size + " bytes, more than any lab's class");
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)));
      try {
        return new Reader(in).read();
      } catch (IOException e) {
        // Read from memory, so the only ways to fail are these two.
        throw new Malformed(
            e instanceof EOFException ? "it ends early" : "a text constant is not valid UTF-8");
      }
    }
  }

  /**
   * Reads a class file (JVMS §4) as far as the rules need. Every index is checked against the
   * constant pool and every length against the bytes left, so nothing hostile is believed.
   */
  private static final class Reader {
    private static final int UTF8 = 1;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_TYPE = 16;

    private final DataInputStream in;
    private int count;
    private int[] tags;
    private String[] texts;

    /**
     * Of a Class, its name; of a String, its text; of a NameAndType or MethodType, its descriptor.
     */
    private int[] refs;

    /** Texts used as descriptors: these must read as one, string literal or not. */
    private boolean[] descriptors;

    /**
     * Texts of string literals, which name no class: {@code Class.forName("...")} is stopped when
     * it runs.
     */
    private boolean[] literals;

    private String source;

    Reader(DataInputStream in) {
      this.in = in;
    }

    ClassFile read() throws IOException, Malformed {
      if (in.readInt() != 0xCAFEBABE) {
        throw new Malformed("it does not start with CAFEBABE, as class files do");
      }
      in.readUnsignedShort(); // minor version
      int major = in.readUnsignedShort();
      if (major < 45) {
        throw new Malformed("its version " + major + " is older than Java 1.0's");
      }
      constants();
      in.readUnsignedShort(); // access flags
      String name = className(in.readUnsignedShort());
      int superclass = in.readUnsignedShort();
      if (superclass != 0) {
        className(superclass);
      }
      in.skipNBytes(
          2L * in.readUnsignedShort()); // interfaces: Class constants, read with the others
      members(); // fields
      members(); // methods
      attributes(true);
      if (in.available() > 0) {
        throw new Malformed("it goes on for " + in.available() + " bytes after its end");
      }
      Set<String> uses = new TreeSet<>();
      for (int i = 1; i < count; i++) {
        if (tags[i] == CLASS
            && texts[refs[i]].startsWith("[")) { // an array class: [Lorg/ntplab/wire/NtpPacket;
          if (!Signature.read(texts[refs[i]], uses)) {
            throw new Malformed("constant #" + i + " is not a class name");
          }
        } else if (tags[i] == CLASS) {
          uses.add(texts[refs[i]].replace('/', '.'));
        } else if (tags[i] == UTF8 && (descriptors[i] || !literals[i])) {
          // Besides descriptors, signatures, annotations and the debugging tables name classes in
          // their
          // texts: any text that reads as a descriptor or signature is taken for one.
          if (!Signature.read(texts[i], uses) && descriptors[i]) {
            throw new Malformed("constant #" + i + " is not a descriptor");
          }
        }
      }
      uses.remove(name);
      return new ClassFile(name, source, uses);
    }

    /**
     * The constant pool (JVMS §4.4), and which of its texts are descriptors and which string
     * literals.
     */
    private void constants() throws IOException, Malformed {
      count = in.readUnsignedShort();
      tags = new int[count];
      texts = new String[count];
      refs = new int[count];
      descriptors = new boolean[count];
      literals = new boolean[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        tags[i] = tag;
        switch (tag) {
          case UTF8 -> texts[i] = in.readUTF(); // its length is a u2: at most 64 KiB
          case CLASS, STRING, METHOD_TYPE -> refs[i] = in.readUnsignedShort();
          case NAME_AND_TYPE -> {
            in.readUnsignedShort(); // the name
            refs[i] = in.readUnsignedShort();
          }
          // Integer, Float; field, method and interface method refs (their Class and NameAndType
          // are
          // constants of their own); Dynamic, InvokeDynamic (a bootstrap method and a NameAndType).
          case 3, 4, 9, 10, 11, 17, 18 -> in.skipNBytes(4);
          case 5, 6 -> { // Long, Double: they take two entries (JVMS §4.4.5)
            in.skipNBytes(8);
            if (++i == count) {
              throw new Malformed("its last constant is an 8-byte one, which takes two entries");
            }
          }
          case 15 -> in.skipNBytes(3); // MethodHandle: a kind and a ref
          case 19, 20 -> in.skipNBytes(2); // Module, Package
          default ->
              throw new Malformed(
                  "constant #" + i + " has tag " + tag + ", which no class file has");
        }
      }
      for (int i = 1; i < count; i++) {
        if (tags[i] == CLASS) {
          text(refs[i]);
        } else if (tags[i] == STRING) {
          text(refs[i]);
          literals[refs[i]] = true;
        } else if (tags[i] == NAME_AND_TYPE || tags[i] == METHOD_TYPE) {
          text(refs[i]);
          descriptors[refs[i]] = true;
        }
      }
    }

    /**
     * Fields or methods: a descriptor each, which alone may name a class (a parameter's type, say).
     */
    private void members() throws IOException, Malformed {
      for (int n = in.readUnsignedShort(); n > 0; n--) {
        in.readUnsignedShort(); // access flags
        text(in.readUnsignedShort()); // name
        int descriptor = in.readUnsignedShort();
        text(descriptor);
        descriptors[descriptor] = true;
        attributes(false);
      }
    }

    /**
     * Attributes, skipped but for the class's SourceFile: their texts are constants, read with the
     * others.
     */
    private void attributes(boolean ofClass) throws IOException, Malformed {
      for (int n = in.readUnsignedShort(); n > 0; n--) {
        String name = text(in.readUnsignedShort());
        long length = Integer.toUnsignedLong(in.readInt());
        if (ofClass && name.equals("SourceFile") && length == 2) {
          source = text(in.readUnsignedShort());
        } else {
          in.skipNBytes(length); // past the end is an EOFException, not a skip of 4 GiB
        }
      }
    }

    private String text(int index) throws Malformed {
      if (index <= 0 || index >= count || tags[index] != UTF8) {
        throw new Malformed("it refers to constant #" + index + " for a text, which is not one");
      }
      return texts[index];
    }

    private String className(int index) throws Malformed {
      if (index <= 0 || index >= count || tags[index] != CLASS) {
        throw new Malformed("it refers to constant #" + index + " for a class, which is not one");
      }
      return texts[refs[index]].replace('/', '.');
    }
  }

  /**
   * The classes a descriptor or generic signature names (JVMS §4.3, §4.7.9.1), read by its grammar:
   * a type variable or a type parameter called {@code L} is not a class.
   */
  private static final class Signature {
    /**
     * Deeper than any program's generics; past it a text is not taken for a signature (and the
     * stack stays short).
     */
    private static final int MAX_DEPTH = 32;

    private final String text;
    private final List<String> classes = new ArrayList<>();
    private int at;
    private int depth;

    private Signature(String text) {
      this.text = text;
    }

    /**
     * Adds the classes {@code text} names to {@code into}; false, adding none, if it is no
     * descriptor or signature.
     */
    static boolean read(String text, Set<String> into) {
      Signature signature = new Signature(text);
      if (!signature.whole()) {
        return false;
      }
      signature.classes.forEach(c -> into.add(c.replace('/', '.')));
      return true;
    }

    private boolean whole() {
      if (peek() == '<' && !typeParameters()) {
        return false;
      }
      if (eat('(')) { // a method's: parameters, result, and the exceptions of a signature's throws
        while (!eat(')')) {
          if (!type(true)) {
            return false;
          }
        }
        if (!eat('V') && !type(true)) {
          return false;
        }
        while (eat('^')) {
          if (!type(false)) {
            return false;
          }
        }
      } else { // a field's type, or a class's superclass and interfaces
        do {
          if (!type(true)) {
            return false;
          }
        } while (at < text.length());
      }
      return at == text.length();
    }

    /** {@code <T:Ljava/lang/Object;U::Ljava/lang/Comparable<TU;>;>} */
    private boolean typeParameters() {
      eat('<');
      do {
        if (!identifier() || !eat(':')) {
          return false;
        }
        if (peek() != ':' && !type(false)) { // the class bound, if any
          return false;
        }
        while (eat(':')) { // interface bounds
          if (!type(false)) {
            return false;
          }
        }
      } while (!eat('>'));
      return true;
    }

    /**
     * A type; with {@code primitive} false, only a reference type (an array of primitives is one).
     */
    private boolean type(boolean primitive) {
      boolean array = false;
      while (eat('[')) {
        array = true;
      }
      if ((primitive || array) && at < text.length() && "BCDFIJSZ".indexOf(text.charAt(at)) >= 0) {
        at++;
        return true;
      }
      if (eat('T')) { // a type variable
        return identifier() && eat(';');
      }
      if (!eat('L')) {
        return false;
      }
      int start = at;
      while (at < text.length()
          && ".;<>:[".indexOf(text.charAt(at)) < 0) { // the package, by '/', and the class
        at++;
      }
      if (at == start) {
        return false;
      }
      classes.add(text.substring(start, at));
      if (!typeArguments()) {
        return false;
      }
      while (eat('.')) { // an inner class of a generic one, named by its outer class
        if (!identifier() || !typeArguments()) {
          return false;
        }
      }
      return eat(';');
    }

    /**
     * {@code <...>} if there: each argument a type, {@code *}, or a wildcard's bound {@code +T} or
     * {@code -T}.
     */
    private boolean typeArguments() {
      if (!eat('<')) {
        return true;
      }
      if (++depth > MAX_DEPTH) {
        return false;
      }
      do {
        if (eat('*')) {
          continue;
        }
        if (!eat('+')) {
          eat('-');
        }
        if (!type(false)) {
          return false;
        }
      } while (!eat('>'));
      depth--;
      return true;
    }

    private boolean identifier() {
      int start = at;
      while (at < text.length() && ".;[/<>:".indexOf(text.charAt(at)) < 0) {
        at++;
      }
      return at > start;
    }

    private int peek() {
      return at < text.length() ? text.charAt(at) : -1;
    }

    private boolean eat(char c) {
      if (peek() != c) {
        return false;
      }
      at++;
      return true;
    }
  }
}
