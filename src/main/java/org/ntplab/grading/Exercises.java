package org.ntplab.grading;

import java.util.List;
import org.ntplab.lab.DecodeLab;
import org.ntplab.lab.EncodeLab;
import org.ntplab.lab.OffsetDelayLab;
import org.ntplab.lab.TimestampLab;

/** Every lab's exercises over one corpus: the one place that says which lab has which. */
public final class Exercises {

  private Exercises() {}

  public static List<Exercise<TimestampLab>> timestamps(Corpus corpus) {
    return TimestampExercises.of(corpus);
  }

  public static List<Exercise<DecodeLab>> decode(Corpus corpus) {
    return DecodeExercises.of(corpus);
  }

  public static List<Exercise<EncodeLab>> encode(Corpus corpus) {
    return EncodeExercises.of(corpus);
  }

  public static List<Exercise<OffsetDelayLab>> offsetDelay(Corpus corpus) {
    return OffsetDelayExercises.of(corpus);
  }
}
