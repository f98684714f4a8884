package org.ntplab.grading;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ntplab.client.Transport;
import org.ntplab.lab.LabTransport;

/**
 * The two seams a scripted server (lab 6's, lab 8's) stands behind: the reference client's {@link
 * Transport} and a student's {@link LabTransport}. The script, not the timeout, decides what a
 * receive gets.
 */
final class ScriptedTransports {

  private ScriptedTransports() {}

  /** For the reference client: every datagram received comes from {@code server}. */
  static Transport forReference(
      InetSocketAddress server, Consumer<byte[]> send, Supplier<Optional<byte[]>> receive) {
    return new Transport() {
      @Override
      public void send(InetSocketAddress to, byte[] datagram) {
        send.accept(datagram);
      }

      @Override
      public Optional<Received> receive(Duration timeout) {
        return receive.get().map(bytes -> new Received(server, bytes));
      }

      @Override
      public void close() {}
    };
  }

  /** For the student's client. */
  static LabTransport forStudent(Consumer<byte[]> send, Supplier<Optional<byte[]>> receive) {
    return new LabTransport() {
      @Override
      public void send(byte[] datagram) {
        send.accept(datagram);
      }

      @Override
      public Optional<byte[]> receive(Duration timeout) {
        return receive.get();
      }

      @Override
      public String toString() {
        return "transport"; // what a client that prints its transport has always shown
      }
    };
  }
}
