package org.ntplab.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ntplab.client.Ticker;
import org.ntplab.client.TimeClient;
import org.ntplab.client.TimeReply;
import org.ntplab.client.Transport;
import org.ntplab.lab.LabTransport;
import org.ntplab.lab.TimeProtocolLab;

/**
 * Lab 8's bench: a scripted TIME server behind a client's transport, run with the reference ({@link
 * TimeClient#queryUdp}) and with the student's client. The server answers any datagram with the
 * script's datagrams for that request (past the end of the list, its last entry); then every
 * receive is empty. Time plays no part: only what was sent and what was taken. As in {@link
 * ScriptedServer}, each client gets a small implementation of its seam that hands every datagram to
 * the server, which keeps a copy of each request.
 */
final class ScriptedTimeServer {

  static final Duration WAIT = Duration.ofSeconds(1);
  private static final InetSocketAddress SERVER =
      new InetSocketAddress("192.0.2.1", TimeClient.PORT);
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  /**
   * What a client did: the answer it took (as hex, or "no answer") and how many requests it sent.
   */
  record Run(String answer, List<byte[]> sent) {}

  private final List<List<byte[]>> replies;
  private final List<byte[]> requests = new ArrayList<>();
  private final Deque<byte[]> pending = new ArrayDeque<>();
  private int receives;

  private ScriptedTimeServer(List<List<byte[]>> replies) {
    this.replies = replies;
  }

  static Run reference(List<List<byte[]>> replies) {
    ScriptedTimeServer server = new ScriptedTimeServer(replies);
    Transport transport = ScriptedTransports.forReference(SERVER, server::send, server::receive);
    Ticker still =
        new Ticker() {
          @Override
          public long nanos() {
            return 0; // every attempt's wait ends with an empty receive, never on the ticker
          }

          @Override
          public void sleep(Duration duration) {}
        };
    try {
      Optional<TimeReply> reply =
          new TimeClient(transport, Clock.systemUTC(), still)
              .queryUdp(SERVER, WAIT, TimeProtocolLab.ATTEMPTS);
      return new Run(show(reply.map(TimeReply::bytes)), List.copyOf(server.requests));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The student's client on {@code replies}; the requests are copies of what it sent, as sent. */
  static Run student(TimeProtocolLab lab, List<List<byte[]>> replies) {
    ScriptedTimeServer server = new ScriptedTimeServer(replies);
    LabTransport transport = ScriptedTransports.forStudent(server::send, server::receive);
    try {
      return new Run(show(lab.query(transport, WAIT)), List.copyOf(server.requests));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String show(Optional<byte[]> answer) {
    return answer == null ? "null" : answer.map(HEX::formatHex).orElse("no answer");
  }

  private void send(byte[] request) {
    if (requests.size() >= ScriptedServer.MAX_SENDS) {
      throw new IllegalStateException(
          "more than "
              + ScriptedServer.MAX_SENDS
              + " requests sent in one query (at most "
              + TimeProtocolLab.ATTEMPTS
              + " are wanted)");
    }
    requests.add(request == null ? new byte[0] : request.clone());
    pending.clear();
    pending.addAll(replies.get(Math.min(requests.size() - 1, replies.size() - 1)));
  }

  private Optional<byte[]> receive() {
    if (++receives > ScriptedServer.MAX_RECEIVES) {
      throw new IllegalStateException(
          "receive called "
              + ScriptedServer.MAX_RECEIVES
              + " times in one query: an empty receive must end the attempt");
    }
    return Optional.ofNullable(pending.poll()).map(byte[]::clone);
  }
}
