package org.ntplab.inspect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ntplab.sync.Sample;
import org.ntplab.testing.Golden;
import org.ntplab.wire.NtpTimestamp;

/** The diagram of real and hand-made exchanges, against golden text: the diff is the review. */
class TimingDiagramTest {

  static NtpTimestamp at(String instant) {
    return NtpTimestamp.from(Instant.parse(instant));
  }

  /** google/testrun frames 598-599: a LAN exchange, offset +36481 ns, delay 438728 ns. */
  @Test
  void aCapturedExchange() {
    Sample sample =
        new Sample(
            NtpTimestamp.parse("ea4bc76d.46ddacef"),
            NtpTimestamp.parse("ea4bc76d.46ee714b"),
            NtpTimestamp.parse("ea4bc76d.46f2d9f0"),
            NtpTimestamp.parse("ea4bc76d.46fed634"));
    Golden.assertMatches("inspect/timing-captured-lan.txt", TimingDiagram.render(sample));
  }

  /** A server 90 minutes behind us, across midnight: dates differ, so full instants are shown. */
  @Test
  void aServerBehindUsAcrossMidnightShowsFullInstants() {
    Sample sample =
        new Sample(
            at("2026-11-22T00:30:00.100Z"),
            at("2026-11-21T23:00:00.125Z"),
            at("2026-11-21T23:00:00.126Z"),
            at("2026-11-22T00:30:00.150Z"));
    String diagram = TimingDiagram.render(sample);
    Golden.assertMatches("inspect/timing-server-behind.txt", diagram);
    assertTrue(diagram.contains("your clock is 90 min ahead of the server's"), diagram);
  }

  /** A server that claims to have spent longer than the round trip: delay below zero, said so. */
  @Test
  void aNegativeDelayIsShownAsMeasured() {
    Sample sample =
        new Sample(
            at("2026-11-22T01:00:44.000Z"),
            at("2026-11-22T01:00:44.010Z"),
            at("2026-11-22T01:00:44.050Z"),
            at("2026-11-22T01:00:44.020Z"));
    Golden.assertMatches("inspect/timing-negative-delay.txt", TimingDiagram.render(sample));
  }

  /** A zero T2 is "unknown", not 1900 or 2036. */
  @Test
  void anUnknownTimestampIsNamedSo() {
    Sample sample =
        new Sample(
            at("2026-11-22T01:00:44.000Z"),
            NtpTimestamp.ZERO,
            at("2026-11-22T01:00:44.011Z"),
            at("2026-11-22T01:00:44.020Z"));
    Golden.assertMatches("inspect/timing-zero-receive.txt", TimingDiagram.render(sample));
  }
}
