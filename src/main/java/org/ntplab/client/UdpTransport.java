package org.ntplab.client;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.ntplab.net.Addresses;

/**
 * UDP over a {@link DatagramChannel}, IPv4 or IPv6 by the peer's address.
 *
 * <p>Every exchange ({@link #open}, or a {@link #send} without one) opens a new channel bound to an
 * ephemeral port, so each query leaves from a port the operating system picks at random (RFC 9109
 * §3: an off-path attacker must guess it before a forged reply can even arrive), and a late reply
 * to an earlier query finds its port closed. The channel is connected to the server: the kernel
 * then drops datagrams from anyone else, and an ICMP "port unreachable" comes back as a {@link
 * PortUnreachableException} instead of a silent timeout.
 */
public final class UdpTransport implements Transport {

  /** The largest UDP payload: an NTS reply with many cookies must never be cut short. */
  private static final int MAX_DATAGRAM = 65_507;

  /** How long {@link #receive} polls before it sleeps on the selector: a LAN's round trip. */
  static final Duration SPIN = Duration.ofMillis(2);

  private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
  private DatagramChannel channel;
  private Selector selector;
  private InetSocketAddress peer;

  /** When the last datagram went: {@link #receive} polls for {@link #SPIN} from then. */
  private long sentAt;

  /** The channel was opened by {@link #open} and nothing has been sent on it yet. */
  private boolean unused;

  @Override
  public void open(InetSocketAddress to) throws IOException {
    if (to.isUnresolved()) {
      throw new IllegalArgumentException("unresolved address " + to.getHostString());
    }
    close();
    peer = to;
    channel =
        DatagramChannel.open(
            to.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    try {
      channel.bind(null);
      channel.connect(to);
      channel.configureBlocking(false);
      selector = Selector.open();
      channel.register(selector, SelectionKey.OP_READ);
      // A first look for a datagram, before anything is sent (so none can be a reply): the code T4
      // waits on, the selector's and the channel's receive paths, then has run once when the reply
      // is in, rather than for the first time, hundreds of microseconds late, on a JVM's first
      // query.
      selector.selectNow();
      receiveNow();
    } catch (IOException e) {
      close();
      throw e;
    }
    unused = true;
  }

  @Override
  public void send(InetSocketAddress to, byte[] datagram) throws IOException {
    if (datagram.length == 0) {
      // DatagramChannel quietly sends nothing for an empty buffer (JDK 17): say so, never time out.
      throw new IllegalArgumentException(
          "an empty datagram cannot be sent from Java's DatagramChannel");
    }
    if (!unused || !to.equals(peer)) {
      open(to);
    }
    unused = false;
    try {
      channel.write(ByteBuffer.wrap(datagram));
      sentAt = System.nanoTime();
    } catch (PortUnreachableException e) {
      throw unreachable(e);
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  @Override
  public Optional<Received> receive(Duration timeout) throws IOException {
    if (channel == null) {
      throw new IllegalStateException("receive before send");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    // Poll without sleeping first: on loopback or a LAN the reply is in within a fraction of a
    // millisecond, and a thread the selector wakes reads T4 one scheduler wake-up late (tens of
    // microseconds here), which shows as a negative offset of half that. Java cannot read the
    // kernel's receive timestamp (SO_TIMESTAMPNS); this is the next best thing, at the cost of at
    // most SPIN of one core per query, counted from the send.
    long spinEnd =
        Math.min(deadline, sentAt + SPIN.toNanos()); // per query, however many lies come first
    while (System.nanoTime() - spinEnd < 0) {
      Optional<Received> received = receiveNow();
      if (received.isPresent()) {
        return received;
      }
      Thread.onSpinWait();
    }
    for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      // select(0) would wait forever: round a sub-millisecond remainder up, never down to 0.
      selector.select(Math.max(1, (left + 999_999) / 1_000_000));
      selector.selectedKeys().clear();
      Optional<Received> received = receiveNow();
      if (received.isPresent()) {
        return received;
      }
    }
    return Optional.empty();
  }

  /** The datagram that is waiting, if any. */
  private Optional<Received> receiveNow() throws IOException {
    buffer.clear();
    InetSocketAddress source;
    try {
      source = (InetSocketAddress) channel.receive(buffer);
    } catch (PortUnreachableException e) {
      throw unreachable(e);
    }
    if (source == null) {
      return Optional.empty();
    }
    return Optional.of(new Received(source, Arrays.copyOf(buffer.array(), buffer.position())));
  }

  private PortUnreachableException unreachable(PortUnreachableException e) {
    PortUnreachableException better =
        new PortUnreachableException(
            Addresses.text(peer) + ": port unreachable (nothing listens there)");
    better.initCause(e);
    return better;
  }

  @Override
  public void close() throws IOException {
    try {
      if (selector != null) {
        selector.close();
      }
    } finally {
      selector = null;
      unused = false;
      if (channel != null) {
        channel.close();
      }
      channel = null;
    }
  }
}
