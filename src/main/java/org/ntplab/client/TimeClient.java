package org.ntplab.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ntplab.net.Addresses;
import org.ntplab.wire.NtpTimestamp;

/**
 * A client for the Time Protocol (RFC 868, port 37), NTP's ancestor: the server answers with its
 * clock as a 32-bit big-endian count of seconds since 1900 and nothing else. Over TCP it sends
 * those 4 bytes on accepting the connection and closes it; over UDP it answers an empty datagram.
 *
 * <p>There is no origin timestamp to match, so over UDP the only checks are the source (the
 * connected socket's) and the length; a forged answer cannot be told from a real one.
 *
 * <p>RFC 868 asks over UDP with an empty datagram, but Java's {@code DatagramChannel} sends nothing
 * at all for an empty buffer, so the request is {@link #UDP_REQUEST_LENGTH} zero bytes. The classic
 * servers (inetd's and xinetd's built-in {@code time} service) answer any datagram.
 */
public final class TimeClient {

  public static final int PORT = 37;

  private static final int LENGTH = 4;

  /** What asks for the time over UDP: 4 zero bytes, since Java cannot send an empty datagram. */
  public static final int UDP_REQUEST_LENGTH = 4;

  private final Transport transport;
  private final Clock clock;
  private final Ticker ticker;

  public TimeClient(Transport transport, Clock clock, Ticker ticker) {
    this.transport = transport;
    this.clock = clock;
    this.ticker = ticker;
  }

  /**
   * The instant of a TIME answer. The era comes from the same pivot rule as NTP timestamps (RFC
   * 4330 §3): a value with the top bit clear is after 2036-02-07.
   */
  public static Instant instant(long seconds) {
    return NtpTimestamp.of(seconds, 0).toInstant(NtpTimestamp.DEFAULT_PIVOT);
  }

  /**
   * Over UDP: a datagram of 4 zero bytes, then the first 4-byte answer from the server; what else
   * arrives is ignored until the deadline. Retried like {@link SntpClient}: each attempt waits
   * twice as long as the one before.
   *
   * @return the answer, or empty when every attempt timed out
   */
  public Optional<TimeReply> queryUdp(InetSocketAddress server, Duration timeout, int attempts)
      throws IOException {
    Duration wait = timeout;
    try {
      for (int attempt = 1; attempt <= attempts; attempt++) {
        byte[] request = new byte[UDP_REQUEST_LENGTH];
        transport.open(server); // the socket's set-up is not part of the round trip
        Instant t1 = clock.instant();
        transport.send(server, request);
        Optional<TimeReply> reply =
            Awaiting.until(
                transport,
                ticker,
                clock,
                wait,
                (datagram, t4) ->
                    datagram.source().equals(server) && datagram.bytes().length == LENGTH
                        ? Optional.of(reply(server, datagram.bytes(), t1, t4))
                        : Optional.empty());
        if (reply.isPresent()) {
          return reply;
        }
        wait = wait.multipliedBy(2);
      }
    } finally {
      transport.close();
    }
    return Optional.empty();
  }

  /**
   * Over TCP, as {@code rdate} does: connect, read 4 bytes, expect the server to close. T1 is taken
   * before connecting, since the server sends as soon as the connection is accepted.
   */
  public static TimeReply queryTcp(InetSocketAddress server, Duration timeout, Clock clock)
      throws IOException {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (Socket socket = new Socket()) {
      Instant t1 = clock.instant();
      try {
        socket.connect(server, millis);
      } catch (ConnectException e) {
        throw new ConnectException(
            Addresses.text(server) + ": connection refused (nothing listens there)");
      } catch (SocketTimeoutException e) {
        throw new SocketTimeoutException(
            Addresses.text(server) + ": no connection within " + millis + " ms");
      }
      socket.setSoTimeout(millis);
      byte[] bytes = new byte[LENGTH];
      int read = 0;
      InputStream in = socket.getInputStream();
      try {
        while (read < LENGTH) {
          int n = in.read(bytes, read, LENGTH - read);
          if (n < 0) {
            throw new IOException(
                Addresses.text(server)
                    + ": connection closed after "
                    + read
                    + (read == 1 ? " byte" : " bytes")
                    + " (expected: 4)");
          }
          read += n;
        }
      } catch (SocketTimeoutException e) {
        throw new SocketTimeoutException(
            Addresses.text(server) + ": no answer within " + millis + " ms");
      }
      Instant t4 = clock.instant();
      return reply(server, bytes, t1, t4);
    }
  }

  private static TimeReply reply(InetSocketAddress server, byte[] bytes, Instant t1, Instant t4) {
    long seconds = ByteBuffer.wrap(bytes).getInt() & 0xffff_ffffL;
    return new TimeReply(server, bytes, seconds, instant(seconds), t1, t4);
  }
}
