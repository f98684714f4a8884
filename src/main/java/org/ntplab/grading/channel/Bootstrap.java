package org.ntplab.grading.channel;

/**
 * What the harness asks of a new student process, through its first export: make a lab's object.
 */
public interface Bootstrap {

  /**
   * An instance of the student's {@code className} made with its public no-argument constructor,
   * passed back by reference as {@code contract}.
   */
  Object create(String className, String contract) throws Exception;

  /** Lab 0: {@code script} (the text of answers.jsh) evaluated, passed back as a WarmupLab. */
  Object warmup(String script) throws Exception;
}
