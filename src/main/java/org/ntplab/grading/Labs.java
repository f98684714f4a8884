package org.ntplab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The labs there are, found rather than listed: every {@code *Exercises} class of this package
 * declares its lab in a {@code static final Lab LAB}, and the built-in labs are those declared
 * among the classes ntplab was loaded from (its class folder or its jar). That is the source of
 * truth: the folders under {@code labs/} are never read for it, so the jar alone, Gradescope's
 * autograder and a submission that lacks a folder know every lab.
 */
public final class Labs {

  /** What an exercises class's name ends with: the classes looked at, none other loaded. */
  static final String SUFFIX = "Exercises";

  /** The field each exercises class declares its lab in. */
  static final String FIELD = "LAB";

  private static final String FOLDER = Labs.class.getPackageName().replace('.', '/') + "/";

  private final SortedSet<Lab> all;

  private Labs(SortedSet<Lab> all) {
    this.all = Collections.unmodifiableSortedSet(all);
  }

  /** The labs ntplab's own classes declare, found once. */
  public static Labs builtIn() {
    return BuiltIn.LABS;
  }

  /** Lazily, so that nothing but grading pays for the search. */
  private static final class BuiltIn {
    static final Labs LABS;

    static {
      try {
        LABS = in(List.of(ClassFiles.sourceOf(Labs.class)), Labs.class.getClassLoader());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The labs declared by the exercises classes in {@code sources} (class folders or jars), loaded
   * through {@code loader}; a number or title declared twice is an error.
   */
  static Labs in(List<Path> sources, ClassLoader loader) throws IOException {
    TreeMap<Integer, Lab> byNumber = new TreeMap<>();
    Map<String, String> declarer = new HashMap<>(); // "lab 2" and "title decode" -> class name
    for (Path source : sources) {
      for (String file : ClassFiles.read(source, FOLDER, Labs::isExercises).keySet()) {
        String name = file.substring(0, file.length() - ".class".length()).replace('/', '.');
        Lab lab = declared(name, loader);
        for (String key : List.of("lab " + lab.number(), "the title " + lab.title())) {
          String before = declarer.putIfAbsent(key, name);
          if (before != null) {
            throw new IllegalStateException(
                key + " is declared twice: in " + before + " and " + name);
          }
        }
        byNumber.put(lab.number(), lab);
      }
    }
    if (byNumber.isEmpty()) {
      throw new IllegalStateException("no exercises class declares a lab in " + sources);
    }
    return new Labs(new TreeSet<>(byNumber.values()));
  }

  /** A top-level class named {@code *Exercises} ({@code Lab$Exercises} is not one). */
  private static boolean isExercises(String file) {
    return file.endsWith(SUFFIX + ".class") && file.indexOf('$') < 0;
  }

  /** The lab in {@code LAB} of the class {@code name}. */
  private static Lab declared(String name, ClassLoader loader) {
    try {
      Field field = Class.forName(name, true, loader).getDeclaredField(FIELD);
      int modifiers = field.getModifiers();
      if (field.getType() != Lab.class
          || !Modifier.isStatic(modifiers)
          || !Modifier.isFinal(modifiers)) {
        throw new IllegalStateException(
            name + "." + FIELD + " must be a static final Lab: it declares the class's lab");
      }
      field.setAccessible(true);
      return (Lab) field.get(null);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          name + " declares no lab: an exercises class holds its lab in static final Lab " + FIELD);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the lab " + name + " declares: " + e, e);
    }
  }

  /** Every lab, by number. */
  public SortedSet<Lab> all() {
    return all;
  }

  /** The lab numbered {@code number}, or a one-line error naming the labs there are. */
  public Lab of(int number) {
    for (Lab lab : all) {
      if (lab.number() == number) {
        return lab;
      }
    }
    throw new IllegalArgumentException(
        "no lab "
            + number
            + " (labs are "
            + all.first().number()
            + " to "
            + all.last().number()
            + ")");
  }
}
