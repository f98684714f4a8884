package org.ntplab.grading.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A student process's processor time counts its JVM and the wrappers that started it, not what the
 * JVM started: the student's code could start a process that computes, then end it, and a call's
 * meter would go back by what that process had used.
 */
class ProcessTreeTest {

  @Test
  void whatTheJvmStartedIsNotCounted() throws Exception {
    // This test's JVM stands for the student's: it starts a process, alive while the tree is read.
    Process child = new ProcessBuilder("sleep", "60").start();
    try {
      ProcessHandle jvm = ProcessHandle.current();
      assertEquals(List.of(jvm), StudentProcess.jvmAndWrappers(jvm));
    } finally {
      child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
