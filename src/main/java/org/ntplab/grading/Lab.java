package org.ntplab.grading;

import java.util.List;
import java.util.function.Function;
import org.ntplab.grading.student.WarmupAnswers;
import org.ntplab.lab.ChecksLab;
import org.ntplab.lab.ClientLab;
import org.ntplab.lab.DecodeLab;
import org.ntplab.lab.EncodeLab;
import org.ntplab.lab.MacLab;
import org.ntplab.lab.OffsetDelayLab;
import org.ntplab.lab.ServerLab;
import org.ntplab.lab.TimeProtocolLab;
import org.ntplab.lab.TimestampLab;
import org.ntplab.lab.WarmupLab;

/**
 * The graded labs: the one place that says which lab has which contract, student class and
 * exercises. The rest is derived: the folder is {@code NN-title}, the student's package {@code
 * org.ntplab.labs.} and the title without hyphens. A fixed class name (rather than a service file)
 * keeps the stubs the only thing to edit.
 */
public enum Lab {
  WARMUP(0, "warmup", WarmupAnswers.SCRIPT, Exercises.of(WarmupLab.class, WarmupExercises::of)),
  TIMESTAMPS(
      1, "timestamps", "Timestamps", Exercises.of(TimestampLab.class, TimestampExercises::of)),
  DECODE(2, "decode", "Decoder", Exercises.of(DecodeLab.class, DecodeExercises::of)),
  ENCODE(3, "encode", "Encoder", Exercises.of(EncodeLab.class, EncodeExercises::of)),
  OFFSET_DELAY(
      4,
      "offset-delay",
      "OffsetDelay",
      Exercises.of(OffsetDelayLab.class, OffsetDelayExercises::of)),
  CHECKS(5, "checks", "Checks", Exercises.of(ChecksLab.class, ChecksExercises::of)),
  CLIENT(6, "client", "Client", Exercises.of(ClientLab.class, ClientExercises::of)),
  SERVER(7, "server", "Server", Exercises.of(ServerLab.class, ServerExercises::of)),
  TIME_PROTOCOL(
      8,
      "time-protocol",
      "TimeProtocol",
      Exercises.of(TimeProtocolLab.class, TimeProtocolExercises::of)),
  MAC(9, "mac", "MacChecker", Exercises.of(MacLab.class, MacExercises::of));

  /** A lab's contract, and its exercises over a corpus. */
  public record Exercises<S>(Class<S> contract, Function<Corpus, List<Exercise<S>>> of) {

    static <S> Exercises<S> of(Class<S> contract, Function<Corpus, List<Exercise<S>>> of) {
      return new Exercises<>(contract, of);
    }
  }

  /**
   * The prefix of every lab's package: the rest is its title without hyphens, so the folder names
   * it.
   */
  private static final String PACKAGES = "org.ntplab.labs.";

  private final int number;
  private final String title;
  private final String student;
  private final Exercises<?> exercises;

  /**
   * {@code student} is the class's simple name (its package follows from the title), or lab 0's
   * script.
   */
  Lab(int number, String title, String student, Exercises<?> exercises) {
    this.number = number;
    this.title = title;
    this.student = student;
    this.exercises = exercises;
  }

  public static Lab of(int number) {
    for (Lab lab : values()) {
      if (lab.number == number) {
        return lab;
      }
    }
    throw new IllegalArgumentException(
        "no lab "
            + number
            + " (labs are "
            + values()[0].number
            + " to "
            + values()[values().length - 1].number
            + ")");
  }

  public int number() {
    return number;
  }

  /** {@code lab2}: what every exercise name starts with. */
  public String id() {
    return "lab" + number;
  }

  public String title() {
    return title;
  }

  /** The folder under {@code labs/}, e.g. {@code 02-decode}. */
  public String folder() {
    return String.format("%02d-%s", number, title);
  }

  public Class<?> contract() {
    return exercises.contract();
  }

  /**
   * The student's class, e.g. {@code org.ntplab.labs.decode.Decoder}; for lab 0, its script, {@code
   * answers.jsh}.
   */
  public String implementation() {
    return student.endsWith(".jsh") ? student : PACKAGES + title.replace("-", "") + "." + student;
  }

  /** Its contract and its exercises over a corpus: what grading it puts to a student's object. */
  public Exercises<?> exercises() {
    return exercises;
  }
}
