package org.ntplab.nts.ke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.X509Certificate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ntplab.testing.TestCertificates;

class ServerIdentityTest {

  private static final X509Certificate NAMES =
      TestCertificates.selfSigned(
              "nts", "DNS:*.example.com", "DNS:Time.Example.NET", "IP:192.0.2.1", "IP:2001:db8::1")
          .certificate();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "a.example.com, true",
    "A.EXAMPLE.COM., true",
    "example.com, false", // the wildcard is one label, never none
    "b.a.example.com, false", // ... and never two
    "time.example.net, true",
    "192.0.2.1, true",
    "[2001:db8:0:0::1], true",
    "2001:db8::2, false",
    "192.0.2.2, false",
  })
  void matchesAsRfc6125Says(String host, boolean matches) {
    assertEquals(matches, ServerIdentity.mismatch(NAMES, host).isEmpty(), host);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"192.0.2.1.example.com", "x192.0.2.1"})
  void anAddressWrittenInsideANameIsAName(String host) {
    assertEquals(
        Optional.of(
            "it is for *.example.com, Time.Example.NET, 192.0.2.1, 2001:db8:0:0:0:0:0:1, not "
                + host),
        ServerIdentity.mismatch(NAMES, host));
  }

  @org.junit.jupiter.api.Test
  void aCertificateWithoutSubjectAlternativeNamesNamesNoHost() {
    X509Certificate bare = TestCertificates.selfSigned("localhost").certificate();
    assertEquals(
        Optional.of("it names no host (no DNS or IP subject alternative name), not localhost"),
        ServerIdentity.mismatch(bare, "localhost"));
  }
}
