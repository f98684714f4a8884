package org.ntplab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ntplab.nts.Aead;
import org.ntplab.nts.ke.KeBody;
import org.ntplab.nts.ke.KeClient;
import org.ntplab.nts.ke.KeResult;
import org.ntplab.nts.ke.KeTrust;
import org.ntplab.testing.TestCertificates;

/**
 * Our NTS-KE client against chronyd 4.3 as an NTS server on loopback ({@link ChronydNts}); each
 * handshake's time goes to the test's output.
 */
class ChronydNtsKeIT {

  private static ChronydNts chronyd;

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
  void givesEightCookiesOfAes256SivWithKeysOf32Bytes() {
    KeResult.Agreed agreed = agreed(exchange(chronyd.trust()));
    assertEquals(Aead.AES_SIV_CMAC_256, agreed.keys().aead());
    assertEquals(32, agreed.keys().c2s().length);
    assertEquals(32, agreed.keys().s2c().length);
    assertEquals(8, agreed.cookies().size());
    for (KeBody.NewCookie cookie : agreed.cookies()) {
      assertEquals(100, cookie.cookie().length, "chrony's cookies are 100 bytes");
    }
    // chrony names no other server, so NTP goes to the NTS-KE host; its port is not 123, and
    // chrony says so with a Port Negotiation record.
    assertEquals("127.0.0.1", agreed.ntpServer());
    assertEquals(chronyd.ntp().getPort(), agreed.ntpPort());
    assertTrue(
        agreed.records().stream().anyMatch(r -> r.body() instanceof KeBody.Port),
        agreed.records().toString());
    assertTrue(
        agreed.records().get(agreed.records().size() - 1).body() instanceof KeBody.EndOfMessage);
  }

  @Test
  void twoExchangesGiveDifferentKeysAndCookies() {
    KeResult.Agreed first = agreed(exchange(chronyd.trust()));
    KeResult.Agreed second = agreed(exchange(chronyd.trust()));
    assertTrue(!first.keys().equals(second.keys()), "each TLS session exports its own keys");
    assertTrue(!first.cookies().equals(second.cookies()), "each exchange gets fresh cookies");
  }

  @Test
  void aServerCertificateFromAnotherCaIsRefused() {
    TestCertificates.Issued otherCa = TestCertificates.authority("not chrony's CA");
    KeResult result = exchange(KeTrust.of(List.of(otherCa.certificate()), "another CA"));
    KeResult.Failed failed = assertInstanceOf(KeResult.Failed.class, result, context(result));
    assertEquals(KeResult.Stage.CERTIFICATE, failed.stage());
    assertEquals(
        "the certificate of CN=localhost is not trusted: it does not chain to another CA (issuer"
            + " CN=localhost)",
        failed.reason());
  }

  private static KeResult exchange(KeTrust trust) {
    KeResult result =
        new KeClient(KeClient.Options.defaults().withTrust(trust))
            .exchange("127.0.0.1", chronyd.kePort());
    if (result instanceof KeResult.Agreed agreed) {
      System.out.println(
          "NTS-KE with " + chronyd + ": handshake " + agreed.handshake().toMillis() + " ms");
    }
    return result;
  }

  private static KeResult.Agreed agreed(KeResult result) {
    return assertInstanceOf(KeResult.Agreed.class, result, context(result));
  }

  private static String context(KeResult result) {
    return chronyd.context("NTS-KE on port " + chronyd.kePort() + " came to " + result);
  }
}
