package org.ntplab.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ntplab.wire.KissCode;
import org.ntplab.wire.LeapIndicator;
import org.ntplab.wire.Mode;
import org.ntplab.wire.NtpPacket;
import org.ntplab.wire.NtpShort;
import org.ntplab.wire.NtpTimestamp;
import org.ntplab.wire.ReferenceId;

/** The wording both views share: stratum classes, reference IDs, kiss codes, status words. */
class MeaningsTest {

  @Test
  void clockDifferencesSayWhichClockIsBehind() {
    assertEquals(
        "your clock is 36.5 µs behind the server's",
        Meanings.clockStanding(Duration.ofNanos(36_481)));
    assertEquals(
        "your clock is 90 min ahead of the server's",
        Meanings.clockStanding(Duration.ofMinutes(-90)));
    assertEquals(
        "your clock is 3 h behind the server's", Meanings.clockStanding(Duration.ofHours(3)));
    assertEquals(
        "your clock agrees with the server's to the nanosecond",
        Meanings.clockStanding(Duration.ZERO));
  }

  @Test
  void stratumIsReadByClassAndByWhoSentIt() {
    assertEquals(
        "unspecified (normal in a request)",
        Meanings.stratum(packet(Mode.CLIENT, 0, ReferenceId.ZERO)));
    assertEquals(
        "kiss-o'-death: see the reference ID",
        Meanings.stratum(packet(Mode.SERVER, 0, KissCode.RATE.toReferenceId())));
    assertEquals(
        "primary server (reference clock)",
        Meanings.stratum(packet(Mode.SERVER, 1, ReferenceId.ofAscii("GPS"))));
    assertEquals(
        "secondary server (synchronized over NTP)",
        Meanings.stratum(packet(Mode.SERVER, 15, ReferenceId.ZERO)));
    assertEquals("unsynchronized", Meanings.stratum(packet(Mode.SERVER, 16, ReferenceId.ZERO)));
    assertEquals("reserved (invalid)", Meanings.stratum(packet(Mode.SERVER, 17, ReferenceId.ZERO)));
  }

  @Test
  void referenceIdIsReadByStratumAndVersion() {
    assertEquals(
        "RATE — rate exceeded: the server has temporarily denied access; the client must poll less often",
        Meanings.referenceId(packet(Mode.SERVER, 0, KissCode.RATE.toReferenceId())));
    assertEquals(
        "DENY — access denied by remote server; the client must stop using this server",
        Meanings.referenceId(packet(Mode.SERVER, 0, KissCode.DENY.toReferenceId())));
    assertEquals(
        "XYZZ — not a code any RFC defines",
        Meanings.referenceId(packet(Mode.SERVER, 0, ReferenceId.ofAscii("XYZZ"))));
    assertEquals(
        "reference clock: Global Positioning System",
        Meanings.referenceId(packet(Mode.SERVER, 1, ReferenceId.ofAscii("GPS"))));
    // chronyd's `local stratum 3` and ntpd's LOCAL driver both say 127.127.1.1: not an address.
    assertEquals(
        "the server's local clock (127.127.1.u: not an address)",
        Meanings.referenceId(packet(Mode.SERVER, 3, new ReferenceId(0x7f7f0101))));
    assertEquals(
        "upstream server: IPv4 address or IPv6 hash",
        Meanings.referenceId(packet(Mode.SERVER, 2, new ReferenceId(0x0a051b0a))));
  }

  @Test
  void timestampsReadAsInstantsOrUnknown() {
    NtpTimestamp t = NtpTimestamp.parse("eeacbd2e.61faa000");

    assertEquals("2026-11-22T01:00:30.382730484Z", Meanings.timestamp(t));
    assertEquals("= 4004298030.382730484 s since 1900", Meanings.timestampParts(t));
    assertEquals("(zero: unknown)", Meanings.timestamp(NtpTimestamp.ZERO));
    // After 2036-02-07 the seconds count restarts (era 1) and the default pivot reads it so.
    assertEquals(
        "= 16.500000000 s since 2036-02-07 (era 1)",
        Meanings.timestampParts(NtpTimestamp.of(16, 1L << 31)));
  }

  @Test
  void controlStatusWordsReadAsNtpqPrintsThem() {
    assertEquals("leap_none, sync_ntp, 1 event, no_sys_peer", ControlMeanings.systemStatus(0x0618));
    assertEquals("conf, sel_reject, 1 event, mobilize", ControlMeanings.peerStatus(0x8011));
    assertEquals(
        "conf, reach, sel_sys.peer, 1 event, sys_peer", ControlMeanings.peerStatus(0x961a));
    assertEquals(
        "leap_alarm, sync_unspec, 0 events, unspecified", ControlMeanings.systemStatus(0xc000));
  }

  @Test
  void problemsAreOnlyProblemsInPacketsThatHandOutTime() {
    NtpPacket request = packet(Mode.CLIENT, 0, ReferenceId.ZERO);
    NtpPacket kod = packet(Mode.SERVER, 0, KissCode.RATE.toReferenceId());

    assertEquals(
        List.of(false, false),
        List.of(Meanings.isStratumProblem(request), Meanings.isLeapProblem(request)));
    assertEquals(
        List.of(true, true), List.of(Meanings.isStratumProblem(kod), Meanings.isLeapProblem(kod)));
  }

  private static NtpPacket packet(Mode mode, int stratum, ReferenceId id) {
    return new NtpPacket(
        LeapIndicator.UNSYNCHRONIZED,
        4,
        mode,
        stratum,
        6,
        -20,
        NtpShort.ZERO,
        NtpShort.ZERO,
        id,
        NtpTimestamp.ZERO,
        NtpTimestamp.ZERO,
        NtpTimestamp.ZERO,
        NtpTimestamp.parse("eeacbd2e.61faa000"),
        List.of(),
        Optional.empty());
  }
}
