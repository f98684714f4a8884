package org.ntplab.grading.student;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ntplab.grading.channel.Bootstrap;
import org.ntplab.grading.channel.ByReference;
import org.ntplab.grading.channel.Channel;
import org.ntplab.lab.WarmupLab;

/**
 * The student process's main class: makes the lab objects the harness asks for and answers its
 * calls over standard input and output, which nothing else may write. What student code prints goes
 * to standard error, which the harness keeps (capped) as printed output and never reads as an
 * answer. Its class path holds the contracts, this package, the channel and the students' classes,
 * nothing of the reference or the grader. Run by the harness, not by people.
 */
public final class StudentMain implements Bootstrap {

  private static final String LABS = "org.ntplab.labs.";

  /** A right answer takes microseconds: a call still running after this is worth locating. */
  private static final long SLOW_NANOS = 400_000_000L;

  private static final long LOOK_MILLIS = 200;

  private StudentMain() {}

  public static void main(String[] args) throws IOException {
    // Taken before any student code runs: afterwards System.out is theirs and goes to stderr.
    BufferedOutputStream answers =
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    PrintStream printed =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.setOut(printed);
    System.setErr(printed);
    System.setIn(new ByteArrayInputStream(new byte[0]));
    Channel channel =
        new Channel(
            new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16),
            answers,
            true);
    channel.export(Channel.BOOTSTRAP, new StudentMain(), Bootstrap.class);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> exiting(channel), "grading-exit"));
    Thread watch = new Thread(() -> watch(channel), "grading-watch");
    watch.setDaemon(true);
    watch.start();
    channel.serve();
    // The harness closed the channel: grading is over. Halt, so a student's thread cannot keep this
    // JVM up.
    Runtime.getRuntime().halt(0);
  }

  @Override
  public Object create(String className, String contract) throws Exception {
    if (!className.startsWith(LABS)) {
      throw new IllegalArgumentException(className + " is not a lab's class");
    }
    Class<?> type;
    try {
      type = Class.forName(className, false, StudentMain.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      String pkg = className.substring(0, className.lastIndexOf('.'));
      throw new IllegalStateException(
          "class "
              + className
              + " not found: its lab folder must hold it (public, in"
              + " package "
              + pkg
              + ")");
    }
    Class<?> wanted = Class.forName(contract, false, StudentMain.class.getClassLoader());
    if (!wanted.isAssignableFrom(type)) {
      throw new IllegalStateException(type.getName() + " must implement " + wanted.getName());
    }
    Object instance;
    try {
      instance = type.getDeclaredConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException(
          type.getName() + " needs a public constructor without parameters");
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    return new ByReference(instance, wanted);
  }

  @Override
  public Object warmup(String script) throws Exception {
    // The script's messages name the file as the student knows it: answers.jsh.
    Path dir = Files.createTempDirectory("warmup");
    Path file = dir.resolve(WarmupAnswers.SCRIPT);
    Files.writeString(file, script, StandardCharsets.UTF_8);
    WarmupLab answers = WarmupAnswers.factory(file, JshScript.Limits.DEFAULT).call();
    return new ByReference(answers, WarmupLab.class);
  }

  /**
   * Tells the harness, while a call runs long, which line of the student's code it is on: if the
   * call never returns, the harness's message can name the line of the endless loop. The harness
   * believes none of it beyond the shape of a frame.
   */
  private static void watch(Channel channel) {
    String said = null;
    long saidFor = 0;
    while (true) {
      try {
        Thread.sleep(LOOK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      long since = channel.busySince();
      Thread owner = channel.owner();
      if (since == 0 || owner == null || System.nanoTime() - since < SLOW_NANOS) {
        continue;
      }
      Optional<String> line = Frames.inLab(owner.getStackTrace());
      if (line.isPresent() && (since != saidFor || !line.get().equals(said))) {
        said = line.get();
        saidFor = since;
        channel.sayWhere(said, since);
      }
    }
  }

  /** On System.exit: tells the harness who called it, for the student's message. */
  private static void exiting(Channel channel) {
    for (StackTraceElement[] trace : Thread.getAllStackTraces().values()) {
      Optional<String> caller = Frames.exitCaller(trace);
      if (caller.isPresent()) {
        channel.sayExit(caller.get());
        return;
      }
    }
  }
}
