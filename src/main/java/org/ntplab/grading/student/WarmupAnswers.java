package org.ntplab.grading.student;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.ntplab.lab.WarmupLab;

/**
 * Lab 0's student: {@code answers.jsh} evaluated in a JShell engine of its own, each question put
 * to it as an expression. A stub's UnsupportedOperationException comes back as one, so the grader
 * shows "not started"; anything else the script threw comes back naming its line.
 */
public final class WarmupAnswers implements WarmupLab, AutoCloseable {

  /** Lab 0's file in its folder. */
  public static final String SCRIPT = "answers.jsh";

  private static final List<String> CONSTANTS =
      List.of("epochOffset()", "eraZeroEnds()", "requestLength()", "receiveTimestampOffset()");

  private final Path file;
  private final JshScript.Limits limits;
  private volatile JshScript script;

  /**
   * Answers already in hand, by call; what threw anything but "not started" is asked again alone.
   */
  private final Map<String, JshScript.Result> known = new ConcurrentHashMap<>();

  /** The first fault of each of the script's definitions that does not compile, by name. */
  private final Map<String, ScriptException> broken = new ConcurrentHashMap<>();

  private WarmupAnswers(Path file, JshScript.Limits limits, JshScript script) {
    this.file = file;
    this.limits = limits;
    this.script = script;
  }

  /**
   * Asks at once every question whose inputs are few: a JShell evaluation costs a compilation, and
   * the first byte has only 256 values. A batch that does not compile or finish leaves its
   * questions to be asked alone, where their own faults show.
   */
  private void prefetch() {
    prefetch(CONSTANTS, () -> script.batch(CONSTANTS));
    for (String method : List.of("version", "mode")) {
      List<String> calls =
          IntStream.range(0, 256).mapToObj(b -> String.format("%s(0x%02x)", method, b)).toList();
      prefetch(calls, () -> script.each(method, 256));
    }
  }

  /** One batch: a fault in one question's batch leaves the other batches' answers in hand. */
  private void prefetch(List<String> calls, Callable<List<JshScript.Result>> batch) {
    if (Thread.currentThread().isInterrupted()) {
      return;
    }
    try {
      remember(calls, batch.call());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Asked one by one instead, where the fault shows on its own question.
    }
    if (script.ended()) {
      // Its code ended the engine (System.exit where nothing refuses it): in a new one, asked
      // alone, the call that does it again is named, and the answers before it still count.
      script.close();
      try {
        script = JshScript.evaluate(file, limits);
      } catch (IOException | RuntimeException e) {
        // The old, ended engine answers every call with why it ended.
      }
    }
  }

  /**
   * Evaluates {@code file} now, outside the grader's per-call time limit (starting JShell takes
   * longer than any answer may); the Callable hands over the answers, or throws what went wrong.
   */
  public static Callable<WarmupLab> factory(Path file, JshScript.Limits limits) {
    if (!Files.isRegularFile(file)) {
      return () -> {
        throw new IllegalStateException(
            file + " not found: lab 0's answers are a JShell script there");
      };
    }
    JshScript script;
    try {
      script = JshScript.evaluate(file, limits);
    } catch (IOException | RuntimeException e) {
      return () -> {
        throw new IllegalStateException("cannot evaluate " + file + ": " + e.getMessage(), e);
      };
    }
    List<JshScript.Problem> problems = script.problems();
    if (problems.stream().anyMatch(p -> p.definition() == null)) {
      // A fault outside every method (a statement, a missing brace): no answer can be trusted.
      script.close();
      ScriptException first = ScriptException.of(problems.get(0));
      return () -> {
        throw first;
      };
    }
    WarmupAnswers answers = new WarmupAnswers(file, limits, script);
    // A method that does not compile costs its own questions; the others are still answered.
    problems.forEach(p -> answers.broken.putIfAbsent(p.definition(), ScriptException.of(p)));
    answers.prefetch();
    return () -> answers;
  }

  private void remember(List<String> calls, List<JshScript.Result> results) {
    for (int i = 0; i < results.size(); i++) {
      known.put(calls.get(i), results.get(i));
    }
  }

  @Override
  public long epochOffset() {
    return whole("epochOffset()", BigDecimal::longValueExact);
  }

  @Override
  public Instant eraZeroEnds() {
    String text = ask("eraZeroEnds()", true);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("eraZeroEnds() gave " + text + ", not an Instant");
    }
  }

  @Override
  public int requestLength() {
    return whole("requestLength()", BigDecimal::intValueExact);
  }

  @Override
  public int receiveTimestampOffset() {
    return whole("receiveTimestampOffset()", BigDecimal::intValueExact);
  }

  @Override
  public int version(int firstByte) {
    return whole(String.format("version(0x%02x)", firstByte), BigDecimal::intValueExact);
  }

  @Override
  public int mode(int firstByte) {
    return whole(String.format("mode(0x%02x)", firstByte), BigDecimal::intValueExact);
  }

  @Override
  public double receiveSeconds(byte[] reply) {
    String call = "receiveSeconds(" + bytes(reply) + ")";
    String value = ask(call, false);
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException("receiveSeconds(reply) gave " + value + ", not a number");
    }
  }

  @Override
  public String kissCode(byte[] reply) {
    return ask("kissCode(" + bytes(reply) + ")", true);
  }

  /** The bytes as an expression the script's engine can evaluate without any import. */
  private static String bytes(byte[] b) {
    return "java.util.HexFormat.of().parseHex(\"" + HexFormat.of().formatHex(b) + "\")";
  }

  private <T> T whole(String call, Function<BigDecimal, T> exact) {
    String value = ask(call, false);
    try {
      return exact.apply(new BigDecimal(value));
    } catch (ArithmeticException | NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(
          call + " gave " + value + ", not a whole number that fits");
    }
  }

  private String ask(String call, boolean text) {
    ScriptException fault = broken.get(call.substring(0, call.indexOf('(')));
    if (fault != null) {
      throw fault;
    }
    JshScript.Result result = known.get(call);
    if (result instanceof JshScript.Result.Value v) {
      return v.text();
    }
    if (result instanceof JshScript.Result.Threw t
        && t.exceptionClass().equals(UnsupportedOperationException.class.getName())) {
      throw new UnsupportedOperationException(
          t.message() == null ? call + " is not answered yet" : t.message());
    }
    try {
      return text ? script.text(call) : script.value(call);
    } catch (InterruptedException e) {
      // The grader gave up on this call (its time limit); the script's engine has stopped it.
      Thread.currentThread().interrupt();
      throw new IllegalStateException(call + " was interrupted");
    } catch (ScriptException e) {
      if (e.exceptionClass()
          .filter(UnsupportedOperationException.class.getName()::equals)
          .isPresent()) {
        throw new UnsupportedOperationException(
            e.thrownMessage().orElse(call + " is not answered yet"));
      }
      if (e.exitStatus().isPresent()) {
        throw new ProgramEnded(
            "your code called System.exit("
                + e.exitStatus().getAsInt()
                + ") in "
                + exitedIn(e, call)
                + " — "
                + ProgramEnded.NEVER_END);
      }
      throw e;
    }
  }

  /**
   * {@code epochOffset() (answers.jsh line 8)}: the script's method that called System.exit, else
   * the call.
   */
  private static String exitedIn(ScriptException e, String call) {
    StackTraceElement[] frames = e.getStackTrace();
    if (frames.length == 0) {
      return call;
    }
    return frames[0].getMethodName()
        + "() ("
        + frames[0].getFileName()
        + " line "
        + frames[0].getLineNumber()
        + ")";
  }

  @Override
  public void close() {
    script.close();
  }
}
