package org.ntplab.grading.student;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.ErroneousSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A JShell script evaluated snippet by snippet in an engine of its own: a separate JVM that JShell
 * starts and drives over JDI, so the script cannot reach into ours and an endless loop is stopped
 * rather than waited for. Each evaluation has a time limit and the whole script another. What goes
 * wrong is kept as {@link Problem}s that name the script's line; expressions evaluated afterwards
 * ({@link #value}, {@link #text}) see everything the script defined.
 */
public final class JshScript implements AutoCloseable {

  /** How long one snippet (or one later call) may run, and the whole script. */
  public record Limits(Duration evaluation, Duration script) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(60));
  }

  /**
   * What went wrong at a line of the script (1-based), and in which of its definitions (a method's
   * or variable's name) when it is in one, else null: the script's other definitions still work.
   */
  public record Problem(String file, int line, String message, String definition) {
    public Problem(String file, int line, String message) {
      this(file, line, message, null);
    }

    /** The same problem, in the definition named. */
    Problem in(String definition) {
      return new Problem(file, line, message, definition);
    }

    @Override
    public String toString() {
      return file + " line " + line + ": " + message;
    }
  }

  /** What one expression of a batch gave. */
  public sealed interface Result {
    /** Its value as {@code String.valueOf} shows it; null for null. */
    record Value(String text) implements Result {}

    /**
     * What it threw, e.g. {@code java.lang.UnsupportedOperationException}; the message may be null.
     */
    record Threw(String exceptionClass, String message) implements Result {}
  }

  /**
   * Defined after the script. Text travels as hex so that no quoting or escape can garble it; a
   * batch catches what each call throws, except JShell's own stop, so a stopped batch stops.
   */
  private static final String HELPERS =
      """
      String $ntplab$text(Object value) {
        return value == null ? null
            : java.util.HexFormat.of().formatHex(String.valueOf(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      String $ntplab$batch(java.util.concurrent.Callable<?>... calls) throws Throwable {
        StringBuilder out = new StringBuilder();
        String last = null;
        for (java.util.concurrent.Callable<?> call : calls) {
          String item;
          try {
            Object value = call.call();
            item = value == null ? "-" : "=" + $ntplab$text(value);
          } catch (Throwable t) {
            if (t instanceof ThreadDeath || t.getClass().getName().startsWith("jdk.jshell.")) {
              throw t;
            }
            item = "!" + $ntplab$text(t.getClass().getName()) + "!" + (t.getMessage() == null ? "-" : $ntplab$text(t.getMessage()));
          }
          out.append(item.equals(last) ? "^" : item).append(',');
          last = item;
        }
        return out.toString();
      }
      """;

  /**
   * Evaluated before the script: System.exit called from the script's code throws instead of ending
   * the engine, so the call that did it can say so and the others still run. JShell's own code may
   * still end the engine. Where no security manager may be set (Java 24 on) an exit ends the engine
   * as before.
   */
  private static final String GUARD =
      """
      try {
        System.setSecurityManager(new SecurityManager() {
          @Override public void checkPermission(java.security.Permission permission) {}
          @Override public void checkPermission(java.security.Permission permission, Object context) {}
          @Override public void checkExit(int status) {
            for (Class<?> c : getClassContext()) {
              if (c != getClass() && c.getName().startsWith("REPL.")) {
                throw new SecurityException("%s" + status);
              }
            }
          }
        });
      } catch (UnsupportedOperationException e) {
      }
      """
          .formatted(ScriptException.EXIT);

  /**
   * The engine runs a few small snippets: start it fast and small. The security manager is what
   * turns System.exit into a throw; from Java 18 on it must be asked for, and Java 24 will not
   * start when asked.
   */
  private static final String[] ENGINE_OPTIONS =
      Runtime.version().feature() < 24
          ? new String[] {
            "-XX:TieredStopAtLevel=1", "-Xmx128m", "-Xss1m", "-Djava.security.manager=allow"
          }
          : new String[] {"-XX:TieredStopAtLevel=1", "-Xmx128m", "-Xss1m"};

  /**
   * The name before the first parenthesis of a method's declaration, as in {@code int
   * requestLength()}.
   */
  private static final Pattern METHOD_NAME =
      Pattern.compile(
          "^[^(=;{]*?([\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)\\s*\\(");

  private final String name;
  private final String text;
  private final Limits limits;
  private final JShell shell;
  private final ExecutorService evaluator =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "jshell-evaluator");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * Where the code of each of the script's snippets starts in {@link #text}, by snippet id: JShell
   * numbers a snippet's lines from there, past the comments before it.
   */
  private final Map<String, Integer> starts = new HashMap<>();

  private final List<Problem> problems = new ArrayList<>();

  /** Why no more calls can be evaluated, or null while they can. */
  private volatile String dead;

  /** Set by JShell when its engine goes, whether we closed it or the script's code ended it. */
  private volatile boolean ended;

  private boolean helpers;
  private int batches;

  private JshScript(String name, String text, Limits limits) throws TimeoutException {
    this.name = name;
    this.text = text;
    this.limits = limits;
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    Future<JShell> started =
        evaluator.submit(
            () ->
                JShell.builder()
                    .in(InputStream.nullInputStream())
                    .out(discard)
                    .err(discard)
                    .remoteVMOptions(ENGINE_OPTIONS)
                    .build());
    try {
      shell = started.get(limits.script().toMillis(), TimeUnit.MILLISECONDS);
      shell.onShutdown(closed -> ended = true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      evaluator.shutdownNow();
      throw new IllegalStateException("interrupted while starting JShell", e);
    } catch (ExecutionException e) {
      evaluator.shutdownNow();
      throw new IllegalStateException("cannot start JShell: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      evaluator.shutdownNow();
      throw e;
    }
  }

  /**
   * Evaluates {@code file} in a fresh engine; its faults are {@link #problems()}, not exceptions.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalStateException when JShell cannot be started at all
   */
  public static JshScript evaluate(Path file, Limits limits) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
    JshScript script;
    try {
      script = new JshScript(file.getFileName().toString(), text, limits);
    } catch (TimeoutException e) {
      throw new IllegalStateException("JShell did not start within " + seconds(limits.script()));
    }
    script.run();
    return script;
  }

  /**
   * Whether the engine has gone, closed or ended by the script's code: no call can be evaluated any
   * more.
   */
  public boolean ended() {
    return ended;
  }

  /** Everything wrong with the script, in the order found; empty when it ran cleanly. */
  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  private void run() {
    long deadline = System.nanoTime() + limits.script().toNanos();
    try {
      // The first snippet loads and warms the compiler, which may take seconds on a busy machine:
      // that is not the script's time to spend.
      evaluate(GUARD, limits.script());
    } catch (TimeoutException e) {
      problems.add(
          new Problem(name, 1, "JShell did not get going within " + seconds(limits.script())));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add(new Problem(name, 1, "interrupted"));
      return;
    }
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    int position = 0;
    while (position < text.length() && !text.substring(position).isBlank()) {
      String rest = text.substring(position);
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (info.completeness() == Completeness.EMPTY) {
        return; // only comments are left
      }
      int start = position + leadingBlanks(rest);
      if (!info.completeness().isComplete() && info.completeness() != Completeness.UNKNOWN) {
        problems.add(
            problem(start, "the script ends before this is complete (a missing '}', ')' or ';'?)"));
        return;
      }
      String source = info.source();
      int used = rest.length() - info.remaining().length();
      if (info.completeness() == Completeness.UNKNOWN) {
        // JShell cannot tell where code that does not parse ends, and takes all the rest: end it
        // where its braces close, so that what follows is still defined.
        int end = balancedEnd(rest);
        if (end > 0 && end < used) {
          source = rest.substring(0, end);
          used = end;
        }
      }
      position += used;
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative()) {
        problems.add(
            problem(start, "the script did not finish within " + seconds(limits.script())));
        return;
      }
      Duration limit = left.compareTo(limits.evaluation()) < 0 ? left : limits.evaluation();
      List<SnippetEvent> events;
      try {
        // Without the comments before it: JShell numbers the lines of a snippet that starts with
        // a comment all as line 1.
        events = evaluate(source.substring(leadingBlanks(source)), limit);
      } catch (TimeoutException e) {
        problems.add(
            problem(start, "did not finish within " + seconds(limit) + " (an endless loop?)"));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problems.add(problem(start, "interrupted"));
        return;
      }
      for (SnippetEvent event : events) {
        if (event.causeSnippet() == null) {
          starts.put(event.snippet().id(), start);
          record(event, start);
        }
      }
    }
    checkResolved();
  }

  private void record(SnippetEvent event, int start) {
    Snippet snippet = event.snippet();
    if (event.status() == Snippet.Status.REJECTED) {
      List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
      String definition = definition(snippet);
      if (errors.isEmpty()) {
        problems.add(problem(start, "not valid Java").in(definition));
      }
      for (Diag d : errors) {
        long at = Math.max(0, Math.min(d.getStartPosition(), snippet.source().length() - 1));
        problems.add(problem(start + (int) at, d.getMessage(Locale.ROOT)).in(definition));
      }
    } else if (event.exception() != null) {
      Optional<StackTraceElement> frame = scriptFrames(event.exception()).stream().findFirst();
      int line = frame.map(StackTraceElement::getLineNumber).orElse(lineOf(start));
      OptionalInt exit = exitStatus(event.exception());
      problems.add(
          new Problem(
              name,
              line,
              exit.isPresent()
                  ? "called System.exit("
                      + exit.getAsInt()
                      + "): a script defines its answers, it must not end the program"
                  : "threw " + describe(event.exception())));
    }
  }

  /**
   * A method that calls one the script never defines is accepted by JShell, to fail when called.
   */
  private void checkResolved() {
    shell
        .snippets()
        .filter(s -> s instanceof DeclarationSnippet && starts.containsKey(s.id()))
        .map(DeclarationSnippet.class::cast)
        .filter(
            s ->
                shell.status(s) == Snippet.Status.RECOVERABLE_DEFINED
                    || shell.status(s) == Snippet.Status.RECOVERABLE_NOT_DEFINED)
        .forEach(
            s ->
                problems.add(
                    problem(
                            starts.get(s.id()),
                            s.name()
                                + " uses "
                                + shell.unresolvedDependencies(s).collect(Collectors.joining(", "))
                                + ", which the script does not define or compile")
                        .in(s.name())));
  }

  /**
   * The name a rejected snippet defines, or null for a statement. JShell names only declarations it
   * could parse; for a method it could not, the name is the word before its parameters.
   */
  private static String definition(Snippet snippet) {
    if (snippet instanceof DeclarationSnippet d) {
      return d.name();
    }
    if (snippet instanceof ErroneousSnippet e && e.probableKind() == Snippet.Kind.METHOD) {
      Matcher m = METHOD_NAME.matcher(e.source());
      return m.find() ? m.group(1) : null;
    }
    return null;
  }

  /**
   * The value of {@code expression} as JShell shows it ({@code 48}, {@code 3.5}; strings quoted),
   * or null for a statement.
   *
   * @throws ScriptException when the expression does not compile, throws, or runs out of time
   */
  public String value(String expression) throws InterruptedException {
    return value(expression, limits.evaluation());
  }

  private String value(String expression, Duration limit) throws InterruptedException {
    if (dead != null) {
      throw new ScriptException(null, null, dead, List.of());
    }
    List<SnippetEvent> events;
    try {
      events = evaluate(expression, limit);
    } catch (TimeoutException e) {
      throw new ScriptException(
          null,
          null,
          expression + " did not return within " + seconds(limit) + " (an endless loop?)",
          List.of());
    } catch (IllegalStateException e) {
      if (!ended) {
        throw e;
      }
      events = List.of();
    }
    if (ended && dead == null) {
      // Where no security manager turns System.exit into a throw (Java 24 on), or Runtime.halt.
      dead =
          "the JShell engine ended while evaluating "
              + expression
              + " (did the code call System.exit or"
              + " Runtime.halt?), so nothing after it was evaluated";
      throw new ScriptException(
          null,
          null,
          "the JShell engine ended while evaluating "
              + expression
              + ": did the code call System.exit or Runtime.halt? It must return its answer, never end the program",
          List.of());
    }
    SnippetEvent event =
        events.stream()
            .filter(e -> e.causeSnippet() == null)
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("JShell returned nothing for " + expression));
    if (event.status() == Snippet.Status.REJECTED) {
      String why =
          shell
              .diagnostics(event.snippet())
              .filter(Diag::isError)
              .map(d -> d.getMessage(Locale.ROOT))
              .findFirst()
              .orElse("not valid Java");
      throw new ScriptException(
          null,
          null,
          "cannot evaluate " + expression + ": " + why.lines().findFirst().orElse(why),
          List.of());
    }
    if (event.exception() != null) {
      JShellException thrown = event.exception();
      List<StackTraceElement> frames = scriptFrames(thrown);
      String where = frames.isEmpty() ? "" : name + " line " + frames.get(0).getLineNumber() + ": ";
      OptionalInt exit = exitStatus(thrown);
      if (exit.isPresent()) {
        throw ScriptException.exited(
            exit.getAsInt(), where + "called System.exit(" + exit.getAsInt() + ")", frames);
      }
      String className = thrown instanceof EvalException e ? e.getExceptionClassName() : null;
      throw new ScriptException(className, thrown.getMessage(), where + describe(thrown), frames);
    }
    return event.value();
  }

  /** {@code String.valueOf} of the expression's value, or null when the value is null. */
  public String text(String expression) throws InterruptedException {
    helpers();
    String hex = value("$ntplab$text(" + expression + ")");
    return hex == null || hex.equals("null") ? null : unhex(hex.substring(1, hex.length() - 1));
  }

  /**
   * Many expressions in one evaluation: one compilation instead of one each, which is most of the
   * cost of an evaluation. What each threw is kept (without the script's line: evaluate that one
   * alone for it).
   *
   * @throws ScriptException when the batch does not compile or does not finish in time
   */
  public List<Result> batch(List<String> expressions) throws InterruptedException {
    if (expressions.isEmpty()) {
      return List.of();
    }
    return results(
        "$ntplab$batch("
            + expressions.stream().map(e -> "() -> " + e).collect(Collectors.joining(", "))
            + ")");
  }

  /** {@code method(0)} to {@code method(count - 1)} in one evaluation, as {@link #batch} does. */
  public List<Result> each(String method, int count) throws InterruptedException {
    return results(
        "$ntplab$batch(java.util.stream.IntStream.range(0, "
            + count
            + ")"
            + ".mapToObj(x -> (java.util.concurrent.Callable<?>) () -> "
            + method
            + "(x))"
            + ".toArray(java.util.concurrent.Callable[]::new))");
  }

  private List<Result> results(String batch) throws InterruptedException {
    helpers();
    // Compiling the batch is our own work and may take a while on a busy machine: the script's
    // time. Running it is the script's: one evaluation's time, so an endless loop in one answer
    // is stopped as soon as a call of its own would be.
    String method = "$ntplab$batch" + ++batches;
    value("String " + method + "() throws Throwable { return " + batch + "; }", limits.script());
    String value = value(method + "()");
    if (value == null || !value.endsWith(",\"")) {
      // JShell cuts long values short (at about 21,000 characters).
      throw new ScriptException(
          null, null, "the answers of the batch are too long to read back", List.of());
    }
    List<Result> results = new ArrayList<>();
    for (String item : value.substring(1, value.length() - 1).split(",")) {
      if (item.equals("^")) {
        results.add(results.get(results.size() - 1));
      } else if (item.equals("-")) {
        results.add(new Result.Value(null));
      } else if (item.startsWith("=")) {
        results.add(new Result.Value(unhex(item.substring(1))));
      } else {
        String[] thrown = item.substring(1).split("!", -1);
        results.add(
            new Result.Threw(unhex(thrown[0]), thrown[1].equals("-") ? null : unhex(thrown[1])));
      }
    }
    return results;
  }

  private void helpers() throws InterruptedException {
    if (!helpers) {
      for (String helper : HELPERS.split("\n(?=String )")) {
        value(helper);
      }
      helpers = true;
    }
  }

  private static String unhex(String hex) {
    return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
  }

  /** Runs one snippet, stopping it when it outlives {@code limit} or the caller is interrupted. */
  private List<SnippetEvent> evaluate(String source, Duration limit)
      throws TimeoutException, InterruptedException {
    Future<List<SnippetEvent>> running = evaluator.submit(() -> shell.eval(source));
    try {
      return running.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "JShell failed on " + source + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      stop(running);
      throw e;
    }
  }

  /** Stops the snippet and waits for JShell to say so; an engine that will not stop is closed. */
  private void stop(Future<?> running) {
    boolean interrupted = Thread.interrupted();
    shell.stop();
    try {
      running.get(5, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException | InterruptedException e) {
      dead =
          "the JShell engine had to be closed after an earlier call ran out of time and would not stop";
      close();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The frames in the script's own snippets, with line numbers of the script file. */
  private List<StackTraceElement> scriptFrames(JShellException thrown) {
    List<StackTraceElement> frames = new ArrayList<>();
    for (StackTraceElement f : thrown.getStackTrace()) {
      String file = f.getFileName();
      Integer start = file != null && file.startsWith("#") ? starts.get(file.substring(1)) : null;
      if (start != null && f.getLineNumber() > 0) {
        String method = f.getMethodName().isEmpty() ? "<top level>" : f.getMethodName();
        frames.add(
            new StackTraceElement(stem(name), method, name, lineOf(start) + f.getLineNumber() - 1));
      }
    }
    return frames;
  }

  /**
   * The status of the System.exit that {@link #GUARD} turned into what was thrown, if it was that.
   */
  private static OptionalInt exitStatus(JShellException thrown) {
    if (thrown instanceof EvalException e
        && e.getExceptionClassName().equals(SecurityException.class.getName())
        && e.getMessage() != null
        && e.getMessage().startsWith(ScriptException.EXIT)) {
      try {
        return OptionalInt.of(
            Integer.parseInt(e.getMessage().substring(ScriptException.EXIT.length())));
      } catch (NumberFormatException notOurs) {
        return OptionalInt.empty();
      }
    }
    return OptionalInt.empty();
  }

  private static String describe(JShellException thrown) {
    if (thrown instanceof EvalException e) {
      return e.getExceptionClassName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    if (thrown instanceof UnresolvedReferenceException u) {
      return u.getSnippet().name() + " uses something the script does not define";
    }
    return String.valueOf(thrown.getMessage());
  }

  private Problem problem(int offset, String message) {
    return new Problem(name, lineOf(offset), message.lines().findFirst().orElse(message));
  }

  /** 1-based line of {@code offset} in the script. */
  private int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Length of the whitespace and comments before the first code in {@code s}. */
  private static int leadingBlanks(String s) {
    int i = 0;
    while (i < s.length()) {
      if (Character.isWhitespace(s.charAt(i))) {
        i++;
      } else if (s.startsWith("//", i)) {
        int end = s.indexOf('\n', i);
        i = end < 0 ? s.length() : end + 1;
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? s.length() : end + 2;
      } else {
        break;
      }
    }
    return i;
  }

  /**
   * Where the first declaration or statement of {@code s} ends by its braces: after the brace that
   * closes its first block, or a semicolon outside any; -1 when neither comes.
   */
  private static int balancedEnd(String s) {
    int depth = 0;
    int i = leadingBlanks(s);
    while (i < s.length()) {
      char c = s.charAt(i);
      if (s.startsWith("//", i) || s.startsWith("/*", i)) {
        i += leadingBlanks(s.substring(i));
        continue;
      }
      if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        i = end < 0 ? s.length() : end + 3;
        continue;
      }
      if (c == '"' || c == '\'') {
        i++;
        while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') {
          i += s.charAt(i) == '\\' ? 2 : 1;
        }
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth <= 0) {
        return i + 1;
      } else if (c == ';' && depth == 0) {
        return i + 1;
      }
      i++;
    }
    return -1;
  }

  private static String stem(String file) {
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  /**
   * {@code 5 s}, {@code 500 ms}: JDK only, as the script runs in the student's process, which has
   * no more.
   */
  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    try {
      shell.close();
    } finally {
      evaluator.shutdownNow();
    }
  }
}
