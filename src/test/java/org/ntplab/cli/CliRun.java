package org.ntplab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code ntplab} in-process as a user would, capturing what it prints and its exit code. */
record CliRun(int exitCode, String out, String err) {

  /** Runs with {@code input} as standard input. */
  static CliRun withInput(String input, String... args) {
    java.io.InputStream saved = System.in;
    System.setIn(
        new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return of(args);
    } finally {
      System.setIn(saved);
    }
  }

  static CliRun of(String... args) {
    return with(CommandLine.defaultFactory(), args);
  }

  /**
   * Runs with commands made by {@code factory}, e.g. {@link TestCommands}: a fixed clock, a fake
   * clock setter.
   */
  static CliRun with(CommandLine.IFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(factory, args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
