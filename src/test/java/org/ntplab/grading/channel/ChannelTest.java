package org.ntplab.grading.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ntplab.lab.ChecksLab;
import org.ntplab.lab.ClientLab;
import org.ntplab.lab.ClientResult;
import org.ntplab.lab.DecodeLab;
import org.ntplab.lab.FitnessProblem;
import org.ntplab.lab.LabTransport;
import org.ntplab.lab.MacKey;
import org.ntplab.lab.MacLab;
import org.ntplab.lab.MacVerdict;
import org.ntplab.lab.ReplyVerdict;

/**
 * The grading channel between two threads over pipes, as between the harness and a student process:
 * contract values cross intact, objects cross by reference and are called back, what was thrown
 * crosses with its type and frames, and what the other side sends is believed only within the
 * protocol's bounds.
 */
class ChannelTest {

  private Thread server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.interrupt();
      server.join(5_000);
    }
  }

  /**
   * A transport that keeps what is sent and how long each receive waits, and answers {@code reply}.
   */
  private static LabTransport recording(List<byte[]> sent, List<Duration> waits, byte[] reply) {
    return new LabTransport() {
      @Override
      public void send(byte[] datagram) {
        sent.add(datagram);
      }

      @Override
      public Optional<byte[]> receive(Duration timeout) {
        waits.add(timeout);
        return Optional.ofNullable(reply);
      }
    };
  }

  /** A harness-side channel to a "student" thread that exports {@code student} as {@code type}. */
  private <T> T connect(Object student, Class<T> type) throws IOException {
    PipedInputStream harnessIn = new PipedInputStream(1 << 16);
    PipedOutputStream studentOut = new PipedOutputStream(harnessIn);
    PipedInputStream studentIn = new PipedInputStream(1 << 16);
    PipedOutputStream harnessOut = new PipedOutputStream(studentIn);
    server =
        new Thread(
            () -> {
              Channel side = new Channel(studentIn, studentOut, true);
              side.export(Channel.BOOTSTRAP, student, type);
              try {
                side.serve();
              } catch (IOException e) {
                // The harness hung up.
              }
            },
            "student-side");
    server.setDaemon(true);
    server.start();
    return new Channel(harnessIn, harnessOut, false).remote(Channel.BOOTSTRAP, type);
  }

  @Test
  void contractValuesCrossIntact() throws IOException {
    DecodeLab decoder = connect(new SolvedEnough(), DecodeLab.class);
    byte[] packet = new byte[48];
    packet[0] = 0x24;
    packet[1] = 3;
    packet[2] = (byte) -6;
    assertEquals(0, decoder.leap(packet));
    assertEquals(4, decoder.version(packet));
    assertEquals(3, decoder.stratum(packet));
    assertEquals(-6, decoder.poll(packet));
    assertEquals(0xffff_ffffL, decoder.rootDelay(packet));
    assertEquals(Long.MIN_VALUE, decoder.transmitTime(packet));
    assertEquals("\0a\u00e9\u2028", decoder.referenceId(packet));
  }

  @Test
  void recordsEnumsSetsAndOptionalsCross() throws IOException {
    ChecksLab checks =
        connect(
            new ChecksLab() {
              @Override
              public ReplyVerdict check(byte[] request, byte[] reply) {
                return ReplyVerdict.ORIGIN_MISMATCH;
              }

              @Override
              public Optional<String> kissCode(byte[] packet) {
                return Optional.of("RATE");
              }

              @Override
              public Set<FitnessProblem> problems(byte[] reply, long t1, long t4) {
                return EnumSet.of(FitnessProblem.LEAP_ALARM, FitnessProblem.KISS_OF_DEATH);
              }
            },
            ChecksLab.class);
    assertEquals(Optional.of("RATE"), checks.kissCode(new byte[48]));
    assertEquals(ReplyVerdict.ORIGIN_MISMATCH, checks.check(new byte[48], new byte[48]));
    assertEquals(
        EnumSet.of(FitnessProblem.LEAP_ALARM, FitnessProblem.KISS_OF_DEATH),
        checks.problems(new byte[48], 1, 2));

    AtomicReference<MacKey> seen = new AtomicReference<>();
    MacLab mac =
        connect(
            (MacLab)
                (reply, key) -> {
                  seen.set(key);
                  return MacVerdict.BAD_DIGEST;
                },
            MacLab.class);
    MacKey key = new MacKey(0xffff_ffffL, "SHA1", new byte[] {1, 2, 3});
    assertEquals(MacVerdict.BAD_DIGEST, mac.check(new byte[68], key));
    assertEquals(key.keyId(), seen.get().keyId());
    assertArrayEquals(key.secret(), seen.get().secret());
  }

  /**
   * Lab 6's shape: the student's client calls the harness's transport and clock back, nested in its
   * own call.
   */
  @Test
  void aClientCallsTheHarnesssTransportAndClockBack() throws IOException {
    ClientLab client =
        connect(
            (ClientLab)
                (transport, clock, version, timeout) -> {
                  Instant t1 = clock.instant();
                  transport.send(new byte[] {(byte) version});
                  Optional<byte[]> reply = transport.receive(timeout);
                  Instant t4 = clock.instant();
                  return new ClientResult.Answered(
                      t1.getEpochSecond(),
                      reply.orElseThrow()[0],
                      0,
                      t4.getEpochSecond(),
                      0,
                      0,
                      2,
                      7);
                },
            ClientLab.class);
    List<byte[]> sent = new ArrayList<>();
    List<Duration> waits = new ArrayList<>();
    LabTransport transport = recording(sent, waits, new byte[] {42});
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC);
    ClientResult result = client.query(transport, clock, 4, Duration.ofMillis(1500));
    assertEquals(new ClientResult.Answered(1000, 42, 0, 1000, 0, 0, 2, 7), result);
    assertEquals(1, sent.size());
    assertArrayEquals(new byte[] {4}, sent.get(0));
    assertEquals(List.of(Duration.ofMillis(1500)), waits);
  }

  /**
   * A student's client that keeps the transport and clock of its first query and uses them in the
   * next: that query fails with a message saying why, in the student's own code, and the channel
   * serves the calls after it.
   */
  @Test
  void aReferenceKeptPastItsCallFailsWithAMessageAndTheChannelStays() throws IOException {
    AtomicReference<LabTransport> keptTransport = new AtomicReference<>();
    AtomicReference<Clock> keptClock = new AtomicReference<>();
    ClientLab client =
        connect(
            (ClientLab)
                (transport, clock, version, timeout) -> {
                  if (version == 4) { // the first query: keep them
                    keptTransport.set(transport);
                    keptClock.set(clock);
                  }
                  LabTransport use = version == 3 ? keptTransport.get() : transport;
                  Clock time = version == 2 ? keptClock.get() : clock;
                  Instant t1 = time.instant();
                  use.send(new byte[] {(byte) version});
                  return new ClientResult.Answered(t1.getEpochSecond(), 0, 0, 0, 0, 0, 0, 0);
                },
            ClientLab.class);
    List<byte[]> sent = new ArrayList<>();
    LabTransport transport = recording(sent, new ArrayList<>(), null);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC);
    Duration timeout = Duration.ofSeconds(1);

    assertInstanceOf(ClientResult.Answered.class, client.query(transport, clock, 4, timeout));
    RemoteFailure keptSend =
        assertThrows(RemoteFailure.class, () -> client.query(transport, clock, 3, timeout));
    assertTrue(
        keptSend
            .getMessage()
            .contains("this LabTransport was lent for one call, which has returned"),
        keptSend.getMessage());
    RemoteFailure keptTime =
        assertThrows(RemoteFailure.class, () -> client.query(transport, clock, 2, timeout));
    assertTrue(
        keptTime.getMessage().contains("this Clock was lent for one call"), keptTime.getMessage());
    // The channel is whole: a query with what it is given works.
    assertInstanceOf(ClientResult.Answered.class, client.query(transport, clock, 1, timeout));
    assertEquals(List.of(4, 1), sent.stream().map(b -> (int) b[0]).toList());
  }

  /**
   * A harness transport that calls the student again while the student waits on it: the nested
   * call's transport expires when it returns, the outer call's does not, and each is used for what
   * it was lent.
   */
  @Test
  void aNestedCallsReturnExpiresOnlyWhatItWasLent() throws IOException {
    AtomicReference<ClientLab> student = new AtomicReference<>();
    ClientLab client =
        connect(
            (ClientLab)
                (transport, clock, version, timeout) -> {
                  transport.send(new byte[] {(byte) version});
                  transport.send(new byte[] {(byte) (version + 10)}); // after any nested call
                  return new ClientResult.Answered(0, 0, 0, 0, 0, 0, 0, 0);
                },
            ClientLab.class);
    student.set(client);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC);
    Duration timeout = Duration.ofSeconds(1);
    List<String> sent = new ArrayList<>();
    LabTransport inner = recording(new ArrayList<>(), new ArrayList<>(), null);
    LabTransport outer =
        new LabTransport() {
          @Override
          public void send(byte[] datagram) throws IOException {
            sent.add("outer " + datagram[0]);
            if (datagram[0] == 4) {
              student.get().query(inner, clock, 1, timeout); // the nested call
            }
          }

          @Override
          public Optional<byte[]> receive(Duration t) {
            return Optional.empty();
          }
        };

    assertInstanceOf(ClientResult.Answered.class, client.query(outer, clock, 4, timeout));
    assertEquals(List.of("outer 4", "outer 14"), sent);
  }

  @Test
  void theHarnesssIoFailureReachesTheStudentAsTheContractDeclaresIt() throws IOException {
    AtomicReference<Throwable> caught = new AtomicReference<>();
    ClientLab client =
        connect(
            (ClientLab)
                (transport, clock, version, timeout) -> {
                  try {
                    transport.send(new byte[48]);
                  } catch (IOException e) {
                    caught.set(e);
                  }
                  return new ClientResult.NoAnswer();
                },
            ClientLab.class);
    LabTransport failing =
        new LabTransport() {
          @Override
          public void send(byte[] datagram) throws IOException {
            throw new java.net.PortUnreachableException("ICMP port unreachable");
          }

          @Override
          public Optional<byte[]> receive(Duration timeout) {
            return Optional.empty();
          }
        };
    assertEquals(
        new ClientResult.NoAnswer(),
        client.query(failing, Clock.systemUTC(), 4, Duration.ofSeconds(1)));
    IOException e = assertInstanceOf(IOException.class, caught.get());
    assertTrue(
        e.getMessage().contains("java.net.PortUnreachableException: ICMP port unreachable"),
        e.getMessage());
  }

  @Test
  void whatTheStudentThrewCrossesWithItsTypeMessageAndFrames() throws IOException {
    DecodeLab decoder =
        connect(
            new SolvedEnough() {
              @Override
              public int stratum(byte[] packet) {
                throw new UnsupportedOperationException("stratum: read byte 1");
              }

              @Override
              public int poll(byte[] packet) {
                throw new IllegalStateException(
                    "x".repeat(10_000), new ArithmeticException("cause"));
              }
            },
            DecodeLab.class);
    RemoteFailure stub = assertThrows(RemoteFailure.class, () -> decoder.stratum(new byte[48]));
    assertTrue(stub.is(UnsupportedOperationException.class));
    assertEquals("java.lang.UnsupportedOperationException: stratum: read byte 1", stub.toString());
    assertTrue(
        stub.getStackTrace()[0].getMethodName().equals("stratum"),
        List.of(stub.getStackTrace()).toString());

    RemoteFailure long_ = assertThrows(RemoteFailure.class, () -> decoder.poll(new byte[48]));
    assertTrue(
        long_.getMessage().length() < RemoteFailure.MAX_MESSAGE + 100,
        "not cut: " + long_.getMessage().length());
    assertTrue(
        long_.getMessage().endsWith("(8000 more characters cut)"),
        long_.getMessage().substring(1990));
    RemoteFailure cause = assertInstanceOf(RemoteFailure.class, long_.getCause());
    assertEquals("java.lang.ArithmeticException", cause.type());
  }

  // ---- what a hostile student process may send: each is refused, none is believed ----------

  /** Reads one answer the "student process" wrote, for a call of DecodeLab.stratum. */
  private static Object answer(byte[] frames) throws Throwable {
    Channel harness =
        new Channel(new ByteArrayInputStream(frames), new ByteArrayOutputStream(), false);
    DecodeLab decoder = harness.remote(Channel.BOOTSTRAP, DecodeLab.class);
    try {
      return decoder.referenceId(new byte[48]);
    } catch (ChannelClosed e) {
      throw e.getCause();
    }
  }

  /** The frames {@code writer} writes, as bytes: what a hostile student process may send. */
  static byte[] frames(Writer writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writer.write(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  @Test
  void aStringLongerThanTheBoundIsRefusedBeforeItIsRead() {
    Channel.Broken e =
        assertThrows(
            Channel.Broken.class,
            () ->
                answer(
                    frames(
                        out -> {
                          out.writeByte(Channel.RESULT);
                          out.writeInt(1); // the harness's first call
                          out.writeByte(5); // STRING
                          out.writeInt(Integer.MAX_VALUE);
                        })));
    assertTrue(e.getMessage().contains("a string of 2147483647 bytes"), e.getMessage());
  }

  @Test
  void aTypeOutsideTheContractsIsNeverLoaded() {
    for (String name :
        List.of(
            "java.lang.ProcessBuilder",
            "org.ntplab.grading.Grader",
            "org.ntplab.lab.sub.X",
            "org.ntplab.labs.decode.Decoder")) {
      Channel.Broken e =
          assertThrows(
              Channel.Broken.class,
              () ->
                  answer(
                      frames(
                          out -> {
                            out.writeByte(Channel.RESULT);
                            out.writeInt(1); // the harness's first call
                            out.writeByte(12); // RECORD
                            Values.writeString(out, name);
                            out.writeByte(0);
                          })),
              name);
      assertTrue(e.getMessage().contains("is not a type of the lab contracts"), e.getMessage());
    }
  }

  @Test
  void anAnswerOfTheWrongTypeIsRefused() {
    Channel.Broken e =
        assertThrows(
            Channel.Broken.class,
            () ->
                answer(
                    frames(
                        out -> {
                          out.writeByte(Channel.RESULT);
                          out.writeInt(1); // the harness's first call
                          out.writeByte(3); // LONG, where a String is wanted
                          out.writeLong(7);
                        })));
    assertTrue(
        e.getMessage().contains("a java.lang.Long where a java.lang.String was wanted"),
        e.getMessage());
  }

  @Test
  void aCallBackToAnythingTheHarnessDidNotLendIsRefused() {
    Channel.Broken e =
        assertThrows(
            Channel.Broken.class,
            () ->
                answer(
                    frames(
                        out -> {
                          out.writeByte(Channel.CALL);
                          out.writeInt(1);
                          out.writeInt(Channel.BOOTSTRAP); // the harness exports nothing as 0
                          Values.writeString(out, "getClass");
                          out.writeByte(0);
                        })));
    assertTrue(e.getMessage().contains("which this side does not hold"), e.getMessage());
  }

  @Test
  void anAnswerToAnotherCallIsRefused() {
    Channel.Broken e =
        assertThrows(
            Channel.Broken.class,
            () ->
                answer(
                    frames(
                        out -> {
                          out.writeByte(Channel.RESULT);
                          out.writeInt(7);
                          out.writeByte(5); // STRING
                          Values.writeString(out, "forged");
                        })));
    assertTrue(
        e.getMessage().contains("an answer to call 7 where call 1 was waiting"), e.getMessage());
  }

  @Test
  void unknownFramesAndTagsAreRefused() {
    assertThrows(Channel.Broken.class, () -> answer(new byte[] {9}));
    assertThrows(Channel.Broken.class, () -> answer(new byte[] {Channel.RESULT, 0, 0, 0, 1, 99}));
    Channel.Broken deep =
        assertThrows(
            Channel.Broken.class,
            () ->
                answer(
                    frames(
                        out -> {
                          out.writeByte(Channel.RESULT);
                          out.writeInt(1); // the harness's first call
                          for (int i = 0; i < 100; i++) {
                            out.writeByte(9); // OPTIONAL
                            out.writeBoolean(true);
                          }
                        })));
    assertTrue(deep.getMessage().contains("nested deeper than"), deep.getMessage());
  }

  @Test
  void anExitNoteIsKeptAndTheEndIsAClosedChannel() throws IOException {
    byte[] frames =
        frames(
            out -> {
              out.writeByte(Channel.EXIT);
              Values.writeString(out, "org.ntplab.labs.decode.Decoder.stratum(Decoder.java:9)");
            });
    Channel harness =
        new Channel(new ByteArrayInputStream(frames), new ByteArrayOutputStream(), false);
    DecodeLab decoder = harness.remote(Channel.BOOTSTRAP, DecodeLab.class);
    assertThrows(ChannelClosed.class, () -> decoder.stratum(new byte[48]));
    assertEquals("org.ntplab.labs.decode.Decoder.stratum(Decoder.java:9)", harness.exitNote());
  }

  /** Enough of lab 2 to see values cross: fixed answers, at the edges of their types. */
  private static class SolvedEnough implements DecodeLab {
    @Override
    public int leap(byte[] packet) {
      return (packet[0] & 0xff) >> 6;
    }

    @Override
    public int version(byte[] packet) {
      return (packet[0] >> 3) & 7;
    }

    @Override
    public int mode(byte[] packet) {
      return packet[0] & 7;
    }

    @Override
    public int stratum(byte[] packet) {
      return packet[1] & 0xff;
    }

    @Override
    public int poll(byte[] packet) {
      return packet[2];
    }

    @Override
    public int precision(byte[] packet) {
      return packet[3];
    }

    @Override
    public long rootDelay(byte[] packet) {
      return 0xffff_ffffL;
    }

    @Override
    public long rootDispersion(byte[] packet) {
      return 0;
    }

    @Override
    public String referenceId(byte[] packet) {
      return "\0a\u00e9\u2028";
    }

    @Override
    public long referenceTime(byte[] packet) {
      return 0;
    }

    @Override
    public long originTime(byte[] packet) {
      return 0;
    }

    @Override
    public long receiveTime(byte[] packet) {
      return 0;
    }

    @Override
    public long transmitTime(byte[] packet) {
      return Long.MIN_VALUE;
    }
  }
}
