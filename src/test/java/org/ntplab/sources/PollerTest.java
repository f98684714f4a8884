package org.ntplab.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ntplab.client.SntpClient;
import org.ntplab.client.Ticker;
import org.ntplab.client.UdpTransport;
import org.ntplab.server.Faults;
import org.ntplab.server.NtpServer;
import org.ntplab.server.ServerConfig;

/** The poller against real lab servers on loopback, one of which stops answering. */
class PollerTest {

  @Test
  void aServerThatGoesSilentLosesReachAndItsFilterAgesButStaysInTheSurvey() throws Exception {
    try (NtpServer steady =
            NtpServer.start(
                ServerConfig.loopback().withFaults(Faults.NONE.withOffset(Duration.ofMillis(5))),
                Clock.systemUTC());
        NtpServer leaving = NtpServer.start(ServerConfig.loopback(), Clock.systemUTC())) {
      List<Server> servers =
          List.of(new Server("steady", steady.address()), new Server("leaving", leaving.address()));
      Poller poller =
          new Poller(
              UdpTransport::new,
              Clock.systemUTC(),
              Ticker.SYSTEM,
              SntpClient.Options.DEFAULTS.withTimeout(Duration.ofMillis(300)));
      Survey survey =
          poller.poll(
              servers,
              6,
              Duration.ofMillis(50),
              (done, rounds, sofar) -> {
                if (done == 2) {
                  leaving.close();
                }
              });
      Polled a = survey.peers().get(0);
      Polled b = survey.peers().get(1);
      assertEquals(077, a.reach());
      assertEquals(6, a.samples().size());
      assertTrue(Math.abs(a.estimate().orElseThrow().offset() - 0.005) < 0.004, a.toString());
      assertEquals(060, b.reach(), Integer.toOctalString(b.reach()));
      assertEquals(6, b.polls());
      assertEquals(2, b.samples().size());
      assertTrue(b.silence().isPresent());
      // Three misses in a row shifted dummies in: the estimate's dispersion grew by a sixteenth of
      // MAXDISP and more.
      assertTrue(b.estimate().orElseThrow().dispersion() > 1, b.toString());
      assertTrue(b.reachable());
    }
  }

  @Test
  void pollExponentIsLog2OfTheIntervalRoundedDown() {
    assertEquals(1, Poller.pollExponent(Duration.ofSeconds(2)));
    assertEquals(1, Poller.pollExponent(Duration.ofSeconds(3)));
    assertEquals(-2, Poller.pollExponent(Duration.ofMillis(250)));
  }
}
