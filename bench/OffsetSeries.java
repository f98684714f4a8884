import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import org.ntplab.client.QueryResult;
import org.ntplab.client.ServerAddress;
import org.ntplab.client.SntpClient;
import org.ntplab.client.UdpTransport;
import org.ntplab.wire.NtpMessage;

/**
 * COUNT queries from one JVM with ntplab's client, as {@code ntplab inspect} makes them (UdpTransport,
 * the system clock, a nonce), printing each answer's offset and delay in nanoseconds, one per line:
 * {@code java -cp target/ntplab.jar bench/OffsetSeries.java HOST[:PORT] COUNT SPACING_MS}.
 */
public class OffsetSeries {
  public static void main(String[] args) throws Exception {
    InetSocketAddress server = ServerAddress.parse(args[0], NtpMessage.PORT).resolve();
    int count = Integer.parseInt(args[1]);
    Duration spacing = Duration.ofMillis(Long.parseLong(args[2]));
    try (UdpTransport transport = new UdpTransport()) {
      new SntpClient(transport, Clock.systemUTC()).queryEach(server, SntpClient.Options.DEFAULTS, count, spacing,
          outcome -> {
            if (outcome instanceof QueryResult.Answered answered) {
              System.out.println(answered.sample().offsetNanos() + " " + answered.sample().delayNanos());
            } else {
              System.out.println("no-answer");
            }
          });
    }
  }
}
