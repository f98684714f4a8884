package org.ntplab.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A flood of datagrams at an NTP server on loopback, as fast as one thread can send them, about 20%
 * of them hostile ({@link Kind}), with every reply checked: none larger than its request, none to a
 * datagram that must not be answered, none in mode 6 or 7.
 *
 * <p>Each datagram that can be answered carries a sequence number as its transmit timestamp, which
 * the reply's origin gives back; that is how a reply is matched to its request without keeping one
 * object per request. Well-formed requests come from {@link #FLOODER}, which the server's rate
 * limit is meant to catch (a kiss-o'-death RATE back is right), and from {@link Kind#SPOOFED}
 * sources: a new address of 127.1.0.0/16 (and a new port) for each, more addresses than the
 * server's rate-limit table holds, as a spoofed flood looks to a server. Their replies go nowhere:
 * the socket is closed.
 *
 * <p>{@link #send} may be called more than once; the counts add up.
 */
final class Flood {

  /** What was sent, and what the server must do with it. */
  enum Kind {
    /** A 48-byte NTPv4 client request: answered, or caught by the rate limit. */
    WELL_FORMED(true),
    /** A client request with a 1 to 8 KB extension field: answered with 48 bytes at most. */
    OVERSIZED(true),
    /** A client request from an address never seen before: answered. */
    SPOOFED(true),
    /** Random bytes whose version field is 0: not NTP (MALFORMED). */
    GARBAGE(false),
    /** The first 1 to 47 bytes of a client request (MALFORMED). */
    TRUNCATED(false),
    /** A client request followed by an extension field whose length is wrong (MALFORMED). */
    EXTENSION_JUNK(false),
    /** An ntpq read-variables request, mode 6 (never answered). */
    CONTROL(false),
    /** An ntpdc monlist request, mode 7: the amplification attack (never answered). */
    PRIVATE(false);

    final boolean answerable;

    Kind(boolean answerable) {
      this.answerable = answerable;
    }
  }

  /** The flood's own source: its well-formed and hostile datagrams come from here. */
  static final InetAddress FLOODER = address("127.0.0.2");

  /** Of 100 datagrams: 60 well-formed, 5 oversized, 15 spoofed, 20 hostile. */
  private static final Kind[] MIX = mix();

  private static final int HEADER = 48;
  private static final byte CLIENT_V4 = 0x23; // LI 0, version 4, mode 3

  private final InetSocketAddress server;
  private final long perSecond;
  private final SplittableRandom random = new SplittableRandom(6);
  private final AtomicLongArray sent = new AtomicLongArray(Kind.values().length);
  private final AtomicLong replies = new AtomicLong();
  private final AtomicLong kisses = new AtomicLong();
  private final AtomicLong largerThanRequest = new AtomicLong();
  private final AtomicLong toUnanswerable = new AtomicLong();
  private final AtomicLong unmatched = new AtomicLong();

  /**
   * The sequence number, kind and length of each recent request, in a ring indexed by sequence
   * number: a reply to a request whose place has been taken since is late, not unmatched.
   */
  private static final int RING = 1 << 20;

  private final int[] sequences = new int[RING];
  private final byte[] kinds = new byte[RING];
  private final int[] lengths = new int[RING];
  private long late;
  private int sequence = 1;
  private int spoofed;

  /**
   * @param perSecond datagrams per second at most; 0: as fast as one thread can send
   */
  Flood(InetSocketAddress server, long perSecond) {
    this.server = server;
    this.perSecond = perSecond;
  }

  /** Datagrams sent from sources of their own so far. */
  long spoofedSources() {
    return spoofed;
  }

  /**
   * Floods the server for {@code length} and at least until {@code spoofedSources} distinct spoofed
   * sources have sent (but not beyond 3 × {@code length}), then reads the replies that come within
   * half a second.
   */
  void send(Duration length, int spoofedSources) {
    ByteBuffer in = ByteBuffer.allocate(65_536);
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.bind(new InetSocketAddress(FLOODER, 0));
      channel.configureBlocking(false);
      long start = System.nanoTime();
      long end = start + length.toNanos();
      long latest = start + 3 * length.toNanos();
      long n = 0;
      for (long now = start;
          now - end < 0 || (spoofed < spoofedSources && now - latest < 0);
          now = System.nanoTime()) {
        if (perSecond > 0 && n % 64 == 0) {
          pace(start, n);
        }
        Kind kind = MIX[(int) (n++ % MIX.length)];
        byte[] datagram = datagram(kind);
        if (kind == Kind.SPOOFED) {
          sendSpoofed(datagram);
        } else if (channel.send(ByteBuffer.wrap(datagram), server) > 0) {
          sent.incrementAndGet(kind.ordinal());
        }
        if (n % 16 == 0) {
          drain(channel, in);
        }
      }
      long quiet = System.nanoTime() + 500_000_000L; // replies still on their way
      while (System.nanoTime() - quiet < 0) {
        if (!drain(channel, in)) {
          Thread.sleep(10);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Datagrams sent, by kind. */
  Map<Kind, Long> sent() {
    Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    for (Kind kind : Kind.values()) {
      counts.put(kind, sent.get(kind.ordinal()));
    }
    return counts;
  }

  long sent(Kind kind) {
    return sent.get(kind.ordinal());
  }

  long sentTotal() {
    return sent().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Replies the flooder's socket received (spoofed sources get theirs nowhere). */
  long replies() {
    return replies.get();
  }

  /** Of those, kisses-o'-death RATE. */
  long kisses() {
    return kisses.get();
  }

  /** Replies longer than the request they answered: amplification. */
  long largerThanRequest() {
    return largerThanRequest.get();
  }

  /** Replies to a datagram that must go unanswered, or in mode 6 or 7. */
  long toUnanswerable() {
    return toUnanswerable.get();
  }

  /** Replies whose origin is not a request of ours (or is beyond those remembered). */
  /** Replies to requests too old to be checked any more (a million requests ago). */
  long late() {
    return late;
  }

  long unmatched() {
    return unmatched.get();
  }

  /** Waits until the {@code n}th datagram is due at {@link #perSecond}. */
  private void pace(long start, long n) throws InterruptedException {
    long due = start + n * 1_000_000_000L / perSecond;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private void sendSpoofed(byte[] datagram) throws IOException {
    int host = spoofed++ & 0xffff;
    InetAddress source = address("127.1." + (host >>> 8) + "." + (host & 0xff));
    try (DatagramChannel channel = DatagramChannel.open()) {
      channel.bind(new InetSocketAddress(source, 0));
      if (channel.send(ByteBuffer.wrap(datagram), server) > 0) {
        sent.incrementAndGet(Kind.SPOOFED.ordinal());
      }
    }
  }

  /** Reads what replies have come; false when there were none. */
  private boolean drain(DatagramChannel channel, ByteBuffer in) throws IOException {
    boolean any = false;
    while (true) {
      in.clear();
      if (channel.receive(in) == null) {
        return any;
      }
      any = true;
      replies.incrementAndGet();
      check(in.array(), in.position());
    }
  }

  private void check(byte[] reply, int length) {
    int mode = length > 0 ? reply[0] & 7 : 0;
    if (length < HEADER || mode == 6 || mode == 7) {
      toUnanswerable.incrementAndGet();
      return;
    }
    if (reply[1] == 0
        && reply[12] == 'R'
        && reply[13] == 'A'
        && reply[14] == 'T'
        && reply[15] == 'E') {
      kisses.incrementAndGet();
    }
    long origin = ByteBuffer.wrap(reply, 24, 8).getLong();
    int seq = (int) origin;
    if (origin >>> 32 != 0 || seq <= 0 || seq >= sequence) {
      unmatched.incrementAndGet();
      return;
    }
    int slot = seq & (RING - 1);
    if (sequences[slot] != seq) {
      late++;
      return;
    }
    if (!Kind.values()[kinds[slot]].answerable) {
      toUnanswerable.incrementAndGet();
    }
    if (length > lengths[slot]) {
      largerThanRequest.incrementAndGet();
    }
  }

  private byte[] datagram(Kind kind) {
    return switch (kind) {
      case WELL_FORMED -> request(HEADER, kind);
      case SPOOFED -> request(HEADER, kind);
      case OVERSIZED -> oversized();
      case GARBAGE -> garbage();
      case TRUNCATED -> request(1 + random.nextInt(HEADER - 1), kind);
      case EXTENSION_JUNK -> extensionJunk();
      case CONTROL ->
          new byte[] {
            0x16, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0
          }; // v2 mode 6, opcode 2 read variables
      case PRIVATE -> monlist();
    };
  }

  /**
   * A client request of {@code length} bytes whose transmit timestamp is the next sequence number
   * (cut short, for a truncated one), recorded as {@code kind}.
   */
  private byte[] request(int length, Kind kind) {
    byte[] bytes = new byte[Math.max(length, HEADER)];
    bytes[0] = CLIENT_V4;
    int seq = sequence++;
    ByteBuffer.wrap(bytes).putLong(40, seq & 0xffffffffL);
    int slot = seq & (RING - 1);
    sequences[slot] = seq;
    kinds[slot] = (byte) kind.ordinal();
    lengths[slot] = length;
    return length < HEADER ? Arrays.copyOf(bytes, length) : bytes;
  }

  private byte[] oversized() {
    int field = 1024 + 4 * random.nextInt(1792); // 1 to 8 KB, a multiple of 4
    byte[] bytes = request(HEADER + field, Kind.OVERSIZED);
    ByteBuffer.wrap(bytes, HEADER, field).putShort((short) 0x1234).putShort((short) field);
    return bytes;
  }

  private byte[] garbage() {
    byte[] bytes = new byte[1 + random.nextInt(1400)];
    random.nextBytes(bytes);
    int mode = random.nextInt(6); // 0 to 5: 6 and 7 are kinds of their own
    bytes[0] = (byte) (bytes[0] & 0xc0 | mode); // version 0
    return bytes;
  }

  private byte[] extensionJunk() {
    byte[] bytes = request(HEADER + 16, Kind.EXTENSION_JUNK);
    int length = random.nextBoolean() ? 7 : 4096; // not a multiple of 4, or past the end
    ByteBuffer.wrap(bytes, HEADER, 16)
        .putShort((short) random.nextInt(0x10000))
        .putShort((short) length);
    return bytes;
  }

  /** ntpdc's MON_GETLIST_1 (implementation 3, request 42), padded to 48 bytes as ntpdc sends it. */
  private static byte[] monlist() {
    byte[] bytes = new byte[48];
    bytes[0] = 0x17; // version 2, mode 7
    bytes[2] = 3;
    bytes[3] = 42;
    return bytes;
  }

  private static Kind[] mix() {
    Kind[] mix = new Kind[100];
    int i = 0;
    i = fill(mix, i, Kind.WELL_FORMED, 60);
    i = fill(mix, i, Kind.OVERSIZED, 5);
    i = fill(mix, i, Kind.SPOOFED, 15);
    i = fill(mix, i, Kind.GARBAGE, 4);
    i = fill(mix, i, Kind.TRUNCATED, 4);
    i = fill(mix, i, Kind.EXTENSION_JUNK, 4);
    i = fill(mix, i, Kind.CONTROL, 4);
    fill(mix, i, Kind.PRIVATE, 4);
    // Interleaved, so that each second of the flood has every kind in it.
    Kind[] spread = new Kind[100];
    for (int j = 0; j < 100; j++) {
      spread[j] = mix[j * 37 % 100];
    }
    return spread;
  }

  private static int fill(Kind[] mix, int from, Kind kind, int count) {
    for (int i = 0; i < count; i++) {
      mix[from + i] = kind;
    }
    return from + count;
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
  }
}
