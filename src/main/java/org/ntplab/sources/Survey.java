package org.ntplab.sources;

import java.util.List;

/**
 * What the poller found, the input of {@link Sources#decide}: each server's outcome, the time the
 * polling ended ({@code now}, seconds on the same counter as the samples' times), the poll exponent
 * the rounds were spaced by, and the client's precision in seconds.
 */
public record Survey(List<Polled> peers, double now, int pollExponent, double precision) {

  public Survey {
    peers = List.copyOf(peers);
  }
}
