package org.ntplab.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.ntplab.net.Addresses;

/**
 * A test double on real UDP: a socket on a loopback ephemeral port that answers each datagram with
 * the datagrams {@code answer} makes from it (none: stays silent), sent back to where the request
 * came from. Records what it received and from where.
 */
public final class UdpResponder implements AutoCloseable {

  /** A datagram the responder received. */
  public record Request(InetSocketAddress from, byte[] bytes) {}

  private final DatagramSocket socket;
  private final Function<Request, List<byte[]>> answer;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Thread thread;

  private UdpResponder(InetAddress address, Function<Request, List<byte[]>> answer)
      throws SocketException {
    this.socket = new DatagramSocket(new InetSocketAddress(address, 0));
    this.answer = answer;
    this.thread = new Thread(this::serve, "udp-responder-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  /** Answers on 127.0.0.1. */
  public static UdpResponder start(Function<byte[], List<byte[]>> answer) throws IOException {
    return start(InetAddress.getLoopbackAddress(), answer);
  }

  public static UdpResponder start(InetAddress address, Function<byte[], List<byte[]>> answer)
      throws IOException {
    return new UdpResponder(address, request -> answer.apply(request.bytes()));
  }

  /**
   * Answers on 127.0.0.1, told where each request came from: a liar can send something from another
   * socket to the client before {@code answer} returns what this one sends.
   */
  public static UdpResponder answering(Function<Request, List<byte[]>> answer) throws IOException {
    return new UdpResponder(InetAddress.getLoopbackAddress(), answer);
  }

  /**
   * Answers every request with the captured reply, its origin patched to the request's transmit.
   */
  public static UdpResponder capturedReply() throws IOException {
    return start(request -> List.of(CapturedReply.answering(request)));
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** {@code 127.0.0.1:PORT} or {@code [::1]:PORT}, as a user types it. */
  public String hostPort() {
    return Addresses.text(address());
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void serve() {
    byte[] buffer = new byte[65_535];
    while (!socket.isClosed()) {
      DatagramPacket in = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(in);
        byte[] request = Arrays.copyOf(in.getData(), in.getLength());
        InetSocketAddress from = (InetSocketAddress) in.getSocketAddress();
        Request received = new Request(from, request);
        requests.add(received);
        for (byte[] reply : answer.apply(received)) {
          socket.send(new DatagramPacket(reply, reply.length, from));
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
