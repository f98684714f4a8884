package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A plain {@code inspect} loads nothing of NTS's libraries: Bouncy Castle's TLS and Tink cost
 * start-up that only {@code inspect --nts} should pay. Checked in a JVM of its own with {@code
 * -verbose:class}, as a user's run would load them.
 */
class InspectClassLoadingTest {

  @Test
  void aPlainInspectLoadsNeitherBouncyCastleNorTink() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-verbose:class",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "inspect",
                "--no-color")
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);

    List<String> loaded = output.lines().filter(l -> l.contains("class,load")).toList();
    assertTrue(
        loaded.stream().anyMatch(l -> l.contains(" org.ntplab.exchange.ExchangeReport ")),
        "-verbose:class lists what inspect loads: " + output);
    List<String> nts =
        loaded.stream()
            .filter(l -> l.contains(" org.bouncycastle.") || l.contains(" com.google.crypto.tink."))
            .toList();
    assertEquals(List.of(), nts, "classes of NTS loaded by a plain inspect");
  }
}
