package org.ntplab.grading;

import java.util.List;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A graded lab: its number, title, the student's class (or lab 0's script) and its exercises. Each
 * exercises class declares its own in a {@code static final Lab LAB} and {@link Labs} finds them;
 * the rest is derived: the folder is {@code NN-title}, the student's package {@code
 * org.ntplab.labs.} and the title without hyphens. Labs are ordered by number.
 *
 * @param student the class's simple name (its package follows from the title), or lab 0's script
 */
public record Lab(int number, String title, String student, Exercises<?> exercises)
    implements Comparable<Lab> {

  /** A lab's contract, and its exercises over a corpus. */
  public record Exercises<S>(Class<S> contract, Function<Corpus, List<Exercise<S>>> of) {

    public static <S> Exercises<S> of(Class<S> contract, Function<Corpus, List<Exercise<S>>> of) {
      return new Exercises<>(contract, of);
    }
  }

  /**
   * The prefix of every lab's package: the rest is its title without hyphens, so the folder names
   * it.
   */
  private static final String PACKAGES = "org.ntplab.labs.";

  /** What a script's name ends with; any other student is a class. */
  private static final String SCRIPT = ".jsh";

  /** Lower case words joined by hyphens: a folder's tail and, without them, a package's name. */
  private static final Pattern TITLE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");

  public Lab {
    if (number < 0 || number > 99) {
      throw new IllegalArgumentException("lab " + number + ": a lab's number is 0 to 99");
    }
    if (!TITLE.matcher(title).matches()) {
      throw new IllegalArgumentException(
          "lab " + number + " is titled \"" + title + "\": lower case words joined by hyphens");
    }
    if (!student.endsWith(SCRIPT) && !CLASS_NAME.matcher(student).matches()) {
      throw new IllegalArgumentException(
          "lab " + number + "'s student \"" + student + "\": a class's simple name or a .jsh");
    }
  }

  /** The built-in lab numbered {@code number}, or a one-line error naming the labs there are. */
  public static Lab of(int number) {
    return Labs.builtIn().of(number);
  }

  /** Every built-in lab, by number. */
  public static SortedSet<Lab> all() {
    return Labs.builtIn().all();
  }

  /** {@code lab2}: what every exercise name starts with. */
  public String id() {
    return "lab" + number;
  }

  /** The folder under {@code labs/}, e.g. {@code 02-decode}. */
  public String folder() {
    return String.format("%02d-%s", number, title);
  }

  public Class<?> contract() {
    return exercises.contract();
  }

  /** Whether the student answers with a JShell script (lab 0) rather than a class. */
  public boolean isScript() {
    return student.endsWith(SCRIPT);
  }

  /**
   * The student's class, e.g. {@code org.ntplab.labs.decode.Decoder}; for lab 0, its script, {@code
   * answers.jsh}.
   */
  public String implementation() {
    return isScript() ? student : PACKAGES + title.replace("-", "") + "." + student;
  }

  @Override
  public int compareTo(Lab other) {
    return Integer.compare(number, other.number);
  }

  /** Its folder's name, e.g. {@code 02-decode}: what a person reading a message knows it by. */
  @Override
  public String toString() {
    return folder();
  }
}
