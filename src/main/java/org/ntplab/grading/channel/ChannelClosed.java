package org.ntplab.grading.channel;

import java.io.IOException;

/**
 * A call across the channel could not be answered: the other process ended, or sent what is not an
 * answer. Unchecked, so that it passes through any contract method; the harness, which knows how
 * the process ended, says what happened.
 */
public final class ChannelClosed extends RuntimeException {

  public ChannelClosed(IOException cause) {
    super(cause.getMessage(), cause);
  }
}
