package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ntplab.testing.CapturedReply;
import org.ntplab.testing.UdpResponder;
import org.ntplab.wire.NtpTimestamp;

/**
 * {@code ntplab sync} against the captured exchange (offset +36481 ns). Every run goes through
 * {@link TestCommands} with a fake clock setter: these tests may run as root, and must never step
 * the machine's clock.
 */
class SyncCommandTest {

  static final Duration OFFSET = Duration.ofNanos(CapturedReply.OFFSET_NANOS);

  UdpResponder responder;

  @BeforeEach
  void start() throws IOException {
    responder = UdpResponder.capturedReply();
  }

  @AfterEach
  void stop() {
    responder.close();
  }

  static CliRun sync(TestCommands.FakeClockSetter setter, String... args) {
    List<String> all = new ArrayList<>(List.of("sync"));
    all.addAll(List.of(args));
    return CliRun.with(
        new TestCommands(InspectCommandTest.capturedClock(), setter), all.toArray(String[]::new));
  }

  @Test
  void printsTheAdjustmentAndChangesNothingWithoutApply() {
    TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
    CliRun run = sync(setter, responder.hostPort());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        responder.hostPort()
            + ": offset +36.5 µs (+36481 ns), delay 439 µs\n"
            + "your clock is 36.5 µs behind the server's\n"
            + "nothing changed: --apply steps the clock by +36.5 µs (as root)\n",
        run.out());
    assertEquals(List.of(), setter.steps);
  }

  @Test
  void applyStepsTheClockByTheOffset() {
    TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
    CliRun run = sync(setter, responder.hostPort(), "--apply");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(List.of(OFFSET), setter.steps);
    assertTrue(run.out().endsWith("\nstepped the clock by +36.5 µs\n"), run.out());
  }

  @Test
  void refusesToStepOnAReplyWithProblemsUnlessForced() throws Exception {
    try (UdpResponder unsynchronized =
        UdpResponder.start(
            r -> List.of(CapturedReply.unsynchronized(CapturedReply.answering(r))))) {
      TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
      CliRun run = sync(setter, unsynchronized.hostPort(), "--apply");
      assertEquals(1, run.exitCode());
      assertTrue(
          run.out().contains("problem: leap indicator 3: the server's clock is unsynchronized\n"),
          run.out());
      assertEquals(
          "ntplab sync: refusing to step the clock: the reply has 1 problem (first: leap indicator 3: the"
              + " server's clock is unsynchronized); --force steps anyway\n",
          run.err());
      assertEquals(List.of(), setter.steps);

      CliRun forced = sync(setter, unsynchronized.hostPort(), "--apply", "--force");
      assertEquals(0, forced.exitCode(), forced.err());
      assertEquals(List.of(OFFSET), setter.steps);
    }
  }

  @Test
  void refusesToStepFurtherThanMaxStepUnlessForced() {
    TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
    CliRun run = sync(setter, responder.hostPort(), "--apply", "--max-step", "10us");
    assertEquals(1, run.exitCode());
    assertEquals(
        "ntplab sync: refusing to step the clock by +36.5 µs: more than --max-step 10 µs; --force steps anyway\n",
        run.err());
    assertEquals(List.of(), setter.steps);

    assertEquals(
        0,
        sync(setter, responder.hostPort(), "--apply", "--max-step", "10us", "--force").exitCode());
    assertEquals(List.of(OFFSET), setter.steps);
  }

  @Test
  void refusesWhenNotPermittedToSetTheClock() {
    TestCommands.FakeClockSetter notRoot = new TestCommands.FakeClockSetter(false);
    CliRun run = sync(notRoot, responder.hostPort(), "--apply");
    assertEquals(1, run.exitCode());
    assertEquals(
        "ntplab sync: setting the clock needs root: run as root (e.g. with sudo), or leave out --apply\n",
        run.err());
    assertEquals(List.of(), notRoot.steps);
    assertEquals(0, sync(notRoot, responder.hostPort()).exitCode(), "looking needs no root");
  }

  @Test
  void aZeroReceiveTimeGivesNoOffsetEvenWithForce() throws Exception {
    byte[] zeroReceive = CapturedReply.bytes();
    ByteBuffer.wrap(zeroReceive).putLong(32, NtpTimestamp.ZERO.bits());
    try (UdpResponder zero =
        UdpResponder.start(
            r -> List.of(CapturedReply.withOrigin(zeroReceive, CapturedReply.transmitOf(r))))) {
      TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
      CliRun run = sync(setter, zero.hostPort(), "--apply", "--force");
      assertEquals(1, run.exitCode());
      assertEquals(
          "ntplab sync: "
              + zero.hostPort()
              + " sent a zero receive time (T2): there is no offset\n",
          run.err());
      assertEquals(List.of(), setter.steps);
    }
  }

  @Test
  void aKissOfDeathIsNoTime() throws Exception {
    try (UdpResponder kod =
        UdpResponder.start(
            r -> List.of(CapturedReply.kissOfDeath(CapturedReply.answering(r), "DENY")))) {
      TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
      CliRun run = sync(setter, kod.hostPort(), "--apply");
      assertEquals(1, run.exitCode());
      assertEquals(
          "ntplab sync: "
              + kod.hostPort()
              + " sent a kiss-o'-death DENY: access denied by remote server"
              + " (stop querying this server)\n",
          run.err());
      assertEquals(List.of(), setter.steps);
    }
  }

  /** Ten years (3652 days) ahead: T2 and T3 moved, T1 and T4 not. */
  static final long TEN_YEARS_SECONDS = 3652L * 86_400;

  @Test
  void refusesToStepAnOffsetOfYearsUnlessForced() throws Exception {
    try (UdpResponder ahead =
        UdpResponder.start(r -> List.of(later(CapturedReply.answering(r), TEN_YEARS_SECONDS)))) {
      TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
      CliRun run = sync(setter, ahead.hostPort(), "--apply");
      assertEquals(1, run.exitCode(), run.out());
      assertEquals(
          "ntplab sync: refusing to step the clock by +10 years: more than --max-step 16.7 min; --force steps anyway\n",
          run.err());
      assertEquals(List.of(), setter.steps);

      CliRun forced = sync(setter, ahead.hostPort(), "--apply", "--force");
      assertEquals(0, forced.exitCode(), forced.err());
      assertEquals(List.of(OFFSET.plusSeconds(TEN_YEARS_SECONDS)), setter.steps);
    }
  }

  @Test
  void refusesToStepOnAStratum16Reply() throws Exception {
    try (UdpResponder stratum16 =
        UdpResponder.start(
            r -> {
              byte[] reply = CapturedReply.answering(r);
              reply[1] = 16;
              return List.of(reply);
            })) {
      TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
      CliRun run = sync(setter, stratum16.hostPort(), "--apply");
      assertEquals(1, run.exitCode());
      assertTrue(
          run.err()
              .contains("(first: stratum 16: the server is unsynchronized); --force steps anyway"),
          run.err());
      assertEquals(List.of(), setter.steps);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"RATE", "RSTR"})
  void noKissOfDeathIsTime(String code) throws Exception {
    try (UdpResponder kod =
        UdpResponder.start(
            r -> List.of(CapturedReply.kissOfDeath(CapturedReply.answering(r), code)))) {
      TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
      CliRun run = sync(setter, kod.hostPort(), "--apply", "--force");
      assertEquals(1, run.exitCode());
      assertTrue(
          run.err().startsWith("ntplab sync: " + kod.hostPort() + " sent a kiss-o'-death " + code),
          run.err());
      assertEquals(List.of(), setter.steps);
    }
  }

  /**
   * Replies with a stale origin, or from another port: not replies at all, so there is nothing to
   * step by, forced or not.
   */
  @Test
  void liesAloneGiveNothingToStepBy() throws Exception {
    try (UdpResponder stale = UdpResponder.start(r -> List.of(CapturedReply.bytes()));
        DatagramSocket forger = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        UdpResponder otherPort =
            UdpResponder.answering(
                r -> {
                  byte[] reply = CapturedReply.answering(r.bytes());
                  try {
                    forger.send(new DatagramPacket(reply, reply.length, r.from()));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  return List.of();
                })) {
      TestCommands.FakeClockSetter setter = new TestCommands.FakeClockSetter(true);
      for (UdpResponder liar : List.of(stale, otherPort)) {
        CliRun run =
            sync(
                setter,
                liar.hostPort(),
                "--apply",
                "--force",
                "--timeout",
                "200ms",
                "--attempts",
                "1");
        assertEquals(1, run.exitCode(), liar.hostPort() + ": " + run.out());
        assertTrue(run.err().startsWith("ntplab sync: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
      }
      assertEquals(List.of(), setter.steps);
    }
  }

  /** {@code packet} with its receive and transmit timestamps {@code seconds} later. */
  static byte[] later(byte[] packet, long seconds) {
    ByteBuffer b = ByteBuffer.wrap(packet.clone());
    for (int at : new int[] {32, 40}) {
      b.putLong(at, b.getLong(at) + (seconds << 32));
    }
    return b.array();
  }
}
