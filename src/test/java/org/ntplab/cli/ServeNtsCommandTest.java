package org.ntplab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ntplab.nts.ke.KeClient;
import org.ntplab.nts.ke.KeResult;
import org.ntplab.nts.ke.KeTrust;
import org.ntplab.testing.TestCertificates;

/** {@code ntplab serve --nts}: where NTS-KE listens, what it gives, and its one-line refusals. */
class ServeNtsCommandTest {

  private static final TestCertificates.Issued LOCALHOST =
      TestCertificates.selfSigned("localhost", "DNS:localhost", "IP:127.0.0.1");

  @TempDir Path dir;

  @Test
  void saysWhereNtsKeListensAndHandsOutKeysForTheNtpPort() throws Exception {
    try (ServeCommandTest.Running serve =
        new ServeCommandTest.Running(
            "--port",
            "0",
            "--time-port",
            "0",
            "--nts",
            "--cert",
            cert(),
            "--key",
            key(),
            "--ke-port",
            "0")) {
      Matcher line =
          Pattern.compile("NTS-KE on 127\\.0\\.0\\.1:(\\d+) \\(TCP, TLS 1\\.3\\)")
              .matcher(serve.out.toString());
      assertTrue(line.find(), serve.out.toString());
      KeResult result =
          new KeClient(
                  KeClient.Options.defaults()
                      .withTrust(KeTrust.of(List.of(LOCALHOST.certificate()), "the test's")))
              .exchange("127.0.0.1", Integer.parseInt(line.group(1)));
      KeResult.Agreed agreed = assertInstanceOf(KeResult.Agreed.class, result, result.toString());
      assertEquals(serve.server.address().getPort(), agreed.ntpPort());
    }
  }

  @Test
  void ntsWithoutACertificateIsRefusedInOneLine() {
    assertRefused("--nts needs --cert FILE (see --help for a test certificate)", "--nts");
  }

  @Test
  void aKeyWithoutNtsIsRefusedInOneLine() throws Exception {
    assertRefused("--cert, --key and --nts-forge go with --nts", "--key", key());
  }

  @Test
  void anotherCertificatesKeyIsRefusedInOneLine() throws Exception {
    Path other =
        Files.writeString(
            dir.resolve("other.key"), TestCertificates.selfSigned("other").privateKeyPem());
    assertRefused(
        "--nts: the key in "
            + other
            + " is not the key of the certificate in "
            + cert()
            + " (CN=localhost)",
        "--nts",
        "--cert",
        cert(),
        "--key",
        other.toString());
  }

  @Test
  void aMissingCertificateIsRefusedInOneLine() throws Exception {
    Path missing = dir.resolve("missing.crt");
    assertRefused(
        "--nts: the certificate file " + missing + " does not exist",
        "--nts",
        "--cert",
        missing.toString(),
        "--key",
        key());
  }

  @Test
  void helpTeachesHowToMakeATestCertificateAndThatClientsNeedIt() {
    CliRun run = CliRun.of("serve", "--help");
    assertTrue(run.out().contains("openssl req -x509 -newkey ec"), run.out());
    assertTrue(run.out().contains("subjectAltName=DNS:localhost,IP:127.0.0.1"), run.out());
    assertTrue(run.out().contains("--ca server.crt"), run.out());
  }

  private void assertRefused(String message, String... args) {
    String[] all = new String[args.length + 5];
    System.arraycopy(new String[] {"serve", "--port", "0", "--time-port", "0"}, 0, all, 0, 5);
    System.arraycopy(args, 0, all, 5, args.length);
    CliRun run = CliRun.of(all);
    assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
    assertEquals("ntplab serve: " + message + "\n", run.err());
  }

  private String cert() throws Exception {
    return Files.writeString(dir.resolve("server.crt"), LOCALHOST.certificatePem()).toString();
  }

  private String key() throws Exception {
    return Files.writeString(dir.resolve("server.key"), LOCALHOST.privateKeyPem()).toString();
  }
}
