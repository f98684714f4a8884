package org.ntplab.sources;

import java.net.InetSocketAddress;

/** A server to poll: the name it is shown by (as the user typed it) and where it is. */
public record Server(String name, InetSocketAddress address) {

  public Server {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a server needs a name");
    }
  }
}
