package org.ntplab.grading;

import java.util.Optional;
import org.ntplab.lab.ServerLab;
import org.ntplab.lab.ServerState;

/**
 * Lab 7's hand-written students: a correct one (the lab server's Responder) and classic mistakes.
 */
final class ServerStudents {

  private ServerStudents() {}

  static class Server implements ServerLab {
    @Override
    public Optional<byte[]> reply(
        byte[] request, ServerState state, long receiveTime, long transmitTime) {
      return ServerExercises.answer(request, state, receiveTime, transmitTime).reply();
    }
  }

  /**
   * Copies the request's transmit timestamp into the reply's transmit field, leaving origin zero.
   */
  static class TransmitNotOrigin extends Server {
    @Override
    public Optional<byte[]> reply(
        byte[] request, ServerState state, long receiveTime, long transmitTime) {
      return super.reply(request, state, receiveTime, transmitTime)
          .map(
              reply -> {
                System.arraycopy(new byte[8], 0, reply, 24, 8);
                System.arraycopy(request, 40, reply, 40, 8);
                return reply;
              });
    }
  }

  /** Answers a mode 6 (ntpq) datagram of 48 bytes or more as if it were a client's request. */
  static class AnswersMode6 extends Server {
    @Override
    public Optional<byte[]> reply(
        byte[] request, ServerState state, long receiveTime, long transmitTime) {
      if (request.length >= 48 && (request[0] & 7) == 6) {
        byte[] asClient = request.clone();
        asClient[0] = (byte) (asClient[0] & 0xf8 | 3);
        return super.reply(asClient, state, receiveTime, transmitTime);
      }
      return super.reply(request, state, receiveTime, transmitTime);
    }
  }

  /** Always says version 4, whatever the client spoke. */
  static class AlwaysVersion4 extends Server {
    @Override
    public Optional<byte[]> reply(
        byte[] request, ServerState state, long receiveTime, long transmitTime) {
      return super.reply(request, state, receiveTime, transmitTime)
          .map(
              reply -> {
                reply[0] = (byte) (reply[0] & 0xc7 | 4 << 3);
                return reply;
              });
    }
  }
}
