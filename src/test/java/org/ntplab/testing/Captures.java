package org.ntplab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The vendored public captures (src/test/resources/captures) and the tables that came with them:
 * every packet's payload with an independent decode ({@code packets.tsv}), and every request/reply
 * pair with T1..T4, offset and delay worked out independently ({@code pairs.tsv}).
 */
public final class Captures {

  private Captures() {}

  /** One row of a packets.tsv. {@code note} is the independent decoder's summary. */
  public record Packet(
      String folder,
      String sourceFile,
      String frame,
      String timeEpoch,
      byte[] payload,
      String note) {
    public boolean isSynthetic() {
      return note.startsWith("SYNTHETIC") || note.startsWith("DERIVED");
    }

    public boolean isIcmpQuoted() {
      return note.contains("[ICMP");
    }

    /** e.g. {@code tcpdump/ntp.pcap#2}. */
    public String name() {
      return folder + "/" + sourceFile + "#" + frame;
    }

    @Override
    public String toString() {
      return name();
    }
  }

  /**
   * One row of a pairs.tsv: T2, T3 from the reply; T1 and T4 from capture times (Unix seconds,
   * text).
   */
  public record Pair(
      String folder,
      String sourceFile,
      int requestFrame,
      int replyFrame,
      String t1Pcap,
      String t4Pcap,
      double offsetSeconds,
      double delaySeconds,
      String note) {
    @Override
    public String toString() {
      return folder + "/" + sourceFile + "#" + requestFrame + "-" + replyFrame;
    }
  }

  public static Path root() {
    try {
      return Path.of(Captures.class.getResource("/captures/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A file of {@code src/test/resources/captures-text}: capture tools' text output. */
  public static Path text(String name) {
    return root().resolveSibling("captures-text").resolve(name);
  }

  /** Every capture file (pcap, pcapng) under the root, as a sorted list of paths. */
  public static List<Path> captureFiles() {
    try (Stream<Path> files = Files.walk(root())) {
      return files
          .filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The packet table's row for one frame of one capture file, e.g. ("tcpdump", "ntp.pcap", 2). */
  public static Optional<Packet> packet(String folder, String sourceFile, int frame) {
    String number = String.valueOf(frame);
    return packets().stream()
        .filter(
            p ->
                p.folder().equals(folder)
                    && p.sourceFile().equals(sourceFile)
                    && p.frame().equals(number))
        .findFirst();
  }

  /** Every row of every packets.tsv, read once. */
  public static List<Packet> packets() {
    return PacketTable.ROWS;
  }

  /**
   * Holds the packet tables, read on first use: lookups by frame would otherwise re-read them each
   * time.
   */
  private static final class PacketTable {
    static final List<Packet> ROWS = read();

    static List<Packet> read() {
      List<Packet> packets = new ArrayList<>();
      for (String[] row : rows("packets.tsv")) {
        packets.add(
            new Packet(row[0], row[1], row[2], row[3], HexFormat.of().parseHex(row[8]), row[9]));
      }
      return List.copyOf(packets);
    }
  }

  public static List<Pair> pairs() {
    List<Pair> pairs = new ArrayList<>();
    for (String[] row : rows("pairs.tsv")) {
      pairs.add(
          new Pair(
              row[0],
              row[1],
              Integer.parseInt(row[2]),
              Integer.parseInt(row[3]),
              row[7],
              row[10],
              Double.parseDouble(row[11]),
              Double.parseDouble(row[12]),
              row[17]));
    }
    return pairs;
  }

  /** Rows of every folder's table, each prefixed with the folder name; header rows dropped. */
  private static List<String[]> rows(String table) {
    List<String[]> rows = new ArrayList<>();
    try (Stream<Path> folders = Files.list(root())) {
      for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
        Path file = folder.resolve(table);
        if (!Files.exists(file)) {
          continue;
        }
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("source_file\t") || line.isBlank()) {
            continue;
          }
          String[] cells = line.split("\t", -1);
          String[] row = new String[cells.length + 1];
          row[0] = folder.getFileName().toString();
          System.arraycopy(cells, 0, row, 1, cells.length);
          rows.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
