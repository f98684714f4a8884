package org.ntplab.wire;

import java.util.Map;
import java.util.Optional;

/**
 * A reference clock's name: the ASCII reference ID of a stratum-1 packet (RFC 5905 §7.3, Figure
 * 12). An open set, as {@link KissCode}s are: a name not listed is kept as it came, with no
 * meaning.
 */
public record ReferenceClock(String name) {

  /** RFC 5905 Figure 12, plus names that real servers send and students will meet. */
  private static final Map<String, String> MEANINGS =
      Map.ofEntries(
          Map.entry("GOES", "Geosynchronous Orbit Environment Satellite"),
          Map.entry("GPS", "Global Positioning System"),
          Map.entry("GAL", "Galileo Positioning System"),
          Map.entry("PPS", "generic pulse-per-second"),
          Map.entry("IRIG", "Inter-Range Instrumentation Group time code"),
          Map.entry("WWVB", "LF radio WWVB, Fort Collins, 60 kHz"),
          Map.entry("DCF", "LF radio DCF77, Mainflingen, 77.5 kHz"),
          Map.entry("HBG", "LF radio HBG, Prangins, 75 kHz"),
          Map.entry("MSF", "LF radio MSF, Anthorn, 60 kHz"),
          Map.entry("JJY", "LF radio JJY, Japan, 40/60 kHz"),
          Map.entry("LORC", "MF radio LORAN C, 100 kHz"),
          Map.entry("TDF", "MF radio Allouis, 162 kHz"),
          Map.entry("CHU", "HF radio CHU, Ottawa"),
          Map.entry("WWV", "HF radio WWV, Fort Collins"),
          Map.entry("WWVH", "HF radio WWVH, Kauai"),
          Map.entry("NIST", "NIST telephone modem"),
          Map.entry("ACTS", "NIST telephone modem"),
          Map.entry("USNO", "USNO telephone modem"),
          Map.entry("PTB", "European telephone modem"),
          Map.entry("LOCL", "the server's own undisciplined clock"),
          Map.entry("GOOG", "Google's time servers (leap seconds smeared)"));

  /** The clock name in a reference ID, if it is ASCII text (stratum 1 packets only carry one). */
  public static Optional<ReferenceClock> from(ReferenceId referenceId) {
    String text = referenceId.asAscii();
    return text.isEmpty() ? Optional.empty() : Optional.of(new ReferenceClock(text));
  }

  /** What the clock is, or empty for a name RFC 5905 does not list and no known server sends. */
  public Optional<String> meaning() {
    return Optional.ofNullable(MEANINGS.get(name));
  }

  @Override
  public String toString() {
    return name;
  }
}
