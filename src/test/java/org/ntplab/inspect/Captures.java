package org.ntplab.inspect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.ntplab.wire.MalformedPacketException;
import org.ntplab.wire.NtpCodec;

/**
 * Real packets from {@code src/test/resources/captures/FOLDER/packets.tsv}: column 8 is the UDP
 * payload in hex, column 9 an independent decode of it (the {@code note}).
 */
record Captures(String folder, String file, String frame, byte[] bytes, String note) {

  static Captures packet(String folder, String file, String frame) {
    return read(folder).stream()
        .filter(c -> c.file.equals(file) && c.frame.equals(frame))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no frame " + frame + " of " + file + " in " + folder));
  }

  /** Every packet of every folder. */
  static List<Captures> all() {
    try (Stream<Path> folders = Files.list(root())) {
      List<Captures> all = new ArrayList<>();
      folders
          .filter(f -> Files.exists(f.resolve("packets.tsv")))
          .sorted()
          .forEach(f -> all.addAll(read(f.getFileName().toString())));
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the reference decoder accepts it (a few rows are deliberately truncated or fuzzed). */
  boolean decodes() {
    try {
      NtpCodec.decode(bytes);
      return true;
    } catch (MalformedPacketException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return folder + "/" + file + " frame " + frame;
  }

  private static List<Captures> read(String folder) {
    try {
      List<String> lines =
          Files.readAllLines(root().resolve(folder).resolve("packets.tsv"), StandardCharsets.UTF_8);
      List<Captures> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] columns = line.split("\t", -1);
        rows.add(
            new Captures(
                folder, columns[0], columns[1], HexFormat.of().parseHex(columns[7]), columns[8]));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path root() {
    try {
      return Path.of(Captures.class.getResource("/captures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
