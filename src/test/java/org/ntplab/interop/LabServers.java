package org.ntplab.interop;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ntplab.server.Faults;
import org.ntplab.server.NtpServer;
import org.ntplab.server.RateLimit;
import org.ntplab.server.ServerConfig;

/**
 * Several lab servers in one JVM, for {@link SelectionAgreementIT}'s network namespaces: a JVM per
 * server would be twenty on a two-core machine. Each argument is one server, {@code
 * ADDRESS,OFFSET,ASYMMETRY,SILENT_AFTER} with durations in milliseconds (SILENT_AFTER 0: never):
 * port 123, stratum 2, root delay 10 ms and root dispersion 5 ms (as a server two hops from a
 * reference announces; with zeros the intervals are too narrow for chrony to find a majority), no
 * rate limit. Runs until killed; prints "serving" once all are up.
 */
final class LabServers {

  private LabServers() {}

  public static void main(String[] args) throws Exception {
    List<NtpServer> servers = new ArrayList<>();
    List<long[]> silences = new ArrayList<>();
    for (String arg : args) {
      String[] f = arg.split(",");
      ServerConfig config =
          ServerConfig.of(new InetSocketAddress(InetAddress.getByName(f[0]), 123))
              .withStratum(2)
              .withRootDelay(Duration.ofMillis(10))
              .withRootDispersion(Duration.ofMillis(5))
              .withRateLimit(RateLimit.OFF)
              .withFaults(
                  Faults.NONE
                      .withOffset(Duration.ofMillis(Long.parseLong(f[1])))
                      .withAsymmetry(Duration.ofMillis(Long.parseLong(f[2]))));
      servers.add(NtpServer.start(config, Clock.systemUTC()));
      silences.add(new long[] {servers.size() - 1, Long.parseLong(f[3])});
    }
    System.out.println("serving " + servers.size());
    System.out.flush();
    long start = System.nanoTime();
    List<long[]> pending = new ArrayList<>(silences);
    pending.removeIf(s -> s[1] == 0);
    while (true) {
      Thread.sleep(100);
      long ms = (System.nanoTime() - start) / 1_000_000;
      for (long[] s : List.copyOf(pending)) {
        if (ms >= s[1]) {
          servers.get((int) s[0]).close();
          System.out.println("silenced " + args[(int) s[0]].split(",")[0]);
          System.out.flush();
          pending.remove(s);
        }
      }
    }
  }
}
