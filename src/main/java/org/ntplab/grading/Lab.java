package org.ntplab.grading;

import org.ntplab.lab.DecodeLab;
import org.ntplab.lab.EncodeLab;
import org.ntplab.lab.OffsetDelayLab;
import org.ntplab.lab.TimestampLab;

/**
 * The graded labs, each with its contract and the class name the student's implementation must
 * have. A fixed name (rather than a service file) keeps the stubs the only thing to edit.
 */
public enum Lab {
  TIMESTAMPS(1, "timestamps", TimestampLab.class, "org.ntplab.labs.timestamps.Timestamps"),
  DECODE(2, "decode", DecodeLab.class, "org.ntplab.labs.decode.Decoder"),
  ENCODE(3, "encode", EncodeLab.class, "org.ntplab.labs.encode.Encoder"),
  OFFSET_DELAY(4, "offset-delay", OffsetDelayLab.class, "org.ntplab.labs.offsetdelay.OffsetDelay");

  private final int number;
  private final String title;
  private final Class<?> contract;
  private final String implementation;

  Lab(int number, String title, Class<?> contract, String implementation) {
    this.number = number;
    this.title = title;
    this.contract = contract;
    this.implementation = implementation;
  }

  public static Lab of(int number) {
    for (Lab lab : values()) {
      if (lab.number == number) {
        return lab;
      }
    }
    throw new IllegalArgumentException("no lab " + number + " (labs are 1 to " + values().length + ")");
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
    return contract;
  }

  public String implementation() {
    return implementation;
  }
}
