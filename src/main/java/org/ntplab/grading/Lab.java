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
 * exercises. A fixed class name (rather than a service file) keeps the stubs the only thing to
 * edit.
 */
public enum Lab {
  WARMUP(0, "warmup", WarmupAnswers.SCRIPT, Exercises.of(WarmupLab.class, WarmupExercises::of)),
  TIMESTAMPS(1, "timestamps", "org.ntplab.labs.timestamps.Timestamps",
      Exercises.of(TimestampLab.class, TimestampExercises::of)),
  DECODE(2, "decode", "org.ntplab.labs.decode.Decoder", Exercises.of(DecodeLab.class, DecodeExercises::of)),
  ENCODE(3, "encode", "org.ntplab.labs.encode.Encoder", Exercises.of(EncodeLab.class, EncodeExercises::of)),
  OFFSET_DELAY(4, "offset-delay", "org.ntplab.labs.offsetdelay.OffsetDelay",
      Exercises.of(OffsetDelayLab.class, OffsetDelayExercises::of)),
  CHECKS(5, "checks", "org.ntplab.labs.checks.Checks", Exercises.of(ChecksLab.class, ChecksExercises::of)),
  CLIENT(6, "client", "org.ntplab.labs.client.Client", Exercises.of(ClientLab.class, ClientExercises::of)),
  SERVER(7, "server", "org.ntplab.labs.server.Server", Exercises.of(ServerLab.class, ServerExercises::of)),
  TIME_PROTOCOL(8, "time-protocol", "org.ntplab.labs.timeprotocol.TimeProtocol",
      Exercises.of(TimeProtocolLab.class, TimeProtocolExercises::of)),
  MAC(9, "mac", "org.ntplab.labs.mac.MacChecker", Exercises.of(MacLab.class, MacExercises::of));

  /** A lab's contract, and its exercises over a corpus. */
  public record Exercises<S>(Class<S> contract, Function<Corpus, List<Exercise<S>>> of) {

    static <S> Exercises<S> of(Class<S> contract, Function<Corpus, List<Exercise<S>>> of) {
      return new Exercises<>(contract, of);
    }
  }

  private final int number;
  private final String title;
  private final String implementation;
  private final Exercises<?> exercises;

  Lab(int number, String title, String implementation, Exercises<?> exercises) {
    this.number = number;
    this.title = title;
    this.implementation = implementation;
    this.exercises = exercises;
  }

  public static Lab of(int number) {
    for (Lab lab : values()) {
      if (lab.number == number) {
        return lab;
      }
    }
    throw new IllegalArgumentException("no lab " + number + " (labs are " + values()[0].number + " to "
        + values()[values().length - 1].number + ")");
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

  /** The student's class, e.g. {@code org.ntplab.labs.decode.Decoder}; for lab 0, its script, {@code answers.jsh}. */
  public String implementation() {
    return implementation;
  }

  /** Its contract and its exercises over a corpus: what grading it puts to a student's object. */
  public Exercises<?> exercises() {
    return exercises;
  }
}
