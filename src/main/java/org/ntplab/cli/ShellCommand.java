package org.ntplab.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import org.ntplab.grading.harness.StudentLabs;
import org.ntplab.io.Folders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ntplab shell}: JShell with the workbench on the class path and its helpers preloaded. */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    description = {
      "Start JShell with the workbench loaded and helpers for packets and fixtures.",
      "org.ntplab.wire.* is imported; decode(\"hex\") prints the annotated dump and",
      "returns the message, fixture(\"id\"), reply(\"id\") and request(\"id\") load fixtures,",
      "and query(\"host[:port]\") asks a server the time. Your labs (labs/ here, or",
      "--labs DIR) are compiled and imported, so new",
      "Decoder().stratum(reply(\"chrony-v4-1\")) calls your own decoder. FILEs are loaded",
      "first (your lab 0 answers, say), then JShell is yours; with -f FILE the script",
      "runs and the shell exits."
    },
    footer = {
      "",
      "Examples:",
      "  ntplab shell",
      "      jshell> var m = decode(\"1b000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000"
          + " 00000000 00000000 00000000 00000000\")",
      "      jshell> ((NtpPacket) m).version()",
      "      jshell> decode(reply(\"chrony-v4-1\"))",
      "      jshell> query(\"pool.ntp.org\")",
      "      jshell> new Decoder().poll(reply(\"chrony-v4-1\"))   your lab 2, on a fixture",
      "  ntplab shell labs/00-warmup/answers.jsh        try your lab 0 answers:",
      "      jshell> receiveSeconds(reply(\"chrony-v4-1\"))",
      "  ntplab shell -f check.jsh                       run a script and exit",
      "  echo 'decode(\"1b\" + \"00\".repeat(47))' | ntplab shell -f -",
      "",
      "In JShell: /list shows what you typed, /vars and /methods what is defined, /help for more.",
      "",
      "Exit status: 0 the shell ended or the -f script ran cleanly; 1 the script printed an error;",
      "2 a FILE cannot be read."
    })
final class ShellCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "FILE",
      description = "JShell scripts to load before the prompt.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description =
          "Run this script (- for standard input) with the helpers, printing only what it prints and its errors, then exit.")
  String script;

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      defaultValue = "fixtures",
      description = "Where fixture(\"id\") looks (default: ${DEFAULT-VALUE}).")
  Path fixtures;

  @Option(
      names = "--labs",
      paramLabel = "DIR",
      description =
          "Your labs folder: each lab in it that compiles is loaded and its package imported"
              + " (default: labs, when there is one).")
  Path labs;

  @Override
  public Integer call() throws Exception {
    for (Path file : files) {
      readable(file);
    }
    Path startup = Files.createTempFile("ntplab-shell-", ".jsh");
    Path classes = Files.createTempDirectory("ntplab-shell-labs-");
    try {
      StudentLabs loaded = StudentLabs.compile(labs, classes);
      loaded.broken().forEach(line -> spec.commandLine().getErr().println(line));
      if (script == null && !loaded.packages().isEmpty()) {
        spec.commandLine().getOut().println("Your labs, compiled and imported: " + loaded.names());
      }
      Files.writeString(
          startup, startup(script == null, loaded.packages()), StandardCharsets.UTF_8);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--class-path",
                  loaded.classPath(System.getProperty("java.class.path")),
                  // The helpers print through the engine's System.out: UTF-8 so that ≈ and µ
                  // survive.
                  "-R-Dfile.encoding=UTF-8",
                  "-R-D" + ShellHelpers.FIXTURES_PROPERTY + "=" + fixtures.toAbsolutePath(),
                  "--startup",
                  "DEFAULT",
                  "--startup",
                  startup.toString()));
      // The FILEs first, in order, then -f's script: it may use what they define.
      files.forEach(f -> args.add(f.toString()));
      if (script != null) {
        return runScript(args);
      }
      // The process's own streams: JShell edits lines and keeps history only on a real terminal.
      return JavaShellToolBuilder.builder().start(args.toArray(String[]::new));
    } finally {
      Files.deleteIfExists(startup);
      Folders.delete(classes);
    }
  }

  /**
   * The script as a load file that ends in {@code /exit}, in silent feedback: loaded, not typed, so
   * nothing is echoed and there are no prompts, only what the script prints, and its errors on
   * standard error, which make the exit status 1. History stays in memory, not in the user's.
   */
  private int runScript(List<String> args) throws Exception {
    String text;
    if (script.equals("-")) {
      text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    } else {
      text = Files.readString(readable(Path.of(script)), StandardCharsets.UTF_8);
    }
    Path load = Files.createTempFile("ntplab-script-", ".jsh");
    try {
      Files.writeString(load, text + "\n/exit\n", StandardCharsets.UTF_8);
      args.addAll(0, List.of("--feedback", "silent"));
      args.add(load.toString());
      PrintStream out =
          new PrintStream(
              new WriterStream(spec.commandLine().getOut(), null), true, StandardCharsets.UTF_8);
      int[] errors = {0};
      PrintStream err =
          new PrintStream(
              new WriterStream(
                  spec.commandLine().getErr(),
                  line -> {
                    if (line.startsWith("Error:") || line.startsWith("Exception ")) {
                      errors[0]++;
                    }
                  }),
              true,
              StandardCharsets.UTF_8);
      int code =
          JavaShellToolBuilder.builder()
              .in(InputStream.nullInputStream(), null)
              .out(out)
              .err(err)
              .persistence(new HashMap<>())
              .start(args.toArray(String[]::new));
      out.flush();
      err.flush();
      return code != 0 || errors[0] > 0 ? Main.FAILURE : Main.OK;
    } finally {
      Files.deleteIfExists(load);
    }
  }

  private static Path readable(Path file) {
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new Main.BadInputException(file + ": not a readable file");
    }
    return file;
  }

  /**
   * The helpers' imports and the student's labs', and for a person at the prompt, the list of
   * helpers.
   */
  private static String startup(boolean interactive, List<String> labPackages) {
    StringBuilder text =
        new StringBuilder(
            String.join(
                "\n",
                "import org.ntplab.wire.*;",
                "import org.ntplab.fixture.Fixture;",
                "import static org.ntplab.cli.ShellHelpers.*;",
                ""));
    if (!labPackages.isEmpty()) {
      text.append("import org.ntplab.lab.*;\n");
      labPackages.forEach(p -> text.append("import ").append(p).append(".*;\n"));
    }
    return text.append(interactive ? "help();\n" : "").toString();
  }

  /**
   * Bytes to the command's writer, line by line, so tests (and Main's UTF-8 writers) see what
   * JShell prints.
   */
  private static final class WriterStream extends OutputStream {
    private final java.io.PrintWriter writer;
    private final java.util.function.Consumer<String> lines;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    /**
     * @param lines told of each line, or null
     */
    WriterStream(java.io.PrintWriter writer, java.util.function.Consumer<String> lines) {
      this.writer = writer;
      this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public synchronized void flush() {
      String text = line.toString(StandardCharsets.UTF_8);
      if (lines != null && !text.isEmpty()) {
        lines.accept(text);
      }
      writer.print(text);
      writer.flush();
      line.reset();
    }
  }
}
