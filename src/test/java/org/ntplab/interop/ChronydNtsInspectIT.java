package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.cli.Main;
import org.ntplab.testing.TestCertificates;
import picocli.CommandLine;

/**
 * {@code ntplab inspect --nts} against chronyd 4.3 serving NTS on loopback ({@link ChronydNts}):
 * NTS-KE's eight cookies, a reply that verifies with new cookies, chronyd's own clock as the time,
 * and a certificate from another CA refused in one line.
 */
class ChronydNtsInspectIT {

  private static ChronydNts chronyd;

  @TempDir Path dir;

  @BeforeAll
  static void startChronyd() throws IOException {
    chronyd = ChronydNts.start();
  }

  @AfterAll
  static void stopChronyd() {
    if (chronyd != null) {
      chronyd.close();
    }
  }

  @Test
  void theReplyVerifiesBringsNewCookiesAndChronydsClockIsOurs() throws Exception {
    Run run = inspect("--json");
    assertEquals(0, run.exit(), chronyd.context(run.err()));

    JsonNode json = new ObjectMapper().readTree(run.out());
    JsonNode nts = json.get("nts");
    assertTrue(nts.get("verified").asBoolean(), run.out());
    assertEquals(8, nts.get("ke").get("cookies").asInt(), "chrony gives 8 cookies at NTS-KE");
    assertEquals(100, nts.get("ke").get("cookieBytes").asInt());
    assertEquals(15, nts.get("aead").asInt());
    assertTrue(nts.get("newCookies").size() >= 1, run.out());
    assertEquals("127.0.0.1:" + chronyd.ntp().getPort(), nts.get("ntpServer").asText());
    // chronyd serves this machine's own clock: the offset is the loopback's asymmetry, no more.
    double offset = json.get("offset").asDouble();
    assertTrue(Math.abs(offset) < 0.05, "offset " + offset + " s from a server on this clock");
    assertTrue(json.get("delay").asDouble() >= 0, run.out());
  }

  @Test
  void theTextShowsKeRecordsBothAuthenticatorsAndTheTime() {
    Run run = inspect();
    assertEquals(0, run.exit(), chronyd.context(run.err()));
    String out = run.out();
    assertTrue(out.contains("agreed: AEAD_AES_SIV_CMAC_256 (15), 8 cookies, 100 bytes each"), out);
    assertTrue(out.contains("NTPv4 Port Negotiation           NTP goes to port "), out);
    assertTrue(out.contains("NTS: authenticator verified with the C2S key"), out);
    assertTrue(out.contains("NTS: authenticator verified with the S2C key"), out);
    assertTrue(out.contains("new cookies, decrypted from the authenticator"), out);
    assertTrue(out.contains("\noffset  "), out);
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedInOneLine() throws IOException {
    TestCertificates.Issued otherCa = TestCertificates.authority("not chrony's CA");
    Path ca = Files.writeString(dir.resolve("other-ca.pem"), otherCa.certificatePem());
    Run run = run("inspect", "--nts", "127.0.0.1:" + chronyd.kePort(), "--ca", ca.toString());

    assertEquals(1, run.exit(), run.out());
    assertEquals(
        "ntplab inspect: NTS-KE with 127.0.0.1 port "
            + chronyd.kePort()
            + " failed at the server certificate: the certificate of CN=localhost is not trusted:"
            + " it does not chain to the CAs in "
            + ca
            + " (issuer CN=localhost)\n",
        run.err());
  }

  private record Run(int exit, String out, String err) {}

  private static Run inspect(String... more) {
    String[] args =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(
                    "inspect",
                    "--nts",
                    "127.0.0.1:" + chronyd.kePort(),
                    "--ca",
                    chronyd.certificateFile().toString(),
                    "--no-color"),
                java.util.stream.Stream.of(more))
            .toArray(String[]::new);
    return run(args);
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
