package org.ntplab.labs.server;

import java.util.Optional;
import org.ntplab.lab.ServerLab;
import org.ntplab.lab.ServerState;

/** Lab 7: a server's reply. Read README.md beside this file, then replace the throw. */
public class Server implements ServerLab {

  @Override
  public Optional<byte[]> reply(byte[] request, ServerState state, long receiveTime, long transmitTime) {
    throw new UnsupportedOperationException("Lab 7: implement reply(request, state, receiveTime, transmitTime):"
        + " the 48-byte reply to a client request (origin = its transmit), or Optional.empty() to drop");
  }
}
