package org.ntplab.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opentest4j.AssertionFailedError;

/**
 * Wireshark's NTP dissector, run as {@code tshark} over one capture file: the NTP frames it finds,
 * each with the bytes it dissected and the fields it read from them.
 *
 * <p>Output is {@code -T json -x}: every field comes with its displayed value and, under {@code
 * <field>_raw}, the bytes it was read from, so timestamps can be compared as the raw 64 bits rather
 * than as the date Wireshark prints. {@code --no-duplicate-keys} turns repeated fields (one {@code
 * ntp.ext} per extension field) into JSON arrays instead of keys a JSON parser would drop.
 */
final class Tshark {

  /** One capture file takes tshark well under a second; this only stops a hung process. */
  static final long TIME_LIMIT_SECONDS = 30;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

  /** The header subtrees the dissector nests flag bits in; fields are looked up in them too. */
  private static final List<String> HEADER_SUBTREES =
      List.of("ntp.flags_tree", "ntp.ctrl.flags2_tree", "ntp.priv.auth_seq_tree");

  private Tshark() {}

  /** One frame Wireshark dissected as NTP. {@code name} is {@code folder/file#frame}. */
  record Frame(String name, int number, byte[] payload, JsonNode ntp) {

    /**
     * The displayed value of a header field, e.g. {@code "0x0618"} or {@code "Jun 19, 2017 ...
     * UTC"}. A field can repeat in the data after the header (a read-status reply lists association
     * IDs and status words under the same names), so the first occurrence is the header's.
     */
    Optional<String> show(String field) {
      return node(field).map(value -> value.isArray() ? value.get(0) : value).map(JsonNode::asText);
    }

    /** The value of a numeric field, decimal or {@code 0x} hex as Wireshark displays it. */
    long number(String field) {
      return Long.decode(show(field).orElseThrow(() -> missing(field)));
    }

    /** The value of a bytes field, displayed as {@code 53:54:45:50}. */
    byte[] bytes(String field) {
      return COLON_HEX.parseHex(show(field).orElseThrow(() -> missing(field)));
    }

    /** The wire bytes a field was read from, as hex (from {@code <field>_raw}). */
    String rawHex(String field) {
      return node(field + "_raw")
          .map(raw -> raw.get(0).isArray() ? raw.get(0) : raw)
          .map(raw -> raw.get(0).asText())
          .orElseThrow(() -> missing(field));
    }

    boolean has(String field) {
      return node(field).isPresent();
    }

    /** The extension fields in order, each as Wireshark's {@code ntp.ext} subtree. */
    List<JsonNode> extensionFields() {
      JsonNode ext = ntp.get("ntp.ext");
      List<JsonNode> fields = new ArrayList<>();
      if (ext != null && ext.isArray()) {
        ext.forEach(fields::add);
      } else if (ext != null) {
        fields.add(ext);
      }
      return fields;
    }

    private Optional<JsonNode> node(String field) {
      if (ntp.has(field)) {
        return Optional.of(ntp.get(field));
      }
      return HEADER_SUBTREES.stream()
          .map(ntp::get)
          .filter(t -> t != null && t.has(field))
          .map(t -> t.get(field))
          .findFirst();
    }

    private AssertionFailedError missing(String field) {
      return new AssertionFailedError(name + ": Wireshark shows no " + field);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Dissects one capture file. Fails, as a test failure, when tshark is not installed, exits with
   * an error, or runs past {@link #TIME_LIMIT_SECONDS}.
   */
  static List<Frame> dissect(Path capture, String displayName) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("tshark", ".json");
      err = Files.createTempFile("tshark", ".err");
      // Output goes to files, not pipes, so that a time limit can be enforced without a reader
      // thread; -n keeps name resolution (and its network lookups) out of the run.
      ProcessBuilder command =
          new ProcessBuilder(
                  "tshark",
                  "-n",
                  "-r",
                  capture.toString(),
                  "-Y",
                  "ntp",
                  "-T",
                  "json",
                  "-x",
                  "--no-duplicate-keys",
                  "-J",
                  "frame ntp")
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      // Dates are parsed back: keep month names English whatever the machine's locale.
      command.environment().put("LC_ALL", "C");
      Process tshark = start(command);
      if (!tshark.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        tshark.destroyForcibly();
        throw new AssertionFailedError(
            "tshark ran longer than " + TIME_LIMIT_SECONDS + " s on " + displayName);
      }
      if (tshark.exitValue() != 0) {
        throw new AssertionFailedError(
            "tshark failed on "
                + displayName
                + " (exit "
                + tshark.exitValue()
                + "): "
                + Files.readString(err, StandardCharsets.UTF_8).strip());
      }
      return frames(JSON.readTree(out.toFile()), displayName);
    } catch (IOException e) {
      throw new AssertionFailedError(
          "reading tshark's output for " + displayName + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while tshark read " + displayName, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** Fails, with the one line that says how to get it, unless tshark runs. */
  static void requireInstalled() {
    Process version =
        start(
            new ProcessBuilder("tshark", "--version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD));
    try {
      if (!version.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        version.destroyForcibly();
        throw new AssertionFailedError(
            "tshark --version ran longer than " + TIME_LIMIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while waiting for tshark --version", e);
    }
    if (version.exitValue() != 0) {
      throw new AssertionFailedError(
          "tshark --version failed (exit "
              + version.exitValue()
              + "): reinstall it with"
              + " `apt-get install tshark`");
    }
  }

  /** Starts tshark, or fails with the one line that says how to get it. */
  private static Process start(ProcessBuilder command) {
    try {
      return command.start();
    } catch (IOException e) {
      throw new AssertionFailedError(
          "tshark is not installed (not on PATH): install it with `apt-get install tshark`");
    }
  }

  private static List<Frame> frames(JsonNode packets, String displayName) {
    List<Frame> frames = new ArrayList<>();
    for (JsonNode packet : packets) {
      JsonNode layers = packet.path("_source").path("layers");
      int number = layers.path("frame").path("frame.number").asInt();
      String name = displayName + "#" + number;
      JsonNode ntp = layers.get("ntp");
      JsonNode ntpRaw = layers.get("ntp_raw");
      if (ntp == null || ntpRaw == null || ntp.isArray()) {
        // One NTP layer per frame is all the captures hold (tunnels and ICMP quotes included).
        List<String> shown = new ArrayList<>();
        layers.fieldNames().forEachRemaining(shown::add);
        throw new AssertionFailedError(
            name + ": expected exactly one NTP layer, tshark shows " + shown);
      }
      frames.add(new Frame(name, number, HexFormat.of().parseHex(ntpRaw.get(0).asText()), ntp));
    }
    return frames;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A leftover temp file is not worth failing a test for.
      }
    }
  }
}
