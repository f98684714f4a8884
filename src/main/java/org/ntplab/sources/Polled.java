package org.ntplab.sources;

import java.util.List;
import java.util.Optional;
import org.ntplab.mitigation.PeerEstimate;
import org.ntplab.mitigation.PeerSample;

/**
 * What polling one server came to.
 *
 * @param polls how many times it was asked
 * @param reach the reach register as ntpq shows it in octal: bit 0 the last poll, set if answered
 * @param samples the samples its replies gave, oldest first, times on the poll's seconds counter
 * @param estimate its clock filter's last output; empty if it never answered
 * @param claim what its last usable reply said of itself; empty if it never answered
 * @param silence why the last unanswered poll got no time ("no reply", a kiss code); empty if the
 *     last poll was answered
 */
public record Polled(
    Server server,
    int polls,
    int reach,
    List<PeerSample> samples,
    Optional<PeerEstimate> estimate,
    Optional<Claim> claim,
    Optional<String> silence) {

  /** Bits of the reach register, as in ntpd. */
  public static final int REACH_BITS = 8;

  public Polled {
    samples = List.copyOf(samples);
  }

  /** The name the server is shown by. */
  public String name() {
    return server.name();
  }

  /** Whether it answered any of the last {@value #REACH_BITS} polls. */
  public boolean reachable() {
    return reach != 0 && estimate.isPresent() && claim.isPresent();
  }
}
