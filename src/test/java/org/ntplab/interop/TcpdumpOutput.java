package org.ntplab.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ntplab.testing.Captures;

/**
 * tcpdump's expected outputs for its NTP test captures ({@code captures/tcpdump/*.out}), split into
 * the lines printed for each frame. Which capture and flags made which file comes from tcpdump's
 * test list ({@code TESTLIST-ntp-lines.txt}).
 */
final class TcpdumpOutput {

  /**
   * tcpdump's test harness prints {@code -#} frame numbers and {@code -tttt} dates at line start.
   */
  private static final Pattern FRAME_START =
      Pattern.compile("^\\s*(\\d+)\\s+\\d{4}-\\d\\d-\\d\\d ");

  private TcpdumpOutput() {}

  /** One tcpdump test: {@code tcpdump FLAGS -r CAPTURE} is expected to print {@code output}. */
  record Run(String name, String capture, String output, String flags) {
    boolean verbose() {
      return flags.contains("-v");
    }

    /** e.g. {@code ntp-v.out (tcpdump -v -r ntp.pcap)}. */
    @Override
    public String toString() {
      return output + " (tcpdump " + (flags.isEmpty() ? "" : flags + " ") + "-r " + capture + ")";
    }
  }

  /**
   * The lines one run printed for one frame, the first being the one that starts with its number.
   */
  record Printed(Run run, int frame, List<String> lines) {
    /** e.g. {@code ntp-v.out#3}. */
    @Override
    public String toString() {
      return run.output() + "#" + frame;
    }
  }

  static Path folder() {
    return Captures.root().resolve("tcpdump");
  }

  /**
   * The NTP tests of tcpdump's TESTLIST, and ntp-v, which tcpdump defines in tests/TESTrun instead.
   */
  static List<Run> runs() {
    List<Run> runs = new ArrayList<>();
    for (String line : read(folder().resolve("TESTLIST-ntp-lines.txt"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.strip().split("\\s+");
      String flags = String.join(" ", Arrays.copyOfRange(words, 3, words.length));
      runs.add(new Run(words[0], words[1], words[2], flags));
    }
    // TESTrun keeps this one apart because its dates need a 64-bit time_t (see README.txt).
    runs.add(new Run("ntp-v", "ntp.pcap", "ntp-v.out", "-v"));
    return runs;
  }

  /** Every frame the run's expected output prints, in order. */
  static List<Printed> frames(Run run) {
    List<Printed> frames = new ArrayList<>();
    List<String> lines = null;
    int frame = 0;
    for (String line : read(folder().resolve(run.output()))) {
      Matcher start = FRAME_START.matcher(line);
      if (start.find()) {
        if (lines != null) {
          frames.add(new Printed(run, frame, List.copyOf(lines)));
        }
        frame = Integer.parseInt(start.group(1));
        lines = new ArrayList<>();
      } else if (lines == null) {
        throw new IllegalStateException(
            run.output() + " does not start with a frame line: " + line);
      }
      lines.add(line);
    }
    if (lines != null) {
      frames.add(new Printed(run, frame, List.copyOf(lines)));
    }
    return frames;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
