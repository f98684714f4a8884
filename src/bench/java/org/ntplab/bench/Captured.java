package org.ntplab.bench;

import java.nio.file.Path;
import java.util.List;
import org.ntplab.fixture.Fixture;
import org.ntplab.fixture.FixtureException;
import org.ntplab.fixture.FixtureStore;

/**
 * Real captured datagrams from the built-in fixtures, so that no benchmark runs on made-up bytes.
 */
final class Captured {

  /** A public server's reply (Google, stratum 1, refid GOOG): every header field non-trivial. */
  static final String REPLY = "google-ntp-captures-monitor-20-21";

  private Captured() {}

  static List<Fixture> fixtures() {
    try {
      Path root = Path.of(System.getProperty("ntplab.fixtures.builtin", "fixtures"));
      return FixtureStore.load(root).stream().map(FixtureStore.FixtureFile::fixture).toList();
    } catch (FixtureException e) {
      throw new IllegalStateException("cannot load the fixtures: " + e.getMessage(), e);
    }
  }

  static byte[] reply(String id) {
    return fixture(id)
        .replyBytes()
        .orElseThrow(() -> new IllegalStateException("fixture " + id + " has no reply"));
  }

  static byte[] request(String id) {
    return fixture(id)
        .requestBytes()
        .orElseThrow(() -> new IllegalStateException("fixture " + id + " has no request"));
  }

  private static Fixture fixture(String id) {
    return fixtures().stream()
        .filter(f -> f.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no fixture " + id));
  }
}
