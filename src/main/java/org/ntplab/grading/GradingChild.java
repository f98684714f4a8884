package org.ntplab.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ntplab.fixture.FixtureException;
import org.ntplab.io.AtomicFiles;

/**
 * The grading child JVM's main class: grades what a request file asks, writes each step to a
 * progress file as it goes (so that the parent knows where student code killed it), and the
 * report to a file at the end. Run by {@link ForkedGrading}, not by people.
 *
 * <p>Progress lines, tab-separated: {@code plan {json}} per lab before any student code runs,
 * {@code lab N} before the student's class is made, {@code start NAME} and {@code result {json}}
 * per exercise, {@code exit FRAME} if something calls System.exit, and {@code done}.
 */
public final class GradingChild {

  private static final int BAD_REQUEST = 70;

  private final PrintWriter progress;
  private volatile boolean done;

  private GradingChild(PrintWriter progress) {
    this.progress = progress;
  }

  /** {@code GradingChild REQUEST.json PROGRESS.log REPORT.json} */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: GradingChild REQUEST.json PROGRESS.log REPORT.json");
      System.exit(BAD_REQUEST);
    }
    JsonNode request = ReportJson.JSON.readTree(Path.of(args[0]).toFile());
    // Unbuffered beyond a line: a line written is in the file even if the JVM halts next.
    Writer file = new OutputStreamWriter(new FileOutputStream(args[1], true), StandardCharsets.UTF_8);
    GradingChild child = new GradingChild(new PrintWriter(file, true));
    Runtime.getRuntime().addShutdownHook(new Thread(child::onExit, "grading-exit"));
    GradeReport report;
    try {
      report = child.grade(request);
    } catch (FixtureException e) {
      // Not the student's doing: one line naming the file, which the parent shows as the reason.
      System.err.println(e.getMessage());
      System.err.flush();
      Runtime.getRuntime().halt(BAD_REQUEST);
      return;
    }
    Path out = Path.of(args[2]);
    AtomicFiles.writeString(out, ReportJson.line(ReportJson.of(report)));
    child.done = true;
    child.emit("done");
    System.out.flush();
    System.err.flush();
    // Halt rather than return: a thread the student started must not keep this JVM alive.
    Runtime.getRuntime().halt(0);
  }

  private GradeReport grade(JsonNode request) throws Exception {
    Set<Lab> labs = new TreeSet<>();
    request.get("labs").forEach(n -> labs.add(Lab.of(n.asInt())));
    Set<String> skip = new HashSet<>();
    request.path("skip").forEach(n -> skip.add(n.asText()));
    Map<Lab, String> broken = new LinkedHashMap<>();
    request.path("broken").fields().forEachRemaining(e -> broken.put(Lab.of(Integer.parseInt(e.getKey())),
        e.getValue().asText()));
    Duration limit = Duration.ofMillis(request.path("call_limit_ms").asLong(Grader.DEFAULT_TIME_LIMIT.toMillis()));

    Corpus corpus = Corpus.load();
    for (Lab lab : labs) {
      emit("plan\t" + ReportJson.line(plan(lab, corpus)));
    }
    List<ExerciseResult> results = new ArrayList<>();
    Grader.Listener listener = new Grader.Listener() {
      @Override
      public void started(Exercise<?> exercise) {
        emit("start\t" + exercise.name());
      }

      @Override
      public void finished(ExerciseResult result) {
        emit("result\t" + ReportJson.line(ReportJson.of(result)));
      }
    };
    try (Grader grader = new Grader(limit)) {
      for (Lab lab : labs) {
        if (broken.containsKey(lab)) {
          results.addAll(broken(lab, broken.get(lab), Grading.exercises(lab, corpus), listener));
          continue;
        }
        emit("lab\t" + lab.number());
        results.addAll(Grading.grade(grader, lab, corpus, name -> !skip.contains(name), listener));
      }
    }
    return new GradeReport(results);
  }

  /** A lab not to run: the first exercise shows why in full, the others point to it. */
  private static List<ExerciseResult> broken(Lab lab, String why, List<? extends Exercise<?>> exercises,
      Grader.Listener listener) {
    List<ExerciseResult> results = new ArrayList<>();
    for (Exercise<?> e : exercises) {
      String message = results.isEmpty() ? why
          : why.lines().findFirst().orElse(why).replaceFirst(":$", "") + " (see " + exercises.get(0).name() + " for the errors)";
      ExerciseResult r = new ExerciseResult(lab, e.name(), e.points(), new Outcome.Errored(message));
      listener.finished(r);
      results.add(r);
    }
    return results;
  }

  private static ObjectNode plan(Lab lab, Corpus corpus) {
    ObjectNode node = ReportJson.JSON.createObjectNode();
    node.put("lab", lab.number());
    ArrayNode exercises = node.putArray("exercises");
    for (Exercise<?> e : Grading.exercises(lab, corpus)) {
      exercises.addObject().put("name", e.name()).put("points", e.points());
    }
    return node;
  }

  private synchronized void emit(String line) {
    progress.println(line);
  }

  /** Runs on System.exit: names the code that called it, for the parent's message. */
  private void onExit() {
    if (done) {
      return;
    }
    // System.exit leaves Runtime.exit on some thread's stack; the end of main does not.
    Optional<StackTraceElement[]> exiting = exitingThread();
    emit(exiting.isEmpty() ? "shutdown" : "exit\t" + exitCaller(exiting.get()).map(Grader::frame).orElse(""));
  }

  private static Optional<StackTraceElement[]> exitingThread() {
    for (StackTraceElement[] trace : Thread.getAllStackTraces().values()) {
      for (StackTraceElement frame : trace) {
        if (frame.getClassName().equals("java.lang.Runtime") && frame.getMethodName().equals("exit")) {
          return Optional.of(trace);
        }
      }
    }
    return Optional.empty();
  }

  /** Where System.exit was called from: a student's frame if there is one, else the caller. */
  static Optional<StackTraceElement> exitCaller(StackTraceElement[] trace) {
    int exit = 0;
    while (exit < trace.length
        && !(trace[exit].getClassName().equals("java.lang.Runtime") && trace[exit].getMethodName().equals("exit"))) {
      exit++;
    }
    for (int i = exit + 1; i < trace.length; i++) {
      if (trace[i].getClassName().startsWith(LabClassLoader.LABS)) {
        return Optional.of(trace[i]);
      }
    }
    int caller = exit + 1;
    while (caller < trace.length && trace[caller].getClassName().equals("java.lang.System")) {
      caller++;
    }
    return caller < trace.length ? Optional.of(trace[caller]) : Optional.empty();
  }
}
